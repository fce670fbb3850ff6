import { z } from 'zod';
import { IdSchema } from './common';
import { PathTokenSchema } from './picked';

/**
 * What goes into an .ics file: the lawyer picks the cases and the kinds. By default an entry says only
 * "Hearing — case АП-77": a calendar synced to a phone or a cloud must not carry a client's name unless she
 * ticks "include names"; court, room and purpose (or what is due) only with "include details".
 */
export const CalendarExportSchema = z.strictObject({
  target: PathTokenSchema,
  caseIds: z.array(IdSchema).min(1).max(10_000),
  hearings: z.boolean(),
  deadlines: z.boolean(),
  includeNames: z.boolean().default(false),
  includeDetails: z.boolean().default(false),
  /** The language of the words Sakta adds ("Hearing", "case"). */
  lang: z.enum(['en', 'ru']).default('en'),
}).refine((r) => r.hearings || r.deadlines, { path: ['hearings'], message: 'Choose hearings, deadlines or both' });
export type CalendarExport = z.input<typeof CalendarExportSchema>;

export const CalendarExportResultSchema = z.strictObject({ hearings: z.number().int(), deadlines: z.number().int() });
export type CalendarExportResult = z.infer<typeof CalendarExportResultSchema>;
