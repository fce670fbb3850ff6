/**
 * Which top-level screen shows, and the lock transition. Locking drops every session store and
 * the query cache first, then shows the unlock screen; only the route (area name and record ids, never
 * record content) survives, so the user returns to the same screen, e.g. the same case and tab.
 */
import { call, callResult, isApiError } from '../../api/client';
import type { LockReason } from '../../../../shared/ipc/events';
import { DEFAULT_ROUTE, navigate, routeStore, type Route } from '../../router/router';
import { createStore, dropSessionState } from '../../state/store';
import { hasUnsavedText } from '../../state/unsaved-forms';

export type Screen =
  | { kind: 'loading' }
  | { kind: 'no-api' }
  | { kind: 'startup-error'; code: string }
  | { kind: 'create' }
  | { kind: 'recovery-key'; recoveryKey: string }
  /** `discarded`: a record form held unsaved text when the vault locked, and it was dropped with the keys. */
  | { kind: 'unlock'; reason: LockReason | null; discarded?: boolean }
  | { kind: 'recover' }
  /** Restore a backup; `vaultExists`: a vault is in the app's folder and would be moved aside. */
  | { kind: 'restore'; vaultExists: boolean }
  | { kind: 'app' };

// Kept across locks on purpose: these two stores implement the lock itself.
export const screenStore = createStore<Screen>({ kind: 'loading' }, { keepOnLock: true });
const returnToStore = createStore<Route | null>(null, { keepOnLock: true });

export async function startSession(hasApi: boolean): Promise<void> {
  if (!hasApi) return screenStore.set({ kind: 'no-api' });
  const r = await callResult('vault.status', {});
  if (!r.ok) return screenStore.set({ kind: 'startup-error', code: r.error.code });
  if (!r.value.exists) return screenStore.set({ kind: 'create' });
  if (r.value.unlocked) return enterApp();
  screenStore.set({ kind: 'unlock', reason: null });
}

/** Anything showing vault content (or the recovery key) must disappear on lock. */
function showsVaultContent(s: Screen): boolean {
  return s.kind === 'app' || s.kind === 'recovery-key';
}

export function handleLocked(reason: LockReason): void {
  const screen = screenStore.get();
  if (!showsVaultContent(screen)) return;
  const route = screen.kind === 'app' ? routeStore.get() : null;
  const discarded = screen.kind === 'app' && hasUnsavedText();
  dropSessionState();
  returnToStore.set(route);
  screenStore.set({ kind: 'unlock', reason, discarded });
}

/** The Lock button: the UI forgets first, then asks the main process to close the vault. */
export async function lockNow(): Promise<void> {
  handleLocked('user');
  try {
    await call('vault.lock', {});
  } catch (e) {
    // The screen is already locked; a failure here changes nothing the user can act on.
    if (!isApiError(e)) throw e;
  }
}

export function enterApp(): void {
  const back = returnToStore.get();
  returnToStore.set(null);
  navigate(back?.name ?? DEFAULT_ROUTE.name, { ...back?.params });
  screenStore.set({ kind: 'app' });
}

export function showRecoveryKey(recoveryKey: string): void {
  screenStore.set({ kind: 'recovery-key', recoveryKey });
}

export function showRecover(): void {
  screenStore.set({ kind: 'recover' });
}

export function showRestore(vaultExists: boolean): void {
  screenStore.set({ kind: 'restore', vaultExists });
}

export function showUnlock(): void {
  screenStore.set({ kind: 'unlock', reason: null });
}
