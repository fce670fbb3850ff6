import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, computeDeadline, workingDays, type LocalDay } from '../../shared/deadline-count';
import { countWords } from '../../shared/deadline-words';
import { shippedRules } from '../../shared/deadline-rules';
import { daysInMonth } from '../../shared/schemas/partial-date';
import type { Rule } from '../../shared/schemas/deadline-rules';

const { ruleSets, calendars } = shippedRules();
const rule = (id: string) => ruleSets.flatMap((s) => s.rules).find((r) => r.id === id)!;
const kg = calendars.find((c) => c.id === 'kg')!;
const cal = workingDays(kg);
/** A rule made up for one property of the count (a 1-month custody period, a 1-year period). */
const synthetic = (amount: number, unit: Rule['period']['unit'], counting: Rule['counting'] = 'kg-upk-137-custody') =>
  ({ id: 'test.x', period: { amount, unit }, direction: 'after', counting }) as const;

type Row = [label: string, r: Parameters<typeof computeDeadline>[0], from: string, time: string | null, dueOn: string, extra?: { dueTime?: string; shifts?: number; lastDay?: string; missing?: boolean }];

// Worked by hand against the 2025–2027 calendar (weekdays checked with a second tool).
const table: Row[] = [
  ['issue example: refusal received Thu 12.03.2026, 22.03 is a Sunday', rule('kg-upk.154-3'), '2026-03-12', null, '2026-03-23', { lastDay: '2026-03-22', shifts: 1 }],
  ['last day on Orozo Ait (Fri), then Nooruz (Sat), then Sunday', rule('kg-upk.154-3'), '2026-03-10', null, '2026-03-23', { lastDay: '2026-03-20', shifts: 3 }],
  ['last day on Nooruz falling on a Saturday (not carried over since 2025)', rule('kg-upk.154-3'), '2026-03-11', null, '2026-03-23', { shifts: 2 }],
  ['10 сутки ending on a Monday: no move', rule('kg-upk.127'), '2026-03-13', null, '2026-03-23', { shifts: 0 }],
  ['across the New Year: 1.01.2027 to Christmas, first working day 8.01', rule('kg-upk.154-3'), '2026-12-22', null, '2027-01-08', { lastDay: '2027-01-01', shifts: 7 }],
  ['across the New Year 2026 with the two decree days and a weekend', rule('kg-upk.154-3'), '2025-12-28', null, '2026-01-12', { lastDay: '2026-01-07', shifts: 5 }],
  ['ending on a decree day off (9.01.2026)', rule('kg-upk.154-3'), '2025-12-30', null, '2026-01-12', { lastDay: '2026-01-09', shifts: 3 }],
  ['ending on a transferred working Saturday (7.02.2026)', rule('kg-upk.271-6'), '2026-02-02', null, '2026-02-07', { shifts: 0 }],
  ['ending on the other working Saturday (25.04.2026)', rule('kg-upk.154-3'), '2026-04-15', null, '2026-04-25', { shifts: 0 }],
  ['ending on an ordinary Sunday', rule('kg-upk.154-3'), '2026-04-16', null, '2026-04-27', { shifts: 1 }],
  ['ending inside the May holidays', rule('kg-upk.271-6'), '2026-04-28', null, '2026-05-11', { lastDay: '2026-05-03', shifts: 8 }],
  ['verdict appeal ending on the Sunday after the May holidays', rule('kg-upk.400-1'), '2026-04-10', null, '2026-05-11', { lastDay: '2026-05-10', shifts: 1 }],
  ['verdict appeal ending on 1 May: ten days off in a row', rule('kg-upk.400-1'), '2026-04-01', null, '2026-05-11', { shifts: 10 }],
  ['custody exception: 2 months ending on Victory Day stays there', rule('kg-upk.115-1'), '2026-03-09', null, '2026-05-09', { shifts: 0 }],
  ['custody exception: 48 hours over the May holidays', rule('kg-upk.100-2'), '2026-05-01', '10:30', '2026-05-03', { dueTime: '10:30' }],
  ['2 months from 31.12 end on 28.02 (a Saturday), moved to Monday 2.03', rule('kg-upk.162-1'), '2025-12-31', null, '2026-03-02', { lastDay: '2026-02-28', shifts: 2 }],
  ['custody 2 months from 31.12.2026 end on Sunday 28.02.2027, not moved', rule('kg-upk.115-1'), '2026-12-31', null, '2027-02-28', { shifts: 0 }],
  ['31 January + 1 month = 28 February', synthetic(1, 'months'), '2026-01-31', null, '2026-02-28'],
  ['31 January + 1 month in a leap year = 29 February', synthetic(1, 'months'), '2028-01-31', null, '2028-02-29'],
  ['31 January 2024 + 1 month = 29 February 2024', synthetic(1, 'months'), '2024-01-31', null, '2024-02-29'],
  ['31 March + 1 month = 30 April', synthetic(1, 'months'), '2026-03-31', null, '2026-04-30'],
  ['30 January + 1 month = 28 February', synthetic(1, 'months'), '2026-01-30', null, '2026-02-28'],
  ['31 October + 1 month = 30 November', synthetic(1, 'months'), '2026-10-31', null, '2026-11-30'],
  ['29 February + 1 year = 28 February', synthetic(1, 'years'), '2028-02-29', null, '2029-02-28'],
  ['UN: 6 months from 31.08 end on 28.02, calendar days, not moved off a Sunday', rule('un.hrc-state-reply'), '2026-08-31', null, '2027-02-28', { shifts: 0 }],
  ['UN: 5 years from a leap day', rule('un.hrc-submission'), '2024-02-29', null, '2029-02-28'],
  ['UN: 180 days follow-up', rule('un.hrc-follow-up'), '2026-03-12', null, '2026-09-08'],
  ['45 hours across midnight', rule('kg-upk.97-5'), '2026-03-12', '22:15', '2026-03-14', { dueTime: '19:15' }],
  ['45 hours across the New Year (hours never move)', rule('kg-upk.97-5'), '2026-12-31', '23:00', '2027-01-02', { dueTime: '20:00' }],
  ['12 hours across midnight', rule('kg-upk.179-11'), '2026-03-12', '18:40', '2026-03-13', { dueTime: '06:40' }],
  ['12 hours ending exactly at midnight', rule('kg-upk.128-2'), '2026-03-08', '12:00', '2026-03-09', { dueTime: '00:00' }],
  ['12 hours with no time recorded: counted from 00:00', rule('kg-upk.179-11'), '2026-03-12', null, '2026-03-12', { dueTime: '12:00' }],
  ['48 hours over a leap day', rule('kg-upk.100-2'), '2028-02-28', '09:00', '2028-03-01', { dueTime: '09:00' }],
  ['48 hours over the end of a non-leap February', rule('kg-upk.100-2'), '2026-02-28', '09:00', '2026-03-02', { dueTime: '09:00' }],
  ['last day on Orozo Ait 2025 (a Sunday, estimated)', rule('kg-upk.154-3'), '2025-03-20', null, '2025-03-31', { shifts: 1 }],
  ['last day on Independence Day falling on a Sunday', rule('kg-upk.154-3'), '2025-08-21', null, '2025-09-01', { shifts: 1 }],
  ['last day on Nooruz 2027 (a Sunday)', rule('kg-upk.154-3'), '2027-03-11', null, '2027-03-22', { shifts: 1 }],
  ['last day on Kurman Ait 2026 (estimated, a Wednesday)', rule('kg-upk.154-3'), '2026-05-17', null, '2026-05-28', { shifts: 1 }],
  ['23 February is a working day since the 2025 Labour Code', rule('kg-upk.153-3'), '2026-02-13', null, '2026-02-23', { shifts: 0 }],
  ['7 November (a working holiday) on a Saturday: moved as a weekend', rule('kg-upk.154-3'), '2026-10-28', null, '2026-11-09', { shifts: 2 }],
  ['3 сутки ending on 8 March (a Sunday)', rule('kg-upk.129-1'), '2026-03-05', null, '2026-03-09', { shifts: 1 }],
  ['14 сутки ending on Christmas 2027', rule('kg-upk.283-1'), '2026-12-24', null, '2027-01-08', { lastDay: '2027-01-07', shifts: 1 }],
  ['5 сутки ending on the weekend after the 2026 New Year days off', rule('kg-upk.266-10'), '2026-01-05', null, '2026-01-12', { shifts: 2 }],
  ['a year the calendar does not hold: weekends only, and said so', rule('kg-upk.154-3'), '2027-12-25', null, '2028-01-04', { shifts: 0, missing: true }],
  ['5 сутки from a Wednesday: Monday, no move', rule('kg-upk.271-6'), '2026-03-04', null, '2026-03-09', { lastDay: '2026-03-09', shifts: 0 }],
  ['30 сутки from 31.01 (February is short): 2.03', rule('kg-upk.400-1'), '2026-01-31', null, '2026-03-02', { shifts: 0 }],
];

