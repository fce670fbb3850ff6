/**
 * The one reader of dates as a lawyer types them, used by every form and by the CLI. It accepts what
 * the UI itself displays (so a form re-opened on a saved date never rejects its own text) and what a
 * Kyrgyz or Russian lawyer writes on paper:
 *
 *   20.02.2024  20.02.24  20/02/2024  2024-02-20  20 февраля 2024  21 February 2024  February 21, 2024
 *   2024-ж., 20-февраль  02.2024  2024-02  March 2025  март 2025  в марте 2025  лето 2014  summer 2014
 *   жайында 2014  2014  2014 г.  10–14 June 2010  2010-06-10..2010-06-14  10.06.2010 – 14.06.2010
 *
 * It never guesses: text it cannot read exactly gives an error, not a nearby date. Kyrgyz legal
 * documents write months with the Russian names (as Intl's ky locale does), so those cover Kyrgyz.
 */
import { daysInMonth, isIsoDay, type Season } from './calendar';
import type { PartialDate } from './schemas/partial-date';

export type DateParseError = 'unknown' | 'notDay' | 'rangeOrder';
export type DateParse = { ok: true; date: PartialDate } | { ok: false; error: DateParseError };

const MIN_YEAR = 1800;
const MAX_YEAR = 2200;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** Every written form of each month (index 0 = January): names, Russian cases, and common abbreviations. */
const MONTH_FORMS: readonly string[][] = [
  ['january', 'январь', 'января', 'январе', 'янв'],
  ['february', 'февраль', 'февраля', 'феврале', 'февр', 'фев'],
  ['march', 'март', 'марта', 'марте', 'мар'],
  ['april', 'апрель', 'апреля', 'апреле', 'апр'],
  ['may', 'май', 'мая', 'мае'],
  ['june', 'июнь', 'июня', 'июне', 'июн'],
  ['july', 'июль', 'июля', 'июле', 'июл'],
  ['august', 'август', 'августа', 'августе', 'авг'],
  ['september', 'sept', 'сентябрь', 'сентября', 'сентябре', 'сент', 'сен'],
  ['october', 'октябрь', 'октября', 'октябре', 'окт'],
  ['november', 'ноябрь', 'ноября', 'ноябре', 'нояб', 'ноя'],
  ['december', 'декабрь', 'декабря', 'декабре', 'дек'],
];

/**
 * A month from one word: a full form, or an abbreviation of at least three letters that begins
 * exactly one month's name ("мар" is March, "ма" is refused as March or May).
 */
export function monthFromWord(word: string): number | null {
  const w = word.replace(/\.$/, '');
  if (w.length < 3) return null;
  let found: number | null = null;
  for (let i = 0; i < 12; i++) {
    if (MONTH_FORMS[i]!.some((f) => f === w || f.startsWith(w))) {
      if (found !== null && found !== i) return null;
      found = i;
    }
  }
  return found === null ? null : found + 1;
}

const SEASON_WORDS: Record<string, Season> = {
  winter: 'winter',
  spring: 'spring',
  summer: 'summer',
  autumn: 'autumn',
  fall: 'autumn',
  зима: 'winter',
  зимой: 'winter',
  зимы: 'winter',
  весна: 'spring',
  весной: 'spring',
  весны: 'spring',
  лето: 'summer',
  летом: 'summer',
  лета: 'summer',
  осень: 'autumn',
  осенью: 'autumn',
  осени: 'autumn',
  // Kyrgyz: кыш, жаз, жай, күз and their locative forms.
  кыш: 'winter',
  кышында: 'winter',
  кышта: 'winter',
  жаз: 'spring',
  жазында: 'spring',
  жазда: 'spring',
  жай: 'summer',
  жайында: 'summer',
  жайда: 'summer',
  күз: 'autumn',
  күзүндө: 'autumn',
  күзү: 'autumn',
  күздө: 'autumn',
};

const yearOk = (y: number) => y >= MIN_YEAR && y <= MAX_YEAR;

/**
 * A two-digit year read the way a lawyer means it: the year in the window from 79 years back to 20
 * years ahead, so a hearing "20.02.30" is in 2030 and a birth "12.05.65" in 1965.
 */
function fullYear(text: string, now: Date): number {
  if (text.length !== 2) return Number(text);
  const yy = Number(text);
  const century = Math.floor(now.getFullYear() / 100) * 100;
  return century + yy <= now.getFullYear() + 20 ? century + yy : century - 100 + yy;
}

