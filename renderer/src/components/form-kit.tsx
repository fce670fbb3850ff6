/**
 * Small pieces every case-work form shares: a labelled field with its error beside it, the mapping
 * of the service's VALIDATION `fields` onto form fields, and text ↔ value helpers for optional inputs.
 */
import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { z } from 'zod';
import { formatDay, formatPartialDate, readDate, readExactDay } from '../../../shared/partial-date';
import { TimeSchema, type PartialDate } from '../../../shared/schemas/partial-date';
import { isApiError } from '../api/client';
import { errorText } from './errors';

/** The English messages of the shared schemas and the form limits, by their i18n key. */
const MESSAGE_KEYS: Record<string, string> = {
  'Enter a title': 'forms.enterTitle',
  'Enter a name': 'forms.enterName',
  'Enter the number': 'forms.enterNumber',
  'Enter the contact': 'forms.enterContact',
  'A tag cannot be empty': 'forms.emptyTag',
  'Invalid tag': 'forms.invalidTag',
  'The end is before the start': 'forms.endBeforeStart',
  'This note is too long': 'forms.noteTooLong',
  'Exhibit number is too long': 'forms.exhibitTooLong',
  'Use a language code such as ru, ky, uz, en': 'forms.languageCode',
  'Year is too early': 'forms.yearTooEarly',
  'Year is too late': 'forms.yearTooLate',
  'Enter a real date as YYYY-MM-DD': 'dates.errors.unknown',
  'Enter a time as HH:MM': 'dates.errors.time',
  'The end of the range is before its start': 'dates.errors.rangeOrder',
};

/**
 * A field message in the UI language. The forms' own checks speak in i18n keys; the shared schemas
 * (also used by the services and the CLI) speak English, and their few messages are looked up here.
 */
export function fieldMessage(t: TFunction, exists: (key: string) => boolean, message: string): string {
  if (exists(message)) return t(message);
  const key = MESSAGE_KEYS[message];
  if (key) return t(key);
  const limit = /^At most (\d+) (characters|tags)$/.exec(message);
  if (limit) return t(limit[2] === 'tags' ? 'forms.maxTags' : 'forms.maxChars', { count: Number(limit[1]) });
  return message;
}

/**
 * A labelled field with its hint and, on its own line below, its error in the UI language.
 */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string | undefined; hint?: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <span className="field-hint">{hint}</span> : null}
      {error ? (
        <span className="field-error" id={`${id}-error`} role="alert">
          {fieldMessage(t, (k) => i18n.exists(k), error)}
        </span>
      ) : null}
    </div>
  );
}

/** Save and Cancel under every case form; Save is disabled while the request is in flight. */
export function FormActions({ saveLabel, submitting, onCancel }: { saveLabel: string; submitting: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="submit" className="button-primary" disabled={submitting}>
        {saveLabel}
      </button>
      <button type="button" className="button-quiet" onClick={onCancel}>
        {t('casework.cancel')}
      </button>
    </div>
  );
}

/**
 * The per-record "Edit" button. Its visible text is short; the hidden part names the record, so a
 * screen reader going down a list hears which one each button edits.
 */
export function EditButton({ what, onClick, disabled = false }: { what: string; onClick: () => void; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button-quiet cw-small" onClick={onClick} disabled={disabled}>
      {t('casework.edit.action')}
      <span className="visually-hidden"> {what}</span>
    </button>
  );
}