describe('deadline count: worked examples (УПК art. 137 and the Kyrgyz calendar)', () => {
  it.each(table)('%s', (_label, r, from, time, dueOn, extra = {}) => {
    const c = computeDeadline(r, from, time, cal);
    expect(c.dueOn).toBe(dueOn);
    if (extra.dueTime !== undefined) expect(c.dueTime).toBe(extra.dueTime);
    if (extra.shifts !== undefined) expect(c.shifts).toHaveLength(extra.shifts);
    if (extra.lastDay !== undefined) expect(c.lastDay).toBe(extra.lastDay);
    expect(c.calendarMissing).toBe(extra.missing ?? false);
  });

  it('holds at least 40 worked examples', () => expect(table.length).toBeGreaterThanOrEqual(40));

  it('says the count in words, as the issue writes it, in English and Russian', () => {
    const c = computeDeadline(rule('kg-upk.154-3'), '2026-03-12', null, cal);
    expect(countWords(c, 'received', 'en')).toBe('10 days from receipt: 13.03 → 22.03; 22.03 is a Sunday → 23.03');
    expect(countWords(c, 'received', 'ru')).toBe('10 дней с момента получения: 13.03 → 22.03; 22.03 — воскресенье → 23.03');
    const nooruz = computeDeadline(rule('kg-upk.154-3'), '2026-03-10', null, cal);
    expect(countWords(nooruz, 'received', 'en')).toBe('10 days from receipt: 11.03 → 20.03; 20.03 is a holiday (Orozo Ait), 21.03 is a holiday (Nooruz), 22.03 is a Sunday → 23.03');
    const hours = computeDeadline(rule('kg-upk.97-5'), '2026-03-12', '22:15', cal);
    expect(countWords(hours, 'occurred', 'ru')).toBe('45 часов с момента события: 12.03 22:15 → 14.03 19:15');
    const custody = computeDeadline(rule('kg-upk.115-1'), '2026-03-09', null, cal);
    expect(countWords(custody, 'decided', 'en')).toContain('custody period: not moved');
    const newYear = computeDeadline(rule('kg-upk.154-3'), '2026-12-22', null, cal);
    expect(countWords(newYear, 'received', 'en')).toMatch(/^10 days from receipt: 23\.12\.2026 → 01\.01\.2027; .* → 08\.01\.2027$/);
    expect(countWords(computeDeadline(rule('kg-upk.400-1'), '2026-04-01', null, cal), 'decided', 'ru')).toMatch(/^30 суток со дня вынесения/);
  });

  it('lets the lawyer’s own calendar corrections win over the shipped data', () => {
    const declared: LocalDay[] = [{ date: '2026-03-23', kind: 'non_working', name: { ru: 'Объявлен выходным', en: 'Declared a day off' } }];
    expect(computeDeadline(rule('kg-upk.154-3'), '2026-03-12', null, workingDays(kg, declared)).dueOn).toBe('2026-03-24');
    const worked: LocalDay[] = [{ date: '2026-03-22', kind: 'working', name: { ru: 'Рабочий день', en: 'Working day' } }];
    expect(computeDeadline(rule('kg-upk.154-3'), '2026-03-12', null, workingDays(kg, worked)).dueOn).toBe('2026-03-22');
  });
});

