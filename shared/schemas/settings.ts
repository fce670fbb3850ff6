import { z } from 'zod';
import { KdfProfileSchema, PassphraseSchema } from './vault';

/**
 * User settings, kept one row per name in the encrypted database (migration 005). Each value has its own
 * schema so a row is validated on its own when read; a stored value that no longer parses falls back to
 * its default rather than locking the lawyer out of the settings screen.
 */
export const LANGUAGES = ['en', 'ru', 'ky'] as const;
export const LanguageSchema = z.enum(LANGUAGES);

/** An Electron accelerator: modifiers joined by "+", then one key. Kept strict so a typo cannot disable panic. */
const MODIFIERS = ['CommandOrControl', 'CmdOrCtrl', 'Command', 'Cmd', 'Control', 'Ctrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta'] as const;
const KEY_RE = /^([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Home|End|PageUp|PageDown|Escape|Esc|Up|Down|Left|Right|Plus|[`~!@#$%^&*()\-=[\]\\;',./])$/;
export const AcceleratorSchema = z
  .string()
  .trim()
  .max(80, 'At most 80 characters')
  .refine((s) => {
    const parts = s.split('+');
    const key = parts.pop() ?? '';
    if (parts.length === 0 || !KEY_RE.test(key)) return false;
    return parts.every((m) => (MODIFIERS as readonly string[]).includes(m)) && new Set(parts).size === parts.length;
  }, 'Use one or more modifiers and a key, e.g. CommandOrControl+Alt+L');

/** Absolute path of a folder (the OS check happens when a backup runs). */
export const FolderPathSchema = z
  .string()
  .trim()
  .min(1, 'Choose a folder')
  .max(4096, 'The path is too long')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'Choose a full folder path');

export const PRUNE_LIMITS = { keepLastMax: 100, keepWeeklyMax: 260 } as const;

/** Every user setting with its schema and default. `kdfProfile` is not stored here: it lives in the vault header. */
export const SETTING_SCHEMAS = {
  autoLockMinutes: z.number().int('Whole minutes').min(1, 'At least 1 minute').max(240, 'At most 240 minutes'),
  /** Test-only: overrides auto-lock in seconds. Accepted only when SAKTA_TEST_FAST_KDF=1 (the service checks). */
  autoLockTestSeconds: z.number().int().min(1).max(3600).nullable(),
  panicShortcut: AcceleratorSchema,
  backupFolder: FolderPathSchema.nullable(),
  /** The folder shared cases sync through (chosen in the folder dialog, docs/sync.md). */
  teamFolder: FolderPathSchema.nullable(),
  backupReminderDays: z.number().int('Whole days').min(1, 'At least 1 day').max(365, 'At most 365 days'),
  backupKeepLast: z.number().int().min(1, 'Keep at least 1 backup').max(PRUNE_LIMITS.keepLastMax),
  backupKeepWeekly: z.number().int().min(0).max(PRUNE_LIMITS.keepWeeklyMax),
  language: LanguageSchema,
  hearingLeadDays: z.number().int().min(0).max(60),
  deadlineLeadDays: z.number().int().min(0).max(60),
} as const;

export type SettingName = keyof typeof SETTING_SCHEMAS;
export const SETTING_NAMES = Object.keys(SETTING_SCHEMAS) as SettingName[];

export const StoredSettingsSchema = z.strictObject(SETTING_SCHEMAS);
export type StoredSettings = z.infer<typeof StoredSettingsSchema>;

export const DEFAULT_SETTINGS: StoredSettings = {
  autoLockMinutes: 5,
  autoLockTestSeconds: null,
  panicShortcut: 'CommandOrControl+Alt+L',
  backupFolder: null,
  teamFolder: null,
  backupReminderDays: 7,
  backupKeepLast: 5,
  backupKeepWeekly: 8,
  language: 'en',
  hearingLeadDays: 1,
  deadlineLeadDays: 3,
};

/** What settings.get returns: the stored settings plus the header's KDF profile. */
export const SettingsSchema = StoredSettingsSchema.extend({
  kdfProfile: z.enum(['standard', 'high-risk', 'test']),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** A partial update. Changing `kdfProfile` re-wraps the master key and needs the passphrase. */
export const SettingsPatchSchema = StoredSettingsSchema.partial().extend({
  kdfProfile: KdfProfileSchema.optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const SettingsUpdateRequestSchema = z.strictObject({
  patch: SettingsPatchSchema,
  passphrase: PassphraseSchema.optional(),
});
