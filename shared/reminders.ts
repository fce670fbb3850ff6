/**
 * Reminder texts for OS notifications. A notification is visible on a locked screen and over a
 * shoulder at a checkpoint, so it says only how many things are due and when — never a client, a
 * case title, a court or a number.
 */
import type { Dashboard } from './schemas/agenda';

export interface ReminderOptions {
  /** Remind about hearings this many days ahead (0 = only today's). */
  hearingLeadDays: number;
  /** Remind about deadlines this many days ahead. */
  deadlineLeadDays: number;
  lang: 'en' | 'ru';
}

export interface Reminder {
  /** Stable per day and kind, so the same reminder is not fired twice. */
  key: string;
  text: string;
}

type Counts = Pick<Dashboard, 'today' | 'hearings' | 'dueSoon' | 'overdue'>;

function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function ruPlural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

const WORDS = {
  en: {
    hearing: (n: number) => (n === 1 ? '1 hearing' : `${n} hearings`),
    deadline: (n: number) => (n === 1 ? '1 deadline' : `${n} deadlines`),
    when: (d: number) => (d === 0 ? 'today' : d === 1 ? 'tomorrow' : `in ${d} days`),
    overdue: (n: number) => (n === 1 ? '1 deadline is overdue' : `${n} deadlines are overdue`),
    due: 'due',
  },
  ru: {
    hearing: (n: number) => `${n} ${ruPlural(n, 'заседание', 'заседания', 'заседаний')}`,
    deadline: (n: number) => `${n} ${ruPlural(n, 'срок', 'срока', 'сроков')}`,
    when: (d: number) => (d === 0 ? 'сегодня' : d === 1 ? 'завтра' : `через ${d} ${ruPlural(d, 'день', 'дня', 'дней')}`),
    overdue: (n: number) => `${n} ${ruPlural(n, 'срок пропущен', 'срока пропущено', 'сроков пропущено')}`,
    due: 'истекает',
  },
} as const;

/** What to tell the user now: one line per day that has hearings or deadlines within the lead times, plus overdue. */
export function reminderTexts(data: Counts, opts: ReminderOptions): Reminder[] {
  const w = WORDS[opts.lang];
  const out: Reminder[] = [];
  if (data.overdue.length > 0) {
    out.push({ key: `${data.today}:overdue:${data.overdue.length}`, text: `Sakta: ${w.overdue(data.overdue.length)}` });
  }
  const hearingsByDay = new Map<number, number>();
  // A cancelled hearing needs no reminder (it stays on the agenda, struck through).
  for (const h of data.hearings.filter((x) => x.status !== 'cancelled')) {
    const d = dayDiff(data.today, h.date);
    if (d >= 0 && d <= opts.hearingLeadDays) hearingsByDay.set(d, (hearingsByDay.get(d) ?? 0) + 1);
  }
  const deadlinesByDay = new Map<number, number>();
  for (const dl of data.dueSoon) {
    if (dl.done) continue;
    const d = dayDiff(data.today, dl.dueOn);
    if (d >= 0 && d <= opts.deadlineLeadDays) deadlinesByDay.set(d, (deadlinesByDay.get(d) ?? 0) + 1);
  }
  for (const [d, n] of [...hearingsByDay].sort((a, b) => a[0] - b[0])) {
    out.push({ key: `${data.today}:hearings:${d}:${n}`, text: `Sakta: ${w.hearing(n)} ${w.when(d)}` });
  }
  for (const [d, n] of [...deadlinesByDay].sort((a, b) => a[0] - b[0])) {
    out.push({ key: `${data.today}:deadlines:${d}:${n}`, text: `Sakta: ${w.deadline(n)} ${w.due} ${w.when(d)}` });
  }
  return out;
}