const dayArb = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-11-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const shiftingRule = fc.record({ amount: fc.integer({ min: 1, max: 60 }), unit: fc.constantFrom('days' as const, 'sutki' as const) }).map((p) => synthetic(p.amount, p.unit, 'kg-upk-137'));

describe('deadline count: properties', () => {
  it('counts N days after the start day, then lands on a working day, stepping only over days off', () => {
    fc.assert(
      fc.property(shiftingRule, dayArb, (r, from) => {
        const c = computeDeadline(r, from, null, cal);
        expect(c.firstDay).toBe(addDays(from, 1));
        expect(c.lastDay).toBe(addDays(from, r.period.amount));
        expect(cal.dayOff(c.dueOn)).toBeNull();
        let d = c.lastDay;
        for (const s of c.shifts) {
          expect(s.from).toBe(d);
          expect(cal.dayOff(d)).not.toBeNull();
          d = addDays(d, 1);
        }
        expect(d).toBe(c.dueOn);
      }),
    );
  });

  it('never moves a custody period', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), dayArb, (n, from) => {
        const c = computeDeadline(synthetic(n, 'months'), from, null, cal);
        expect(c.dueOn).toBe(c.lastDay);
        expect(c.shifts).toEqual([]);
      }),
    );
  });

  it('ends a month period on the same date number, or the month’s last day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 36 }), fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }), (n, d) => {
        const from = d.toISOString().slice(0, 10);
        const to = addMonths(from, n);
        const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
        expect(months).toBe(n);
        expect(Number(to.slice(8, 10))).toBe(Math.min(Number(from.slice(8, 10)), daysInMonth(Number(to.slice(0, 4)), Number(to.slice(5, 7)))));
      }),
    );
  });

  it('never gives a later trigger an earlier deadline', () => {
    fc.assert(
      fc.property(shiftingRule, dayArb, fc.integer({ min: 0, max: 40 }), (r, a, gap) => {
        const b = addDays(a, gap);
        expect(computeDeadline(r, a, null, cal).dueOn <= computeDeadline(r, b, null, cal).dueOn).toBe(true);
      }),
    );
  });

  it('counts hour periods to the minute, whatever the calendar', () => {
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), dayArb, time, (n, from, t) => {
        const c = computeDeadline(synthetic(n, 'hours', 'kg-upk-137'), from, t, cal);
        const ms = Date.parse(`${c.dueOn}T${c.dueTime}:00Z`) - Date.parse(`${from}T${t}:00Z`);
        expect(ms).toBe(n * 3_600_000);
        expect(c.shifts).toEqual([]);
      }),
    );
  });

  it('always names the due day in the words', () => {
    fc.assert(
      fc.property(shiftingRule, dayArb, fc.constantFrom('ru' as const, 'en' as const), (r, from, lang) => {
        const c = computeDeadline(r, from, null, cal);
        expect(countWords(c, 'received', lang)).toContain(`${c.dueOn.slice(8, 10)}.${c.dueOn.slice(5, 7)}`);
      }),
    );
  });
});
