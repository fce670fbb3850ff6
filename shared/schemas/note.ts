import { z } from 'zod';
import { IdSchema, longText, optionalText, patchText, TimestampSchema } from './common';

/** Raw markdown, stored as typed. The renderer renders it with raw HTML disabled. */
export const NoteInputSchema = z.strictObject({
  caseId: IdSchema,
  title: optionalText(200),
  body: longText(200_000).default(''),
});
export type NoteInput = z.input<typeof NoteInputSchema>;
export const NotePatchSchema = z.strictObject({ title: patchText(200), body: longText(200_000).optional() });
export const NoteSchema = z.strictObject({
  id: IdSchema,
  caseId: IdSchema,
  title: z.string().nullable(),
  body: z.string(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Note = z.infer<typeof NoteSchema>;