function day(y: number, m: number, d: number): string | null {
  if (!yearOk(y) || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  const out = iso(y, m, d);
  return isIsoDay(out) ? out : null;
}

/**
 * Lower case, ё as е, commas and Russian/Kyrgyz year words ("г.", "года", "-ж.", "-жылы") and
 * prepositions ("в марте", "in March") dropped, so only the date's own words remain.
 */
function normalise(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/,/g, ' ')
    .replace(/(\d{4})\s*-?\s*(?:жылдын|жылы|жыл|ж)\.?(?=\s|$)/gu, '$1')
    .replace(/(\d{4})\s*(?:года|год|гг|г)\.?(?=\s|$|[–—-])/gu, '$1')
    .replace(/^(?:в|во|in|on)\s+/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One exact day in any accepted written form, or null. */
function readDay(t: string, now: Date): string | null {
  if (isIsoDay(t)) return t;
  let m = /^(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})$/.exec(t);
  if (m) return day(fullYear(m[3]!, now), Number(m[2]), Number(m[1]));
  // "20 февраля 2024", "21 feb 2024", "20-февраль 2024" (Kyrgyz), "2024 20-февраль" (Kyrgyz long form).
  m = /^(\d{1,2})-?\s?(\p{L}+\.?) (\d{4})$/u.exec(t);
  if (m) {
    const mo = monthFromWord(m[2]!);
    return mo ? day(Number(m[3]), mo, Number(m[1])) : null;
  }
  m = /^(\d{4}) (\d{1,2})-?\s?(\p{L}+\.?)$/u.exec(t);
  if (m) {
    const mo = monthFromWord(m[3]!);
    return mo ? day(Number(m[1]), mo, Number(m[2])) : null;
  }
  // "February 21 2024" (American order, the comma already dropped).
  m = /^(\p{L}+\.?) (\d{1,2}) (\d{4})$/u.exec(t);
  if (m) {
    const mo = monthFromWord(m[1]!);
    return mo ? day(Number(m[3]), mo, Number(m[2])) : null;
  }
  return null;
}

function readMonth(t: string): PartialDate | null {
  let m = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (m) return monthOf(Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})[./](\d{4})$/.exec(t);
  if (m) return monthOf(Number(m[2]), Number(m[1]));
  m = /^(\p{L}+\.?) (\d{4})$/u.exec(t);
  if (m) {
    const mo = monthFromWord(m[1]!);
    if (mo) return monthOf(Number(m[2]), mo);
  }
  m = /^(\d{4}) (\p{L}+\.?)$/u.exec(t);
  if (m) {
    const mo = monthFromWord(m[2]!);
    if (mo) return monthOf(Number(m[1]), mo);
  }
  return null;
}

function readSeason(t: string): PartialDate | null {
  const m = /^(\p{L}+) (\d{4})$/u.exec(t) ?? /^(\d{4}) (\p{L}+)$/u.exec(t);
  if (!m) return null;
  const [word, year] = /^\d/.test(m[1]!) ? [m[2]!, Number(m[1])] : [m[1]!, Number(m[2])];
  const season = SEASON_WORDS[word];
  return season && yearOk(year) ? { precision: 'season', year, season } : null;
}

function monthOf(year: number, month: number): PartialDate | null {
  if (month < 1 || month > 12 || !yearOk(year)) return null;
  return { precision: 'month', year, month };
}

type Range = { from: string; to: string } | 'bad' | null;

/** Ranges: "A..B", "A / B", "A – B" with both ends full days, and the displayed "10–14 June 2010", "10 June – 14 July 2010". */
function readRange(t: string, now: Date): Range {
  let m = /^(\d{1,2}) ?[–—-] ?(\d{1,2}) (\p{L}+\.?) (\d{4})$/u.exec(t);
  if (m) {
    const mo = monthFromWord(m[3]!);
    const y = Number(m[4]);
    return mo ? pair(day(y, mo, Number(m[1])), day(y, mo, Number(m[2]))) : null;
  }
  m = /^(\d{1,2}) (\p{L}+\.?) ?[–—-] ?(\d{1,2}) (\p{L}+\.?) (\d{4})$/u.exec(t);
  if (m) {
    const m1 = monthFromWord(m[2]!);
    const m2 = monthFromWord(m[4]!);
    const y = Number(m[5]);
    return m1 && m2 ? pair(day(y, m1, Number(m[1])), day(y, m2, Number(m[3]))) : null;
  }
  m = /^(.+?)\s*(?:\.\.|\s\/\s|\s[–—-]\s|[–—])\s*(.+)$/u.exec(t) ?? /^([^/]+)\/([^/]+)$/.exec(t);
  if (m) return pair(readDay(m[1]!.trim(), now), readDay(m[2]!.trim(), now));
  return null;
}

function pair(from: string | null, to: string | null): Range {
  if (!from || !to) return null;
  return from <= to ? { from, to } : 'bad';
}

/** Reads typed text into a partial date, or says why it cannot. */
export function readDate(text: string, now: Date = new Date()): DateParse {
  const t = normalise(text);
  if (!t) return { ok: false, error: 'unknown' };
  const d = readDay(t, now);
  if (d) return { ok: true, date: { precision: 'day', date: d } };
  const r = readRange(t, now);
  if (r === 'bad') return { ok: false, error: 'rangeOrder' };
  if (r) return { ok: true, date: { precision: 'range', from: r.from, to: r.to } };
  const mo = readMonth(t);
  if (mo) return { ok: true, date: mo };
  const y = /^(\d{4})$/.exec(t);
  if (y) return yearOk(Number(y[1])) ? { ok: true, date: { precision: 'year', year: Number(y[1]) } } : { ok: false, error: 'unknown' };
  const s = readSeason(t);
  if (s) return { ok: true, date: s };
  return { ok: false, error: 'unknown' };
}

/** The partial date typed, or null for anything Sakta does not read exactly. */
export function parsePartialDate(text: string, now?: Date): PartialDate | null {
  const r = readDate(text, now);
  return r.ok ? r.date : null;
}

/** An exact day (YYYY-MM-DD) from typed text; a month, season or year is `notDay`. */
export function readExactDay(text: string, now?: Date): { ok: true; day: string } | { ok: false; error: DateParseError } {
  const r = readDate(text, now);
  if (!r.ok) return r;
  return r.date.precision === 'day' ? { ok: true, day: r.date.date } : { ok: false, error: 'notDay' };
}
