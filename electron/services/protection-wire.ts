import { BackupService } from './backup/backup-service';
import { ClipboardGuard, type ClipboardLike } from './clipboard/clipboard-guard';
import { backupHandlers } from './handlers/backup.handlers';
import { protectionHandlers } from './handlers/protection.handlers';
import { settingsHandlers } from './handlers/settings.handlers';
import { systemClock, type Clock } from './lock/clock';
import { SettingsService } from './settings/settings-service';
import { ProtectionService } from './shred/protection-service';
import type { PickedPaths } from './paths/picked-paths';
import type { VaultService } from './vault-service';

export type { ClipboardLike };

/** Settings, backups, clipboard and erase for one vault (issue 6), wired once for app-services. */
export function createProtection(deps: { vault: VaultService; vaultDir: string; picked: PickedPaths; clipboard?: ClipboardLike; now?: () => Date; clock?: Clock }) {
  const settings = new SettingsService({ vault: deps.vault, now: deps.now });
  const backup = new BackupService({ vault: deps.vault, settings, now: deps.now });
  const clipboardGuard = deps.clipboard ? new ClipboardGuard({ clipboard: deps.clipboard, clock: deps.clock ?? systemClock }) : undefined;
  if (clipboardGuard) deps.vault.onLock(() => void clipboardGuard.onLock());
  // A backup must not outlive the keys it signs with.
  deps.vault.onLock(() => void backup.cancel());
  const protection = new ProtectionService({ vault: deps.vault, vaultDir: deps.vaultDir, clipboard: clipboardGuard });
  return {
    settings,
    backup,
    protection,
    clipboardGuard,
    handlers: { ...settingsHandlers(settings), ...backupHandlers(backup, deps.picked), ...protectionHandlers(protection) },
  };
}
