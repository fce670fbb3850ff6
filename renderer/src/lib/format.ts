/** Display helpers shared by the screens (case work, calendar, dashboard, deadlines); all text comes from i18n or Intl in the UI language. */
import type { TFunction } from 'i18next';
import { formatClock, formatDay, formatMoment } from '../../../shared/partial-date';
import type { Category } from '../../../shared/schemas/case';

export const showDay = (iso: string | null | undefined, lang: string): string => (iso ? formatDay(iso, lang) : '—');

/** Seeded categories are translated; ones the lawyer added show their own name. */
export function categoryName(t: TFunction, c: Pick<Category, 'key' | 'name'> | null | undefined): string {
  if (!c) return '—';
  return c.key ? t(`casework.categories.${c.key}`, { defaultValue: c.name }) : c.name;
}

/** The local day as YYYY-MM-DD (the services compute "today" the same way). */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A stored moment as every screen shows it: "6 December 2026, 12:31" / "6 декабря 2026, 12:31" (shared/partial-date.ts). */
export const formatTimestamp = (ts: string, lang: string): string => formatMoment(ts, lang);

/** Only the clock of a stored moment, "12:31", for lists already grouped by day. */
export function formatTimeOf(ts: string): string {
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? ts : formatClock(d);
}

export const splitTags = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** A document's language code as a name in the UI language ("ru" → "русский" / "Russian"), from the platform's
 * own language names; an unknown code is shown as typed. */
export function languageName(code: string | null | undefined, lang: string): string {
  if (!code) return '—';
  try {
    return new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}
