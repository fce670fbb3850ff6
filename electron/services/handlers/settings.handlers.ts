import type { Handlers } from '../../ipc/dispatcher';
import type { SettingsService } from '../settings/settings-service';

type SettingsHandlers = Pick<Handlers, `settings.${string}` & keyof Handlers>;

export function settingsHandlers(settings: SettingsService): SettingsHandlers {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (r) => settings.update(r.patch, r.passphrase),
  };
}
