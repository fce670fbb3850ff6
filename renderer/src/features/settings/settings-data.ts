import type { ErrorCode } from '../../../../shared/errors';
import type { Settings, SettingsPatch } from '../../../../shared/schemas/settings';
import { call, isApiError } from '../../api/client';
import { invalidate, useQuery } from '../../state/store';

export const SETTINGS_KEY = 'settings.get';

export function useSettings() {
  return useQuery(SETTINGS_KEY, () => call('settings.get', {}));
}

export type SaveOutcome = { ok: true; settings: Settings } | { ok: false; fields: Record<string, string>; code: ErrorCode; message: string };

/**
 * Saves a patch. Field errors from the main process arrive keyed by their path ("autoLockMinutes",
 * sometimes prefixed); only the setting's own name is kept so a form can place them.
 */
export async function saveSettings(patch: SettingsPatch, passphrase?: string): Promise<SaveOutcome> {
  try {
    const settings = await call('settings.update', { patch, passphrase });
    // Other screens (the shell's reminder, backup status) read settings too.
    invalidate('settings.');
    invalidate('backup.');
    return { ok: true, settings };
  } catch (e) {
    if (!isApiError(e)) throw e;
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(e.fields ?? {})) fields[k.split('.').pop() ?? k] = v;
    return { ok: false, fields, code: e.code, message: e.message };
  }
}
