/** Display helpers shared by the case-work screens; all text comes from i18n or Intl in the UI language. */
import type { TFunction } from 'i18next';
import { formatDay } from '../../../../shared/partial-date';
import type { Category } from '../../../../shared/schemas/case';

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

/** Day-month order and 24-hour time for English too; Kyrgyz readers get Russian formats, as with the strings. */
const intlLocale = (lang: string): string => (lang === 'en' ? 'en-GB' : 'ru-RU');

export function formatTimestamp(ts: string, lang: string, opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  return new Intl.DateTimeFormat(intlLocale(lang), opts).format(d);
}

export const splitTags = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function openCase(caseId: string, tab = 'overview'): { name: string; params: Record<string, string> } {
  return { name: 'case', params: { caseId, tab } };
}
