/**
 * The one pending Undo: after a record is removed, a toast offers to bring it back for UNDO_SECONDS. A
 * session store, so a lock drops the offer with everything else (the record itself waits 30 days in the
 * record bin; the offer is only the shortcut).
 */
import { createStore } from './store';

export const UNDO_SECONDS = 10;

export interface UndoOffer {
  /** The removed record; `records.restore` brings it back. */
  id: string;
  /** What the toast says, already in the UI language ("Note removed"). */
  message: string;
  /** Bumped per offer, so a newer offer restarts the countdown. */
  serial: number;
}

export const undoStore = createStore<UndoOffer | null>(null);
let serial = 0;

export function offerUndo(id: string, message: string): void {
  undoStore.set({ id, message, serial: ++serial });
}

export function dismissUndo(serialOf: number): void {
  if (undoStore.get()?.serial === serialOf) undoStore.set(null);
}
