import { describe, expect, it } from 'vitest';
import { shippedRules } from '../../shared/deadline-rules';
import { kgUpk } from '../../shared/deadline-rules/kg-upk';
import { CalendarSchema, RuleSetSchema, STARTS_FROM, TRIGGER_ACTS } from '../../shared/schemas/deadline-rules';
import { RESOURCES } from '../../renderer/src/i18n';

describe('shipped deadline rules', () => {
  const { ruleSets, calendars } = shippedRules();
  const rules = ruleSets.flatMap((s) => s.rules);

  it('parse with their schemas and name a calendar that exists', () => {
    expect(ruleSets.map((s) => s.id)).toEqual(['kg-upk', 'un']);
    for (const s of ruleSets) if (s.calendar) expect(calendars.map((c) => c.id)).toContain(s.calendar);
  });

  it('give every rule a citation with an article, a law and a version date', () => {
    for (const r of rules) {
      expect(r.citation.article.length, r.id).toBeGreaterThan(0);
      expect(r.citation.law.ru.length, r.id).toBeGreaterThan(0);
      expect(r.citation.versionDate, r.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('mark what could not be checked: every UN rule is unverified, the CAT rule is never proposed', () => {
    for (const r of rules.filter((x) => x.id.startsWith('un.'))) expect(r.citation.verified, r.id).toBe(false);
    expect(rules.find((r) => r.id === 'un.cat-state-reply')?.propose).toBe(false);
    expect(rules.find((r) => r.id === 'kg-upk.154-3')?.citation.verified).toBe(true);
  });

  it('keep the refusal appeal as the code has it: 10 days from receipt, moved off non-working days', () => {
    const r = rules.find((x) => x.id === 'kg-upk.154-3')!;
    expect(r.period).toEqual({ amount: 10, unit: 'days' });
    expect(r.trigger).toEqual({ eventTypes: ['decision'], act: 'refusal_to_open_case', startsFrom: 'received' });
    expect(r.counting).toBe('kg-upk-137');
  });

  it('count custody and detention periods without the move to a working day', () => {
    for (const id of ['kg-upk.97-5', 'kg-upk.100-2', 'kg-upk.115-1']) expect(rules.find((r) => r.id === id)?.counting).toBe('kg-upk-137-custody');
  });

  it('refuse a rule set with a duplicate id, a foreign id or no citation', () => {
    const dup = { ...kgUpk, rules: [kgUpk.rules[0], kgUpk.rules[0]] };
    expect(RuleSetSchema.safeParse(dup).success).toBe(false);
    const foreign = { ...kgUpk, rules: [{ ...kgUpk.rules[0], id: 'un.x' }] };
    expect(RuleSetSchema.safeParse(foreign).success).toBe(false);
    const { citation: _drop, ...noCitation } = kgUpk.rules[0]!;
    expect(RuleSetSchema.safeParse({ ...kgUpk, rules: [noCitation] }).success).toBe(false);
  });

  it('ship the Kyrgyz calendar for 2025–2027 with a source on every day, lunar estimates unverified', () => {
    const kg = calendars.find((c) => c.id === 'kg')!;
    expect(kg.years.map((y) => y.year)).toEqual([2025, 2026, 2027]);
    for (const y of kg.years) {
      const days = y.nonWorking.map((d) => d.date);
      expect(new Set(days).size, String(y.year)).toBe(days.length);
      for (const md of ['01-01', '01-07', '03-08', '03-21', '05-01', '05-09', '08-31']) expect(days).toContain(`${y.year}-${md}`);
      expect(days).not.toContain(`${y.year}-02-23`); // a state holiday that is a working day since the 2025 Labour Code
    }
    const y2027 = kg.years.find((y) => y.year === 2027)!;
    expect(y2027.nonWorking.filter((d) => /Ait/.test(d.name.en)).every((d) => !d.source.verified)).toBe(true);
    expect(CalendarSchema.safeParse({ ...kg, years: [{ year: 2025, nonWorking: [{ ...y2027.nonWorking[0] }], workingWeekendDays: [] }] }).success).toBe(false);
  });

  it('names every act and start date in English and Russian, so a proposal never shows a raw code', () => {
    for (const lang of ['en', 'ru'] as const) {
      const d = (RESOURCES[lang] as { deadlines: { acts: Record<string, string>; startsFrom: Record<string, string> } }).deadlines;
      expect(Object.keys(d.acts).sort(), lang).toEqual([...TRIGGER_ACTS].sort());
      expect(Object.keys(d.startsFrom).sort(), lang).toEqual([...STARTS_FROM].sort());
    }
  });
});
