import { z } from 'zod';
import { IdSchema } from './common';
import { EVENT_TYPES } from './event';
import { IsoDaySchema, TimeSchema } from './partial-date';

/**
 * Procedural deadline rules as data: what starts a period, how long it is, how it is counted, what
 * must be done before whom, and where the rule comes from. One versioned rule set per jurisdiction
 * or body (shared/deadline-rules/*), validated by these schemas in a test and at load.
 */

/** Text shown to the lawyer, in each interface language the rules are written in. */
export const LocalizedSchema = z.strictObject({ ru: z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof LocalizedSchema>;

export const PERIOD_UNITS = ['hours', 'sutki', 'days', 'months', 'years'] as const;
export const PeriodSchema = z.strictObject({ amount: z.number().int().min(1).max(1000), unit: z.enum(PERIOD_UNITS) });
export type Period = z.infer<typeof PeriodSchema>;

/**
 * What the procedure calls the trigger. Events of type 'decision' and 'complaint_filed' cover many acts;
 * the act says which one (a refusal to open a case, a verdict...). The lawyer confirms the act in the proposal.
 */
export const TRIGGER_ACTS = [
  'report_registered',
  'refusal_to_open_case',
  'investigator_decision',
  'complaint_to_prosecutor',
  'complaint_to_judge',
  'judge_complaint_ruling',
  'torture_statement',
  'detainee_torture_complaint',
  'detention',
  'detention_ruling',
  'custody_ordered',
  'custody_ruling',
  'case_opened',
  'trial_ordered',
  'verdict',
  'interim_ruling',
  'domestic_remedies_exhausted',
  'un_communication_transmitted',
  'un_views_adopted',
] as const;
export type TriggerAct = (typeof TRIGGER_ACTS)[number];
export const TriggerActSchema = z.enum(TRIGGER_ACTS);

/** Which date of the trigger starts the count: the lawyer's event date is taken as that date, and can be edited. */
export const STARTS_FROM = ['received', 'served', 'decided', 'occurred', 'registered', 'filed'] as const;
export type StartsFrom = (typeof STARTS_FROM)[number];

/**
 * How the end is found. `kg-upk-137`: УПК art. 137 (start day not counted; months to the same date number
 * or the month's last day; a last day on a non-working day moves to the next working day).
 * `kg-upk-137-custody`: the same without the move (detention, custody, house arrest, medical institution).
 * `calendar`: plain calendar count with no move (international bodies; no rule of theirs moves it).
 */
export const COUNTING = ['kg-upk-137', 'kg-upk-137-custody', 'calendar'] as const;
export type Counting = (typeof COUNTING)[number];

/** Who must act: the lawyer (a period that can be lost) or an authority the lawyer watches. */
export const ACTORS = ['lawyer', 'investigator', 'prosecutor', 'court', 'facility', 'state'] as const;

export const CitationSchema = z.strictObject({
  /** "154(3)", "art. 4(2)", "rule 99(c)". */
  article: z.string().min(1).max(60),
  law: LocalizedSchema,
  /** The date of the consolidated text the rule was read from. */
  versionDate: IsoDaySchema,
  /** True only when the rule was checked word for word against that text. */
  verified: z.boolean(),
  /** Where the text was read, or why it could not be verified. */
  note: z.string().max(1000).optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const RuleIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/, 'A rule id is dotted lower-case words, e.g. kg-upk.154-3');

export const RuleSchema = z.strictObject({
  id: RuleIdSchema,
  title: LocalizedSchema,
  trigger: z.strictObject({
    eventTypes: z.array(z.enum(EVENT_TYPES)).min(1),
    act: TriggerActSchema,
    startsFrom: z.enum(STARTS_FROM),
  }),
  period: PeriodSchema,
  /** 'after' the trigger (nearly all), or 'before' it (a request due N сутки before custody expires). */
  direction: z.enum(['after', 'before']).default('after'),
  counting: z.enum(COUNTING),
  actor: z.enum(ACTORS),
  action: LocalizedSchema,
  before: LocalizedSchema,
  extendable: LocalizedSchema.nullable(),
  restorable: LocalizedSchema.nullable(),
  citation: CitationSchema,
  /** False: listed and computable, never proposed on its own (e.g. it depends on a fact not yet checked). */
  propose: z.boolean().default(true),
});
export type Rule = z.output<typeof RuleSchema>;

export const RuleSetSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** Bumped whenever a rule changes; an accepted deadline records the version it was computed with. */
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}\.\d+$/),
    title: LocalizedSchema,
    /** The calendar whose working days the rules count with (null: calendar days only). */
    calendar: z.string().nullable(),
    rules: z.array(RuleSchema).min(1),
  })
  .refine((s) => new Set(s.rules.map((r) => r.id)).size === s.rules.length, { message: 'Rule ids must be unique', path: ['rules'] })
  .refine((s) => s.rules.every((r) => r.id.startsWith(`${s.id}.`)), { message: 'Every rule id starts with its set id', path: ['rules'] });
