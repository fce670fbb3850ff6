import { SaktaError } from '../../../shared/errors';
import type { Handlers } from '../dispatcher';
import type { SettingsService } from '../../services/settings/settings-service';

type SettingsHandlers = Pick<Handlers, `settings.${string}` & keyof Handlers>;

export function settingsHandlers(settings: SettingsService): SettingsHandlers {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (r) => {
      // The page never names a folder: it is chosen in the folder dialog (backup.setFolder). Clearing it is fine.
      if (r.patch.backupFolder != null) {
        throw new SaktaError('VALIDATION', 'Choose the backup folder with the folder dialog.', { backupFolder: 'Choose the folder with the dialog' });
      }
      if (r.patch.teamFolder != null) {
        throw new SaktaError('VALIDATION', 'Choose the team folder with the folder dialog.', { teamFolder: 'Choose the folder with the dialog' });
      }
      return settings.update(r.patch, r.passphrase);
    },
  };
}
