import { z } from 'zod';

/**
 * Dates as lawyers actually know them. A torture victim rarely remembers the exact day of a beating
 * ten years ago; the record must say "summer 2014" rather than invent 2014-06-01.
 */
export const SEASONS = ['winter', 'spring', 'summer', 'autumn'] as const;
export type Season = (typeof SEASONS)[number];

export const PRECISIONS = ['day', 'range', 'month', 'season', 'year'] as const;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (rejects 2010-02-30). */
export function isIsoDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1800 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

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
