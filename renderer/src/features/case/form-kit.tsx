/**
 * Small pieces every case-work form shares: a labelled field with its error beside it, the mapping
 * of the service's VALIDATION `fields` onto form fields, and text ↔ value helpers for optional inputs.
 */
import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { z } from 'zod';
import { formatPartialDate, parsePartialDate } from '../../../../shared/partial-date';
import { isIsoDay, type PartialDate } from '../../../../shared/schemas/partial-date';
import { TimeSchema } from '../../../../shared/schemas/partial-date';
import { isApiError } from '../../api/client';
import { errorText } from '../../components/errors';

export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string | undefined; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <span className="field-hint">{hint}</span> : null}
      {error ? (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
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

/** A text input that must be blank or a real day (YYYY-MM-DD). */
export const dayText = (message = 'Enter a real date as YYYY-MM-DD') =>
  z.string().trim().refine((s) => s === '' || isIsoDay(s), message);
export const requiredDayText = (message = 'Enter a real date as YYYY-MM-DD') => z.string().trim().refine((s) => isIsoDay(s), message);
export const timeText = z
  .string()
  .trim()
  .refine((s) => s === '' || TimeSchema.safeParse(s).success, 'Enter a time as HH:MM');
/** Partial dates as typed: "2014-06-10", "06.2014", "summer 2014", "лето 2014", "2014". */
export const partialDateText = (required: boolean) =>
  z
    .string()
    .trim()
    .refine((s) => (s === '' ? !required : parsePartialDate(s) !== null), 'Enter a date such as 2014-06-10, 2014-06, summer 2014 or 2014');

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

/** A stored partial date as the lawyer would type it, so an edit form opens with text that parses back to the same date. */
export function partialDateInput(d: PartialDate | null | undefined, lang: string): string {
  if (!d) return '';
  switch (d.precision) {
    case 'day':
      return d.date;
    case 'range':
      return `${d.from}..${d.to}`;
    case 'month':
      return `${d.year}-${String(d.month).padStart(2, '0')}`;
    case 'season':
      // "summer 2014" / "лето 2014": the display wording is also what the parser reads.
      return formatPartialDate(d, lang);
    case 'year':
      return String(d.year);
  }
}
