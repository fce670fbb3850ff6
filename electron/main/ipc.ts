import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS } from '../../shared/ipc/contract';
import { events, type EventName, type EventPayload } from '../../shared/ipc/events';
import type { Caller, Dispatch } from '../ipc/dispatcher';
import { frameOrigin } from './security-policy';

/** Who is calling, as the dispatcher judges it: the frame's origin, and whether it is the top frame. */
export function callerOf(event: IpcMainInvokeEvent): Caller {
  const frame = event.senderFrame;
  return { origin: frameOrigin(frame), isMainFrame: frame !== null && frame === event.sender.mainFrame };
}

/** One ipcMain.handle per contract channel, all through the same dispatcher. Returns an undo. */
export function registerIpc(dispatch: Dispatch): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => dispatch(channel, payload, callerOf(event)));
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Main → renderer. The payload is checked against its schema so nothing unplanned crosses. */
export function sendEvent<E extends EventName>(target: WebContents | null | undefined, name: E, payload: EventPayload<E>): void {
  if (!target || target.isDestroyed()) return;
  const parsed = events[name].safeParse(payload);
  if (!parsed.success) return;
  target.send(name, parsed.data);
}
