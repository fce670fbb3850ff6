import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePartialDate } from '../../../shared/partial-date';
import { PartialDateSchema, type PartialDate } from '../../../shared/schemas/partial-date';
import { changedOnly, partialDateInput } from './form-kit';

const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const year = fc.integer({ min: 1800, max: 2200 });
const partialDate: fc.Arbitrary<PartialDate> = fc.oneof(
  day.map((date) => ({ precision: 'day' as const, date })),
  fc.tuple(day, day).map(([a, b]) => ({ precision: 'range' as const, from: a < b ? a : b, to: a < b ? b : a })),
  fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, month]) => ({ precision: 'month' as const, year: y, month })),
  fc.tuple(year, fc.constantFrom('winter', 'spring', 'summer', 'autumn' as const)).map(([y, season]) => ({ precision: 'season' as const, year: y, season })),
  year.map((y) => ({ precision: 'year' as const, year: y })),
);

describe('edit forms', () => {
  it('open a stored partial date as text that parses back to the same date, in English and Russian', () => {
    fc.assert(
      fc.property(partialDate, fc.constantFrom('en', 'ru', 'ky'), (d, lang) => {
        expect(PartialDateSchema.safeParse(d).success).toBe(true);
        expect(parsePartialDate(partialDateInput(d, lang))).toEqual(d);
      }),
    );
    expect(partialDateInput({ precision: 'season', year: 2014, season: 'summer' }, 'ru')).toBe('лето 2014');
    expect(partialDateInput(null, 'en')).toBe('');
  });

  it('send only the fields that changed, comparing arrays and objects by value', () => {
    const before = { title: 'A', tags: ['x'], date: { precision: 'year', year: 2014 }, ref: null as string | null };
    expect(changedOnly(before, { ...before, tags: ['x'], date: { precision: 'year', year: 2014 } })).toEqual({});
    expect(changedOnly(before, { ...before, title: 'B', ref: 'R-1' })).toEqual({ title: 'B', ref: 'R-1' });
    expect(changedOnly(before, { ...before, ref: null, tags: [] })).toEqual({ tags: [] });
  });
});