export type RuleSet = z.output<typeof RuleSetSchema>;

// --- Working-day calendar ---------------------------------------------------------------------------

export const SourceSchema = z.strictObject({
  /** Where it was read: a law, a decree, a ministry notice as reported. */
  text: z.string().min(1).max(500),
  verified: z.boolean(),
});

export const CalendarDaySchema = z.strictObject({
  date: IsoDaySchema,
  name: LocalizedSchema,
  source: SourceSchema,
});
export type CalendarDay = z.infer<typeof CalendarDaySchema>;

/** One year of a jurisdiction's calendar: days off on top of weekends, and weekend days worked instead. */
export const CalendarYearSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  nonWorking: z.array(CalendarDaySchema),
  workingWeekendDays: z.array(CalendarDaySchema),
});

export const CalendarSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}\.\d+$/),
    title: LocalizedSchema,
    /** 0 = Sunday … 6 = Saturday. */
    weekend: z.array(z.number().int().min(0).max(6)),
    weekendNote: LocalizedSchema,
    years: z.array(CalendarYearSchema),
  })
  .refine((c) => c.years.every((y) => [...y.nonWorking, ...y.workingWeekendDays].every((d) => d.date.startsWith(`${y.year}-`))), {
    message: 'Every day belongs to its year',
    path: ['years'],
  });
export type WorkCalendar = z.output<typeof CalendarSchema>;

// --- Computation, proposals, accepted deadlines (the IPC shapes) --------------------------------------

/** One step of the count, as the words show it ("22.03 is a Sunday → 23.03"). */
export const ShiftSchema = z.strictObject({
  from: IsoDaySchema,
  /** Why `from` was not a working day. */
  reason: z.enum(['weekend', 'holiday']),
  holiday: LocalizedSchema.nullable(),
});

export const ComputationSchema = z.strictObject({
  ruleId: RuleIdSchema,
  period: PeriodSchema,
  direction: z.enum(['after', 'before']),
  counting: z.enum(COUNTING),
  triggerOn: IsoDaySchema,
  triggerTime: TimeSchema.nullable(),
  /** The first day counted (the day after the trigger), or for hours the start instant's day. */
  firstDay: IsoDaySchema,
  /** Where the bare count ends. */
  lastDay: IsoDaySchema,
  /** Non-working days stepped over to reach `dueOn` (empty when no move, or custody). */
  shifts: z.array(ShiftSchema),
  dueOn: IsoDaySchema,
  /** For hour periods: the clock time the period runs out; otherwise 24:00 of dueOn (null). */
  dueTime: TimeSchema.nullable(),
  /** True when an hour period had no trigger time and was counted from 00:00. */
  assumedMidnight: z.boolean(),
  /** True when the count needed a year the calendar does not hold (weekends only were used). */
  calendarMissing: z.boolean(),
  /** True when the rule forbids moving a non-working last day (custody). */
  noShift: z.boolean(),
});
export type Computation = z.infer<typeof ComputationSchema>;

