import { clipboard, globalShortcut, powerMonitor, type BrowserWindow } from 'electron';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings';
import type { AppServices } from '../composition/app-services';
import type { ClipboardLike } from '../services/clipboard/clipboard-guard';
import { systemClock } from '../services/lock/clock';
import { wireLockPolicy } from '../services/lock/lock-wiring';

/** How often the OS idle time is read. The lock itself is timed by the policy; this only reports activity. */
const IDLE_POLL_MS = 5_000;

/** Electron's clipboard as the guard sees it: plain text only, so no HTML or image copy of case data is left. */
export const electronClipboard: ClipboardLike = {
  readText: () => clipboard.readText(),
  writeText: (text) => clipboard.writeText(text),
  clear: () => clipboard.clear(),
};

/**
 * The Electron side of issue 6: the idle lock fed from the OS idle time (input anywhere counts, as a lawyer
 * reading a long document in Sakta types nothing), the global panic shortcut, and hiding the window on a
 * panic lock so nothing stays on screen while the renderer clears. Call after app.whenReady().
 * Returns an undo for tests and shutdown.
 */
export function installProtection(deps: { services: AppServices; window: () => BrowserWindow | null }): () => void {
  const { services } = deps;
  const idleLock = wireLockPolicy({ vault: services.vault, settings: services.settings, clock: systemClock });

  const poll = setInterval(() => {
    if (!idleLock.policy.isArmed) return;
    // Seconds since the last keyboard or mouse input anywhere on the machine.
    if (powerMonitor.getSystemIdleTime() * 1000 < IDLE_POLL_MS) idleLock.policy.activity();
    else idleLock.policy.check();
  }, IDLE_POLL_MS);
  poll.unref?.();

  // A resume can come after hours asleep: check at once rather than at the next poll.
  const onResume = () => idleLock.policy.check();
  powerMonitor.on('resume', onResume);

  const offLock = services.vault.onLock((reason) => {
    if (reason !== 'panic') return;
    const win = deps.window();
    if (win && !win.isDestroyed()) win.hide();
  });

  let registered: string | null = null;
  function registerPanic(accelerator: string): void {
    if (registered) globalShortcut.unregister(registered);
    registered = null;
    try {
      // Works while the vault is locked too: pressing it then only hides the window.
      if (globalShortcut.register(accelerator, panic)) registered = accelerator;
    } catch {
      // An accelerator another app owns or the OS rejects: the in-window Lock button still works.
    }
  }
  function panic(): void {
    const win = deps.window();
    if (services.vault.status().unlocked) services.vault.lock('panic');
    else if (win && !win.isDestroyed()) win.hide();
  }

  // The shortcut is stored in the encrypted settings, readable only after unlock; until then the default.
  registerPanic(DEFAULT_SETTINGS.panicShortcut);
  services.vault.addOpenHook(() => registerPanic(services.settings.get().panicShortcut));
  const offSettings = services.settings.onChange((next, changed) => {
    if (changed.includes('panicShortcut')) registerPanic(next.panicShortcut);
  });

  return () => {
    clearInterval(poll);
    powerMonitor.off('resume', onResume);
    offLock();
    offSettings();
    idleLock.dispose();
    if (registered) globalShortcut.unregister(registered);
  };
}
