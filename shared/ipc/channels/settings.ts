import { SettingsSchema, SettingsUpdateRequestSchema } from '../../schemas/settings';
import { z } from 'zod';

const Empty = z.strictObject({});

export const settingsChannels = {
  'settings.get': { request: Empty, response: SettingsSchema },
  /** Partial update; a change of `kdfProfile` needs `passphrase` and re-wraps the master key. */
  'settings.update': { request: SettingsUpdateRequestSchema, response: SettingsSchema },
} as const;
