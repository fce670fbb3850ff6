import { z } from 'zod';
import { isIsoDay, SEASONS } from '../calendar';

/**
 * Dates as lawyers actually know them. A torture victim rarely remembers the exact day of a beating
 * ten years ago; the record must say "summer 2014" rather than invent 2014-06-01.
 */
export { daysInMonth, isIsoDay, PRECISIONS, SEASONS, type Season } from '../calendar';

/** A calendar day, YYYY-MM-DD. */
export const IsoDaySchema = z.string().refine(isIsoDay, 'Enter a real date as YYYY-MM-DD');
/** A clock time, HH:MM (24 h). */
export const TimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM');

const Year = z.number().int().min(1800, 'Year is too early').max(2200, 'Year is too late');

export const PartialDateSchema = z
  .discriminatedUnion('precision', [
    z.strictObject({ precision: z.literal('day'), date: IsoDaySchema }),
    z.strictObject({ precision: z.literal('range'), from: IsoDaySchema, to: IsoDaySchema }),
    z.strictObject({ precision: z.literal('month'), year: Year, month: z.number().int().min(1).max(12) }),
    z.strictObject({ precision: z.literal('season'), year: Year, season: z.enum(SEASONS) }),
    z.strictObject({ precision: z.literal('year'), year: Year }),
  ])
  .superRefine((v, ctx) => {
    if (v.precision === 'range' && v.from > v.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end of the range is before its start' });
    }
  });
export type PartialDate = z.infer<typeof PartialDateSchema>;
