import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDate, readExactDay } from '../../shared/date-parse';
import { formatDay, formatMoment, formatPartialDate, localDayOf, parsePartialDate } from '../../shared/partial-date';
import { PartialDateSchema, type PartialDate } from '../../shared/schemas/partial-date';

const day = (date: string): PartialDate => ({ precision: 'day', date });
const month = (year: number, m: number): PartialDate => ({ precision: 'month', year, month: m });
const season = (year: number, s: 'winter' | 'spring' | 'summer' | 'autumn'): PartialDate => ({ precision: 'season', year, season: s });
const NOW = new Date('2026-12-06T12:00:00');

/** What a lawyer in Osh or Bishkek types, in every form the date field accepts. */
const ACCEPTED: [string, PartialDate][] = [
  ['20.02.2024', day('2024-02-20')],
  ['20.02.24', day('2024-02-20')],
  ['1.2.2024', day('2024-02-01')],
  ['20/02/2024', day('2024-02-20')],
  ['2024-02-20', day('2024-02-20')],
  ['  2024-02-20  ', day('2024-02-20')],
  ['12.05.65', day('1965-05-12')],
  ['20 февраля 2024', day('2024-02-20')],
  ['20 февраля 2024 г.', day('2024-02-20')],
  ['20 фев 2024', day('2024-02-20')],
  ['21 February 2024', day('2024-02-21')],
  ['21 Feb 2024', day('2024-02-21')],
  ['February 21, 2024', day('2024-02-21')],
  ['2024-ж., 20-февраль', day('2024-02-20')],
  ['20-февраль 2024', day('2024-02-20')],
  ['29.02.2024', day('2024-02-29')],
  ['March 2025', month(2025, 3)],
  ['march 2025', month(2025, 3)],
  ['март 2025', month(2025, 3)],
  ['Март 2025 г.', month(2025, 3)],
  ['в марте 2025', month(2025, 3)],
  ['мая 2019', month(2019, 5)],
  ['Sept 2019', month(2019, 9)],
  ['03.2025', month(2025, 3)],
  ['2025-03', month(2025, 3)],
  ['2025-ж. март', month(2025, 3)],
  ['summer 2014', season(2014, 'summer')],
  ['лето 2014', season(2014, 'summer')],
  ['летом 2014', season(2014, 'summer')],
  ['Fall 2013', season(2013, 'autumn')],
  ['зимой 2015', season(2015, 'winter')],
  ['жайында 2014', season(2014, 'summer')],
  ['күз 2016', season(2016, 'autumn')],
  ['2014', { precision: 'year', year: 2014 }],
  ['2014 г.', { precision: 'year', year: 2014 }],
  ['2014-жылы', { precision: 'year', year: 2014 }],
  ['2010-06-10..2010-06-14', { precision: 'range', from: '2010-06-10', to: '2010-06-14' }],
  ['10.06.2010 – 14.06.2010', { precision: 'range', from: '2010-06-10', to: '2010-06-14' }],
  ['10–14 June 2010', { precision: 'range', from: '2010-06-10', to: '2010-06-14' }],
  ['28 июня – 2 июля 2010', { precision: 'range', from: '2010-06-28', to: '2010-07-02' }],
  ['28 December 2010 – 2 January 2011', { precision: 'range', from: '2010-12-28', to: '2011-01-02' }],
];

const REFUSED: [string, 'unknown' | 'rangeOrder'][] = [
  ['', 'unknown'],
  ['   ', 'unknown'],
  ['30.02.2024', 'unknown'],
  ['31.04.2024', 'unknown'],
  ['29.02.2023', 'unknown'],
  ['2024-13-01', 'unknown'],
  ['2010-13', 'unknown'],
  ['13.2025', 'unknown'],
  ['32 March 2025', 'unknown'],
  ['ма 2025', 'unknown'],
  ['yesterday', 'unknown'],
  ['monsoon 2014', 'unknown'],
  ['1799', 'unknown'],
  ['20.02.2024x', 'unknown'],
  ['2024-02-20 12:30', 'unknown'],
  ['14.06.2010 – 10.06.2010', 'rangeOrder'],
  ['2010-06-14..2010-06-10', 'rangeOrder'],
];

describe('one date reader for every form and the CLI', () => {
  it.each(ACCEPTED)('reads %j', (text, want) => {
    expect(readDate(text, NOW)).toEqual({ ok: true, date: want });
    expect(PartialDateSchema.safeParse(want).success).toBe(true);
  });

  it.each(REFUSED)('refuses %j (%s) rather than guessing', (text, error) => {
    expect(readDate(text, NOW)).toEqual({ ok: false, error });
  });

  it('a day-only field takes any written day and says when the text is less than a day', () => {
    expect(readExactDay('20.02.2024', NOW)).toEqual({ ok: true, day: '2024-02-20' });
    expect(readExactDay('20 февраля 2024', NOW)).toEqual({ ok: true, day: '2024-02-20' });
    expect(readExactDay('March 2025', NOW)).toEqual({ ok: false, error: 'notDay' });
    expect(readExactDay('30.02.2024', NOW)).toEqual({ ok: false, error: 'unknown' });
  });

  it('reads a two-digit year within 79 years back and 20 ahead: hearings in 2030, births in 1965', () => {
    expect(parsePartialDate('20.02.30', NOW)).toEqual(day('2030-02-20'));
    expect(parsePartialDate('01.01.46', NOW)).toEqual(day('2046-01-01'));
    expect(parsePartialDate('01.01.47', NOW)).toEqual(day('1947-01-01'));
  });
});

const isoDay = fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const year = fc.integer({ min: 1800, max: 2200 });
const partialDate: fc.Arbitrary<PartialDate> = fc.oneof(
  isoDay.map(day),
  fc.tuple(isoDay, isoDay).filter(([a, b]) => a !== b).map(([a, b]) => ({ precision: 'range' as const, from: a < b ? a : b, to: a < b ? b : a })),
  fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]) => month(y, m)),
  fc.tuple(year, fc.constantFrom('winter', 'spring', 'summer', 'autumn' as const)).map(([y, s]) => season(y, s)),
  year.map((y) => ({ precision: 'year' as const, year: y })),
);

describe('what the UI displays parses back to the same date', () => {
  it('every partial date, in English, Russian and Kyrgyz', () => {
    fc.assert(
      fc.property(partialDate, fc.constantFrom('en', 'ru', 'ky'), (d, lang) => {
        expect(parsePartialDate(formatPartialDate(d, lang))).toEqual(d);
      }),
      { numRuns: 2000 },
    );
  });

  it('the day of every displayed moment', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }), fc.constantFrom('en', 'ru'), (when, lang) => {
        const shown = formatMoment(when.toISOString(), lang);
        expect(shown).toMatch(/, \d{2}:\d{2}$/);
        expect(parsePartialDate(shown.replace(/, \d{2}:\d{2}$/, ''))).toEqual(day(localDayOf(when)));
        expect(formatMoment(when.toISOString(), lang, { dayOnly: true })).toBe(formatDay(localDayOf(when), lang));
      }),
    );
  });
});