/** Props that tie an input to its error message for screen readers. */
export function invalidProps(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

/**
 * Puts a server VALIDATION error's field messages onto the matching form fields (the service speaks
 * in request paths, e.g. "courtNumbers.0.number"; `rename` maps those that differ). Returns a message
 * for whatever could not be placed on a field, or null when every message found its field.
 */
export function placeServerErrors<T extends FieldValues>(
  t: TFunction,
  e: unknown,
  setError: UseFormSetError<T>,
  known: readonly string[],
  rename: Record<string, string> = {},
): string | null {
  if (!isApiError(e)) return t('casework.saveFailed');
  // Anything but a field problem (the record was deleted meanwhile, the vault locked) reads as the app's own wording.
  if (e.code !== 'VALIDATION' || !e.fields) return errorText(t, e);
  let leftover: string | null = null;
  for (const [path, message] of Object.entries(e.fields)) {
    const top = rename[path] ?? path.split('.')[0] ?? path;
    if (known.includes(top)) setError(top as Path<T>, { type: 'server', message });
    else leftover = message;
  }
  return leftover;
}

/**
 * Date and time fields. Every one reads typed text with the shared reader (shared/date-parse.ts), the
 * same the CLI uses; errors are i18n keys under `dates.errors`, which Field shows in the UI language.
 */
/** Typed date text checked by one of the shared readers; a blank field is an error only when required. */
const readable = (read: (s: string) => { ok: true } | { ok: false; error: string }, required: boolean) =>
  z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      if (s === '') {
        if (required) ctx.addIssue({ code: 'custom', message: 'dates.errors.required' });
        return;
      }
      const r = read(s);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: `dates.errors.${r.error}` });
    });
const dayCheck = (required: boolean) => readable(readExactDay, required);
/** Blank or one exact day, typed in any form the reader knows ("20.02.2024", "20 февраля 2024", ISO). */
export const dayText = () => dayCheck(false);
export const requiredDayText = () => dayCheck(true);
export const timeText = z
  .string()
  .trim()
  .refine((s) => s === '' || TimeSchema.safeParse(s).success, 'dates.errors.time');
/** Partial dates as typed: "20.02.2024", "март 2025", "summer 2014", "лето 2014", "2014", ranges. */
export const partialDateText = (required: boolean) => readable(readDate, required);

/** A day field's text as the service takes it: YYYY-MM-DD, or null when blank (the form has checked it). */
export function dayValue(text: string | undefined | null): string | null {
  const r = readExactDay(text ?? '');
  return r.ok ? r.day : null;
}

/** A stored day as an edit form shows it: the UI's display form, which the reader parses back. */
export const dayInput = (iso: string | null | undefined, lang: string): string => (iso ? formatDay(iso, lang) : '');

export const orNull = (s: string | undefined | null): string | null => {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
};

/**
 * What an edit form sends: only the fields whose value differs from the record as it was loaded.
 * Both sides go through the same form → request mapping, so a field the lawyer did not touch never
 * differs just because the form holds it as text.
 */
export function changedOnly<T extends Record<string, unknown>>(before: T, after: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = after[k];
  }
  return out;
}

/**
 * The save step of a case record's add/edit form: run the write, then close the form;
 * a failure lands on the form's fields (VALIDATION) or in its notice.
 */
export function useRecordSave<T extends FieldValues>(caseId: string, setError: UseFormSetError<T>, fields: readonly string[], onDone: () => void) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const save = async (write: () => Promise<unknown>): Promise<void> => {
    setFailure(null);
    try {
      // The screens showing what changed reload on the main process's data.changed event.
      await write();
      onDone();
    } catch (err) {
      setFailure(placeServerErrors(t, err, setError, fields));
    }
  };
  return { failure, save };
}

/** Creates the record, or, when editing, sends only the fields that changed (nothing at all when none did). */
export async function createOrPatch<I extends Record<string, unknown>>(
  editingId: string | undefined,
  before: I,
  after: I,
  create: (input: I) => Promise<unknown>,
  update: (id: string, patch: Partial<I>) => Promise<unknown>,
): Promise<void> {
  if (!editingId) {
    await create(after);
    return;
  }
  const patch = changedOnly(before, after);
  if (Object.keys(patch).length) await update(editingId, patch);
}

/** A stored partial date as an edit form shows it: the display wording, which the reader parses back to the same date. */
export function partialDateInput(d: PartialDate | null | undefined, lang: string): string {
  if (!d) return '';
  // A one-day range displays as that day; written out as a range it stays one when saved back.
  if (d.precision === 'range' && d.from === d.to) return `${formatDay(d.from, lang)} – ${formatDay(d.to, lang)}`;
  return formatPartialDate(d, lang);
}
