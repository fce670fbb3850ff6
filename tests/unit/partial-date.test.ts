import { describe, expect, it } from 'vitest';
import { comparePartialDates, formatPartialDate, parsePartialDate, partialDateBounds, partialDateSortKey } from '../../shared/partial-date';
import { PartialDateSchema, type PartialDate } from '../../shared/schemas/partial-date';
import { foldForSearch } from '../../shared/search-fold';

const day = (date: string): PartialDate => ({ precision: 'day', date });

describe('partial dates: formatting', () => {
  it('shows each precision honestly in English', () => {
    expect(formatPartialDate(day('2010-06-10'), 'en')).toBe('10 June 2010');
    expect(formatPartialDate({ precision: 'month', year: 2010, month: 6 }, 'en')).toBe('June 2010');
    expect(formatPartialDate({ precision: 'season', year: 2014, season: 'summer' }, 'en')).toBe('summer 2014');
    expect(formatPartialDate({ precision: 'year', year: 2009 }, 'en')).toBe('2009');
    expect(formatPartialDate({ precision: 'range', from: '2010-06-10', to: '2010-06-14' }, 'en')).toBe('10–14 June 2010');
    expect(formatPartialDate({ precision: 'range', from: '2010-06-28', to: '2010-07-02' }, 'en')).toBe('28 June – 2 July 2010');
    expect(formatPartialDate({ precision: 'range', from: '2010-12-28', to: '2011-01-02' }, 'en')).toBe('28 December 2010 – 2 January 2011');
  });

  it('uses the Russian forms: genitive after a day, nominative alone', () => {
    expect(formatPartialDate(day('2010-06-10'), 'ru')).toBe('10 июня 2010');
    expect(formatPartialDate({ precision: 'month', year: 2010, month: 6 }, 'ru')).toBe('июнь 2010');
    expect(formatPartialDate({ precision: 'season', year: 2014, season: 'summer' }, 'ru')).toBe('лето 2014');
    expect(formatPartialDate({ precision: 'range', from: '2010-06-10', to: '2010-06-14' }, 'ru')).toBe('10–14 июня 2010');
  });

  it("words every month as Intl's en-GB and ru-RU do (the names are a table, so ICU need not load)", () => {
    const intlMonth = (locale: string, month: number, withDay: boolean) =>
      new Intl.DateTimeFormat(locale, withDay ? { day: 'numeric', month: 'long', timeZone: 'UTC' } : { month: 'long', timeZone: 'UTC' })
        .formatToParts(new Date(Date.UTC(2000, month - 1, 15)))
        .find((p) => p.type === 'month')!.value;
    for (let m = 1; m <= 12; m++) {
      const mm = String(m).padStart(2, '0');
      for (const [lang, locale] of [['en', 'en-GB'], ['ru', 'ru-RU']] as const) {
        expect(formatPartialDate(day(`2000-${mm}-15`), lang)).toBe(`15 ${intlMonth(locale, m, true)} 2000`);
        expect(formatPartialDate({ precision: 'month', year: 2000, month: m }, lang)).toBe(`${intlMonth(locale, m, false)} 2000`);
      }
    }
  });

  it('falls back to Russian for Kyrgyz rather than inventing wording', () => {
    expect(formatPartialDate({ precision: 'season', year: 2014, season: 'autumn' }, 'ky')).toBe('осень 2014');
  });
});

describe('partial dates: parsing', () => {
  it('reads what a lawyer types', () => {
    expect(parsePartialDate('2010-06-10')).toEqual(day('2010-06-10'));
    expect(parsePartialDate('10.06.2010')).toEqual(day('2010-06-10'));
    expect(parsePartialDate('2010-06')).toEqual({ precision: 'month', year: 2010, month: 6 });
    expect(parsePartialDate('06.2010')).toEqual({ precision: 'month', year: 2010, month: 6 });
    expect(parsePartialDate('2010')).toEqual({ precision: 'year', year: 2010 });
    expect(parsePartialDate('summer 2014')).toEqual({ precision: 'season', year: 2014, season: 'summer' });
    expect(parsePartialDate('Лето 2014')).toEqual({ precision: 'season', year: 2014, season: 'summer' });
    expect(parsePartialDate('2010-06-10..2010-06-14')).toEqual({ precision: 'range', from: '2010-06-10', to: '2010-06-14' });
    expect(parsePartialDate('10.06.2010 – 14.06.2010')).toEqual({ precision: 'range', from: '2010-06-10', to: '2010-06-14' });
  });

  it('refuses malformed and impossible dates instead of guessing', () => {
    for (const bad of ['', '2010-02-30', '2010-13', '31.02.2010', 'yesterday', 'monsoon 2014', '2010-06-14..2010-06-10', '10/06/2010x']) {
      expect(parsePartialDate(bad), bad).toBeNull();
    }
  });

  it('the schema rejects an impossible day and a backwards range, naming the field', () => {
    const a = PartialDateSchema.safeParse({ precision: 'day', date: '2019-02-29' });
    expect(a.success).toBe(false);
    const b = PartialDateSchema.safeParse({ precision: 'range', from: '2010-06-14', to: '2010-06-10' });
    expect(b.success).toBe(false);
    expect(b.error?.issues[0]?.path).toEqual(['to']);
    expect(PartialDateSchema.safeParse({ precision: 'day', date: '2020-02-29' }).success).toBe(true);
  });
});

describe('partial dates: bounds and order', () => {
  it('winter of a year starts in the December before it', () => {
    expect(partialDateBounds({ precision: 'season', year: 2014, season: 'winter' })).toEqual({ earliest: '2013-12-01', latest: '2014-02-28' });
    expect(partialDateBounds({ precision: 'month', year: 2012, month: 2 })).toEqual({ earliest: '2012-02-01', latest: '2012-02-29' });
  });

  it('sorts mixed precisions by earliest possible day, the more precise first', () => {
    const dates: PartialDate[] = [
      { precision: 'year', year: 2010 },
      { precision: 'season', year: 2010, season: 'summer' },
      { precision: 'month', year: 2010, month: 6 },
      day('2010-06-01'),
      { precision: 'range', from: '2010-06-10', to: '2010-06-14' },
      day('2009-12-31'),
      { precision: 'season', year: 2010, season: 'winter' },
    ];
    const sorted = [...dates].sort(comparePartialDates).map((d) => formatPartialDate(d, 'en'));
    expect(sorted).toEqual(['winter 2010', '31 December 2009', '2010', '1 June 2010', 'June 2010', 'summer 2010', '10–14 June 2010']);
  });

  it('orders timed events within the same day by time', () => {
    expect(partialDateSortKey(day('2010-06-10'), '09:00') < partialDateSortKey(day('2010-06-10'), '17:30')).toBe(true);
  });
});

describe('search folding', () => {
  it('folds Cyrillic case and ё', () => {
    expect(foldForSearch('ПЫТКИ в ИВС')).toBe(foldForSearch('пытки в ивс'));
    expect(foldForSearch('Алёна')).toBe('алена');
  });
});
