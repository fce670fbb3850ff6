import { daysInMonth } from './calendar';
import type { CalendarDay, Computation, Localized, Period, Rule, WorkCalendar } from './schemas/deadline-rules';

/**
 * Counting a procedural period as УПК КР art. 137 says (read in the text of 9 August 2025):
 *  - (2)(2) a period in сутки does not count the day it starts on; it ends at 24:00 of its last day;
 *  - (2)(3) a period in months ends on the same date number of the last month, or on that month's last
 *    day when it has no such date (31 January + 1 month = 28/29 February); years likewise;
 *  - (2)(4) a last day on a non-working day moves to the first working day after it, EXCEPT periods of
 *    detention, custody, house arrest and stay in a medical institution (`kg-upk-137-custody`);
 *  - (2)(5) detention is counted from the hour and minute it began: hour periods count hours.
 * Days are ISO strings and are added in UTC, so no time zone or clock change moves a date.
 */

export interface DayOff {
  reason: 'weekend' | 'holiday';
  holiday: Localized | null;
}

/** Which days are not working days; built from a shipped calendar plus the lawyer's own corrections. */
export interface WorkingDays {
  dayOff(day: string): DayOff | null;
  /** False for a year the calendar holds no data for (only weekends are then known). */
  knowsYear(year: number): boolean;
}

export interface LocalDay {
  date: string;
  kind: 'non_working' | 'working';
  name: Localized;
}

const toUtc = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * 86_400_000);
}

export function weekday(day: string): number {
  return new Date(toUtc(day)).getUTCDay();
}

/** Same date number n months later, or the last day of that month when it has no such date. */
export function addMonths(day: string, n: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  const d = Math.min(Number(day.slice(8, 10)), daysInMonth(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function workingDays(calendar: WorkCalendar, local: LocalDay[] = []): WorkingDays {
  const off = new Map<string, CalendarDay>();
  const worked = new Set<string>();
  for (const y of calendar.years) {
    for (const d of y.nonWorking) off.set(d.date, d);
    for (const d of y.workingWeekendDays) worked.add(d.date);
  }
  // The lawyer's corrections win over the shipped data, in both directions.
  for (const d of local) {
    if (d.kind === 'non_working') {
      off.set(d.date, { date: d.date, name: d.name, source: { text: 'local', verified: false } });
      worked.delete(d.date);
    } else {
      off.delete(d.date);
      worked.add(d.date);
    }
  }
  const years = new Set([...calendar.years.map((y) => y.year), ...local.map((d) => Number(d.date.slice(0, 4)))]);
  return {
    dayOff(day) {
      const h = off.get(day);
      if (h) return { reason: 'holiday', holiday: h.name };
      if (worked.has(day)) return null;
      return calendar.weekend.includes(weekday(day)) ? { reason: 'weekend', holiday: null } : null;
    },
    knowsYear: (year) => years.has(year),
  };
}

type Countable = Pick<Rule, 'id' | 'period' | 'direction' | 'counting'>;

function addPeriod(day: string, p: Period, sign: 1 | -1): string {
  switch (p.unit) {
    case 'sutki':
    case 'days':
      return addDays(day, sign * p.amount);
    case 'months':
      return addMonths(day, sign * p.amount);
    case 'years':
      return addMonths(day, sign * 12 * p.amount);
    case 'hours':
      throw new Error('hours are counted by the clock');
  }
}

/** The longest run of non-working days a count will step over (New Year: 1–12 January at most, with margin). */
const MAX_SHIFT = 60;

export function computeDeadline(rule: Countable, triggerOn: string, triggerTime: string | null, calendar: WorkingDays | null): Computation {
  const base = { ruleId: rule.id, period: rule.period, direction: rule.direction, counting: rule.counting, triggerOn, triggerTime };
  const noShift = rule.counting !== 'kg-upk-137';
  if (rule.period.unit === 'hours') {
    // Counted from the hour and minute; without a time, from the start of the day (the earliest it can be).
    const [h, m] = (triggerTime ?? '00:00').split(':').map(Number) as [number, number];
    const sign = rule.direction === 'before' ? -1 : 1;
    const end = new Date(toUtc(triggerOn) + (h * 60 + m) * 60_000 + sign * rule.period.amount * 3_600_000);
    const dueOn = end.toISOString().slice(0, 10);
    const dueTime = end.toISOString().slice(11, 16);
    return { ...base, firstDay: triggerOn, lastDay: dueOn, shifts: [], dueOn, dueTime, assumedMidnight: triggerTime === null, calendarMissing: false, noShift: true };
  }
  const sign = rule.direction === 'before' ? -1 : 1;
  const firstDay = addDays(triggerOn, sign);
  const lastDay = addPeriod(triggerOn, rule.period, sign);
  const shifts: Computation['shifts'] = [];
  let dueOn = lastDay;
  let calendarMissing = false;
  // Only a period counted forward moves: a "no later than N before" date is never pushed later.
  if (!noShift && calendar && rule.direction === 'after') {
    for (let i = 0; i < MAX_SHIFT; i++) {
      if (!calendar.knowsYear(Number(dueOn.slice(0, 4)))) calendarMissing = true;
      const off = calendar.dayOff(dueOn);
      if (!off) break;
      shifts.push({ from: dueOn, reason: off.reason, holiday: off.holiday });
      dueOn = addDays(dueOn, 1);
    }
  }
  return { ...base, firstDay, lastDay, shifts, dueOn, dueTime: null, assumedMidnight: false, calendarMissing, noShift };
}
