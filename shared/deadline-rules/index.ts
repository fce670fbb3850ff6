import { CalendarSchema, RuleSetSchema, type RuleSet, type WorkCalendar } from '../schemas/deadline-rules';
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
