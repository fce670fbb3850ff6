/**
 * Pure functions over partial dates: bounds, a sort key, and display in the UI language (the one
 * place every date and time on screen is formatted). Used by the services (sort column), the CLI and
 * the renderer. Parsing typed text is date-parse.ts, which reads back everything formatted here.
 */
import { daysInMonth, PRECISIONS, type Season } from './calendar';
import type { PartialDate } from './schemas/partial-date';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/**
 * Meteorological seasons. Winter of year Y is December Y-1 to February Y: a client who says
 * "winter 2014" nearly always means the January and February written "2014" on the calendar.
 */
const SEASON_MONTHS: Record<Season, [startYearOffset: number, startMonth: number, endMonth: number]> = {
  winter: [-1, 12, 2],
  spring: [0, 3, 5],
  summer: [0, 6, 8],
  autumn: [0, 9, 11],
};

/** The earliest and latest day the date could mean, both YYYY-MM-DD. */
export function partialDateBounds(d: PartialDate): { earliest: string; latest: string } {
  switch (d.precision) {
    case 'day':
      return { earliest: d.date, latest: d.date };
    case 'range':
      return { earliest: d.from, latest: d.to };
    case 'month':
      return { earliest: iso(d.year, d.month, 1), latest: iso(d.year, d.month, daysInMonth(d.year, d.month)) };
    case 'season': {
      const [off, sm, em] = SEASON_MONTHS[d.season];
      return { earliest: iso(d.year + off, sm, 1), latest: iso(d.year, em, daysInMonth(d.year, em)) };
    }
    case 'year':
      return { earliest: iso(d.year, 1, 1), latest: iso(d.year, 12, 31) };
  }
}

/**
 * A string key that sorts mixed precisions sensibly: by the earliest possible day, then the more
 * precise first (so "10 June 2010" comes before "June 2010", which comes before "2010"), then time.
 */
export function partialDateSortKey(d: PartialDate, time?: string | null): string {
  return `${partialDateBounds(d).earliest}|${PRECISIONS.indexOf(d.precision)}|${time ?? ''}`;
}

export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  const ka = partialDateSortKey(a);
  const kb = partialDateSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Anything but an exact day is shown as approximate in the timeline. */
export const isApproximate = (d: PartialDate): boolean => d.precision !== 'day';

// ---------------------------------------------------------------------------------------------
// Display

/** Languages with reviewed wording. Kyrgyz falls back to Russian until a reviewed translation exists. */
type DisplayLang = 'en' | 'ru';

export function displayLang(lang: string): DisplayLang {
  const base = lang.toLowerCase().split(/[-_]/)[0];
  if (base === 'ru' || base === 'ky') return 'ru';
  return 'en';
}

const SEASON_NAMES: Record<DisplayLang, Record<Season, string>> = {
  en: { winter: 'winter', spring: 'spring', summer: 'summer', autumn: 'autumn' },
  ru: { winter: 'зима', spring: 'весна', summer: 'лето', autumn: 'осень' },
};

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Month names as Intl's en-GB and ru-RU write them (a test checks they still agree). A table rather than
 * Intl.DateTimeFormat: the first formatter loads ICU's locale data, ~9 MiB of a process's memory, which the
 * bundle engine (a date on every index row) would otherwise pay for twelve words. `ofDay` is the form used
 * after a day number, which differs in Russian ("10 июня" but "июнь 2010").
 */
const MONTH_NAMES: Record<DisplayLang, { alone: readonly string[]; ofDay: readonly string[] }> = {
  en: { alone: EN_MONTHS, ofDay: EN_MONTHS },
  ru: {
    alone: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
    ofDay: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  },
};

function monthName(lang: DisplayLang, month: number, withDay: boolean): string {
  const names = MONTH_NAMES[lang];
  return (withDay ? names.ofDay : names.alone)[month - 1] ?? String(month);
}

function splitIso(s: string): [number, number, number] {
  return [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))];
}

/** "10 June 2010" / "10 июня 2010". */
export function formatDay(isoDay: string, lang = 'en'): string {
  const l = displayLang(lang);
  const [y, m, d] = splitIso(isoDay);
  return `${d} ${monthName(l, m, true)} ${y}`;
}

/** The local calendar day of a moment, YYYY-MM-DD. */
export function localDayOf(moment: Date): string {
  return iso(moment.getFullYear(), moment.getMonth() + 1, moment.getDate());
}

/** "14:05": 24-hour clock in every language, as Kyrgyz and Russian courts write it. */
export function formatClock(moment: Date): string {
  return `${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
}

/**
 * A stored moment (ISO timestamp) in local time: "6 December 2026, 12:31" / "6 декабря 2026, 12:31".
 * The one way the UI shows when something happened; `dayOnly` drops the clock.
 */
export function formatMoment(ts: string, lang = 'en', opts: { dayOnly?: boolean } = {}): string {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const dayText = formatDay(localDayOf(d), lang);
  return opts.dayOnly ? dayText : `${dayText}, ${formatClock(d)}`;
}

function formatRange(from: string, to: string, l: DisplayLang): string {
  if (from === to) return formatDay(from, l);
  const [y1, m1, d1] = splitIso(from);
  const [y2, m2, d2] = splitIso(to);
  if (y1 === y2 && m1 === m2) return `${d1}–${d2} ${monthName(l, m1, true)} ${y1}`;
  if (y1 === y2) return `${d1} ${monthName(l, m1, true)} – ${d2} ${monthName(l, m2, true)} ${y1}`;
  return `${formatDay(from, l)} – ${formatDay(to, l)}`;
}

/** "summer 2014", "лето 2014", "June 2010", "10–14 June 2010". */
export function formatPartialDate(d: PartialDate, lang = 'en'): string {
  const l = displayLang(lang);
  switch (d.precision) {
    case 'day':
      return formatDay(d.date, l);
    case 'range':
      return formatRange(d.from, d.to, l);
    case 'month':
      return `${monthName(l, d.month, false)} ${d.year}`;
    case 'season':
      return `${SEASON_NAMES[l][d.season]} ${d.year}`;
    case 'year':
      return String(d.year);
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing typed text lives in date-parse.ts (one reader for every form and the CLI).

export { parsePartialDate, readDate, readExactDay } from './date-parse';
