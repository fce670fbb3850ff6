import type { Handlers } from '../dispatcher';
import type { SettingsService } from '../../services/settings/settings-service';

type SettingsHandlers = Pick<Handlers, `settings.${string}` & keyof Handlers>;

export function settingsHandlers(settings: SettingsService): SettingsHandlers {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (r) => settings.update(r.patch, r.passphrase),
  };
}
