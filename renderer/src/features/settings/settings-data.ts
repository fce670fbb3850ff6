import type { ErrorCode } from '../../../../shared/errors';
import type { Settings, SettingsPatch } from '../../../../shared/schemas/settings';
import { call, isApiError } from '../../api/client';
import { createStore, useQuery, useStore, type QueryState } from '../../state/store';

/** The settings as last saved in this session; a session store, so it is dropped at lock like everything else. */
const savedStore = createStore<Settings | null>(null);

/**
 * The settings, loaded once per unlock and then replaced by each save's answer. Saving does not reload
 * the query, so forms stay mounted and keep their "Saved." message and focus.
 */
export function useSettings(): QueryState<Settings> {
  const loaded = useQuery('settings.get', {});
  const saved = useStore(savedStore);
  if (saved) return { status: 'ready', data: saved };
  return loaded;
}

/** After a change made by another channel (the backup folder, chosen through its dialog): read the settings again. */
export async function reloadSettings(): Promise<void> {
  savedStore.set(await call('settings.get', {}));
}

export type SaveOutcome = { ok: true; settings: Settings } | { ok: false; fields: Record<string, string>; code: ErrorCode; message: string };

/**
 * Saves a patch. Field errors from the main process arrive keyed by their path ("autoLockMinutes",
 * sometimes prefixed); only the setting's own name is kept so a form can place them.
 */
export async function saveSettings(patch: SettingsPatch, passphrase?: string): Promise<SaveOutcome> {
  try {
    const settings = await call('settings.update', { patch, passphrase });
    savedStore.set(settings);
    return { ok: true, settings };
  } catch (e) {
    if (!isApiError(e)) throw e;
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(e.fields ?? {})) fields[k.split('.').pop() ?? k] = v;
    return { ok: false, fields, code: e.code, message: e.message };
  }
}
