import { CalendarSchema, RuleSetSchema, type Rule, type RuleSet, type WorkCalendar } from '../schemas/deadline-rules';
import { kgCalendar } from './kg-calendar';
import { kgUpk } from './kg-upk';
import { un } from './un';

/**
 * Every shipped rule set and calendar, parsed by their schemas on first use: a malformed rule file
 * stops the deadline domain loudly (and the schema test fails) instead of proposing a wrong date.
 * To add a jurisdiction: a rule file and, if it counts working days, a calendar; then list them here.
 */
let cache: { ruleSets: RuleSet[]; calendars: WorkCalendar[] } | null = null;

export function shippedRules(): { ruleSets: RuleSet[]; calendars: WorkCalendar[] } {
  cache ??= {
    ruleSets: [kgUpk, un].map((s) => RuleSetSchema.parse(s)),
    calendars: [kgCalendar].map((c) => CalendarSchema.parse(c)),
  };
  return cache;
}

/** A shipped rule by id, or null when no shipped set has it (withdrawn since the deadline was accepted). */
export function findRule(id: string): Rule | null {
  for (const set of shippedRules().ruleSets) for (const rule of set.rules) if (rule.id === id) return rule;
  return null;
}
