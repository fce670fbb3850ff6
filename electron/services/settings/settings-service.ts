import { SaktaError } from '../../../shared/errors';
import {
  DEFAULT_SETTINGS,
  SETTING_NAMES,
  SETTING_SCHEMAS,
  SettingsPatchSchema,
  type SettingName,
  type Settings,
  type SettingsPatch,
  type StoredSettings,
} from '../../../shared/schemas/settings';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { ReadDb } from '../../db/connection';
import type { ChangeWriter } from '../changes/change-writer';
import type { VaultService } from '../vault-service';

export type SettingsListener = (next: Settings, changed: (keyof Settings)[]) => void;

export interface SettingsServiceDeps {
  vault: VaultService;
  /** The write path: a settings change and its audit entry land together. */
  writer: ChangeWriter;
  /** Whether the test-only auto-lock override in seconds may be set (SAKTA_TEST_FAST_KDF=1). */
  allowTestOverrides?: () => boolean;
}

const testOverridesFromEnv = () => process.env.SAKTA_TEST_FAST_KDF === '1';

/** Reads stored rows; a row that no longer parses (older build, hand edit) reads as its default. */
export function readStoredSettings(db: ReadDb): StoredSettings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'`).get();
  if (!hasTable) return out as StoredSettings;
  for (const row of db.prepare('SELECT name, value FROM settings').iterate() as Iterable<{ name: string; value: string }>) {
    if (!(SETTING_NAMES as string[]).includes(row.name)) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(row.value);
    } catch {
      continue;
    }
    const parsed = SETTING_SCHEMAS[row.name as SettingName].safeParse(raw);
    if (parsed.success) out[row.name] = parsed.data;
  }
  return out as StoredSettings;
}

/** User settings in the encrypted database, plus the KDF profile, which lives in the vault header. */
export class SettingsService {
  private readonly listeners = new Set<SettingsListener>();

  constructor(private readonly deps: SettingsServiceDeps) {}

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(): Settings {
    const { db } = this.deps.vault.current();
    return { ...readStoredSettings(db), kdfProfile: this.kdfProfile() };
  }

  /** Idle time before auto-lock, in milliseconds (the test override wins only where it is allowed). */
  autoLockMs(settings: Settings = this.get()): number {
    const allowTest = (this.deps.allowTestOverrides ?? testOverridesFromEnv)();
    if (allowTest && settings.autoLockTestSeconds !== null) return settings.autoLockTestSeconds * 1000;
    return settings.autoLockMinutes * 60_000;
  }

  async update(patchIn: unknown, passphrase?: string): Promise<Settings> {
    const patch: SettingsPatch = parseOrThrow(SettingsPatchSchema, patchIn, 'settings');
    const session = this.deps.vault.current();
    const allowTest = (this.deps.allowTestOverrides ?? testOverridesFromEnv)();
    if (patch.autoLockTestSeconds != null && !allowTest) {
      throw new SaktaError('VALIDATION', 'The auto-lock override in seconds is for tests only.', {
        autoLockTestSeconds: 'Only available in test builds',
      });
    }
    const before = this.get();
    const changed: (keyof Settings)[] = [];

    // The header change first: it asks for the passphrase and can fail; the rows are written only after it worked.
    if (patch.kdfProfile && patch.kdfProfile !== before.kdfProfile) {
      if (!passphrase) throw new SaktaError('VALIDATION', 'Enter your passphrase to change the key strength.', { passphrase: 'Enter your passphrase' });
      await this.deps.vault.setKdfProfile(passphrase, patch.kdfProfile);
      changed.push('kdfProfile');
    }

    const rows = SETTING_NAMES.filter((n) => patch[n] !== undefined && JSON.stringify(patch[n]) !== JSON.stringify(before[n]));
    changed.push(...rows);
    if (changed.length) {
      // One write for the whole save, the key strength included (its change lives in the header, already
      // written above): the trail records it, and the screens showing the vault's facts reload.
      this.deps.writer.write(({ db, at, record }) => {
        const upsert = db.prepare(
          `INSERT INTO settings (name, value, updated_at) VALUES (?, ?, ?)
           ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        );
        for (const n of rows) upsert.run(n, JSON.stringify(patch[n]), at);
        // Names only: the backup folder path is the one value that could say something about the user.
        record({ action: 'settings.update', entityType: 'settings', detail: { changed } });
      }, session);
    }
    const after = this.get();
    if (changed.length) for (const l of this.listeners) l(after, changed);
    return after;
  }

  private kdfProfile(): Settings['kdfProfile'] {
    const p = this.deps.vault.info().kdf.profile;
    return p === 'high-risk' || p === 'test' ? p : 'standard';
  }
}