export const RuleViewSchema = z.strictObject({
  setId: z.string(),
  setVersion: z.string(),
  setTitle: LocalizedSchema,
  rule: RuleSchema,
});
export type RuleView = z.infer<typeof RuleViewSchema>;

export const ComputeQuerySchema = z.strictObject({
  ruleId: RuleIdSchema,
  from: IsoDaySchema,
  time: TimeSchema.nullable().optional().transform((v) => v ?? null),
});

export const ProposeQuerySchema = z.strictObject({
  eventId: IdSchema,
  /** The act the lawyer picked for a decision or complaint; without it, the acts possible for the type are listed. */
  act: TriggerActSchema.optional(),
  /** A trigger date other than the event's (a refusal dated the 5th, received on the 12th). */
  triggerOn: IsoDaySchema.optional(),
});

export const ProposalSchema = z.strictObject({
  rule: RuleViewSchema,
  computation: ComputationSchema,
  /** Already accepted for this event and rule: shown, not offered twice. */
  acceptedDeadlineId: IdSchema.nullable(),
});
export type Proposal = z.infer<typeof ProposalSchema>;

export const ProposalsSchema = z.strictObject({
  eventId: IdSchema,
  /** The acts rules know for this event's type (the lawyer picks one when there are several). */
  acts: z.array(TriggerActSchema),
  act: TriggerActSchema.nullable(),
  /** Null when the event's date is not an exact day (an approximate date cannot start a count). */
  triggerOn: IsoDaySchema.nullable(),
  proposals: z.array(ProposalSchema),
});
export type Proposals = z.infer<typeof ProposalsSchema>;

export const AcceptSchema = z.strictObject({
  eventId: IdSchema,
  ruleId: RuleIdSchema,
  triggerOn: IsoDaySchema,
  /** The lawyer may change the date before accepting; the computed one is kept beside it. */
  dueOn: IsoDaySchema.optional(),
  what: z.string().trim().min(1).max(500).optional(),
});

/** What an accepted deadline remembers of its rule. */
export const RuleLinkSchema = z.strictObject({
  deadlineId: IdSchema,
  ruleId: RuleIdSchema,
  setVersion: z.string(),
  eventId: IdSchema.nullable(),
  triggerOn: IsoDaySchema,
  triggerTime: TimeSchema.nullable(),
  computedDueOn: IsoDaySchema,
  dueTime: TimeSchema.nullable(),
  /** The lawyer set another date than the computed one: a recount does not overwrite it. */
  edited: z.boolean(),
  citation: CitationSchema,
  title: LocalizedSchema,
  /** Set when a recount moved the date and the lawyer has not yet seen it. */
  notice: z
    .strictObject({ previousDueOn: IsoDaySchema, reason: z.enum(['trigger', 'calendar']), at: z.string() })
    .nullable(),
});
export type RuleLink = z.infer<typeof RuleLinkSchema>;

export const HolidaysQuerySchema = z.strictObject({ year: z.number().int().min(2000).max(2100) });
export const HolidayListSchema = z.strictObject({
  year: z.number().int(),
  /** False when the shipped calendar has no data for that year (weekends only). */
  known: z.boolean(),
  calendarVersion: z.string(),
  days: z.array(
    z.strictObject({
      date: IsoDaySchema,
      kind: z.enum(['non_working', 'working_weekend']),
      name: LocalizedSchema,
      source: SourceSchema,
      /** Entered by the lawyer in this vault (overrides the shipped data). */
      local: z.boolean(),
    }),
  ),
});
export type HolidayList = z.infer<typeof HolidayListSchema>;

/** A lawyer's correction to the working-day calendar: a day off the shipped data lacks, or a day worked. */
export const CalendarDayInputSchema = z.strictObject({
  date: IsoDaySchema,
  kind: z.enum(['non_working', 'working']),
  name: z.string().trim().min(1, 'Say what the day is').max(200, 'At most 200 characters'),
});
export type CalendarDayInput = z.input<typeof CalendarDayInputSchema>;
