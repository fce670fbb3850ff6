import type { SettingsService } from '../settings/settings-service';
import type { VaultService } from '../vault-service';
import type { Clock } from './clock';
import { LockPolicy, type PolicyLockReason } from './lock-policy';

/**
 * Connects a LockPolicy to the vault: armed at every unlock with the auto-lock setting, disarmed at every
 * lock, and re-timed when the setting changes. The main process then only feeds it events:
 * `policy.activity()` on input, `policy.event('suspend' | 'lock-screen' | 'panic')` from powerMonitor and
 * the global shortcut.
 */
export function wireLockPolicy(deps: { vault: VaultService; settings: SettingsService; clock: Clock; onLocked?: (reason: PolicyLockReason) => void }) {
  const policy = new LockPolicy({
    clock: deps.clock,
    idleMs: 5 * 60_000,
    lock: (reason) => {
      deps.vault.lock(reason);
      deps.onLocked?.(reason);
    },
  });
  deps.vault.addOpenHook(() => {
    policy.setIdleMs(deps.settings.autoLockMs());
    policy.arm();
  });
  const offLock = deps.vault.onLock(() => policy.disarm());
  const offSettings = deps.settings.onChange((s, changed) => {
    if (changed.includes('autoLockMinutes') || changed.includes('autoLockTestSeconds')) policy.setIdleMs(deps.settings.autoLockMs(s));
  });
  return {
    policy,
    dispose() {
      policy.disarm();
      offLock();
      offSettings();
    },
  };
}
