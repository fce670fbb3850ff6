import { z } from 'zod';
import { IsoDaySchema } from './partial-date';
import { hasUnsafeChars, UNSAFE_TEXT_MESSAGE } from '../safe-text';

/** No ESC sequences or text-direction overrides in anything a user types (see shared/safe-text.ts). */
const safe = (v: string | null | undefined) => !v || !hasUnsafeChars(v);
/** The same check for a schema's own string fields (tags, exhibit numbers, bundle titles). */
export const safeString = <S extends z.ZodString>(schema: S) => schema.refine(safe, UNSAFE_TEXT_MESSAGE);

/** Record ids are random UUIDs made in the main process. */
export const IdSchema = z.uuid('Not a valid id');

/** A required single-line text: trimmed, not empty. */
export const requiredText = (max: number, empty = 'This field is required') => z.string().trim().min(1, empty).max(max, `At most ${max} characters`).refine(safe, UNSAFE_TEXT_MESSAGE);

/** An optional text: trimmed; blank becomes null so "cleared" and "never set" read the same. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine(safe, UNSAFE_TEXT_MESSAGE)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

/** Long free text (summaries, markdown notes): kept exactly as typed. */
export const longText = (max: number) => z.string().max(max, `At most ${max} characters`).refine(safe, UNSAFE_TEXT_MESSAGE);

export const optionalDay = IsoDaySchema.nullable().optional().transform((v) => v ?? null);
export const optionalId = IdSchema.nullable().optional().transform((v) => v ?? null);

/** Timestamps the services write (ISO 8601, UTC). */
export const TimestampSchema = z.string();

/** One audit trail entry as shown in a case's activity list (no field values: names of changed fields only). */
export const AuditEntrySchema = z.strictObject({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  caseId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntrySchema>;

/** For patches: absent stays absent (unchanged), blank or null clears. */
export const patchText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine(safe, UNSAFE_TEXT_MESSAGE)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v ? v : null));
