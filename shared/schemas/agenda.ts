import { z } from 'zod';
import { CaseSummarySchema } from './case';
import { IdSchema, optionalText, patchText, requiredText, TimestampSchema } from './common';
import { IsoDaySchema, TimeSchema } from './partial-date';

// --- Hearings ------------------------------------------------------------------------------------

const hearingFields = {
  date: IsoDaySchema,
  /** Local court time; a hearing whose time is not yet announced has none. */
  time: TimeSchema.nullable().optional().transform((v) => v ?? null),
  body: optionalText(200),
  room: optionalText(100),
  judgePersonId: IdSchema.nullable().optional().transform((v) => v ?? null),
  proceedingId: IdSchema.nullable().optional().transform((v) => v ?? null),
  purpose: optionalText(500),
  outcome: optionalText(2000),
};
export const HearingInputSchema = z.strictObject({ caseId: IdSchema, ...hearingFields });
export type HearingInput = z.input<typeof HearingInputSchema>;
export const HearingPatchSchema = z.strictObject({
  date: IsoDaySchema.optional(),
  time: TimeSchema.nullable().optional(),
  body: patchText(200),
  room: patchText(100),
  judgePersonId: IdSchema.nullable().optional(),
  proceedingId: IdSchema.nullable().optional(),
  purpose: patchText(500),
  outcome: patchText(2000),
});
export type HearingPatch = z.input<typeof HearingPatchSchema>;
/** Kyrgyz courts adjourn often: a hearing keeps its history rather than being edited into a new one. */
export const HEARING_STATUSES = ['scheduled', 'held', 'adjourned', 'cancelled'] as const;
export const HearingStatusSchema = z.enum(HEARING_STATUSES);
export type HearingStatus = z.infer<typeof HearingStatusSchema>;

export const HearingSchema = z.strictObject({
  id: IdSchema,
  caseId: IdSchema,
  date: z.string(),
  time: z.string().nullable(),
  body: z.string().nullable(),
  room: z.string().nullable(),
  judgePersonId: IdSchema.nullable(),
  proceedingId: IdSchema.nullable(),
  purpose: z.string().nullable(),
  outcome: z.string().nullable(),
  status: HearingStatusSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Hearing = z.infer<typeof HearingSchema>;

/**
 * A change of status. Adjourning needs the new date (the hearing moves there and counts as scheduled again,
 * the old date stays in its history); held and cancelled keep the date.
 */
export const HearingStatusChangeSchema = z
  .strictObject({
    id: IdSchema,
    status: HearingStatusSchema,
    date: IsoDaySchema.optional(),
    time: TimeSchema.nullable().optional(),
    reason: optionalText(500),
  })
  .refine((c) => c.status !== 'adjourned' || c.date !== undefined, { path: ['date'], message: 'Enter the new date' });
export type HearingStatusChange = z.input<typeof HearingStatusChangeSchema>;

/** One line of a hearing's history: what it became, from which date, to which (for an adjournment), and why. */
export const HearingChangeSchema = z.strictObject({
  id: IdSchema,
  hearingId: IdSchema,
  status: HearingStatusSchema,
  fromDate: z.string(),
  fromTime: z.string().nullable(),
  toDate: z.string().nullable(),
  toTime: z.string().nullable(),
  reason: z.string().nullable(),
  at: TimestampSchema,
});
export type HearingChange = z.infer<typeof HearingChangeSchema>;

// --- Deadlines -----------------------------------------------------------------------------------

const deadlineFields = {
  /** May fall before the case was opened (a deadline inherited from earlier counsel). */
  dueOn: IsoDaySchema,
  what: requiredText(500, 'Say what is due'),
  proceedingId: IdSchema.nullable().optional().transform((v) => v ?? null),
  /** Why: the rule or order that sets it ("CPC art. 435: 10 days from the refusal"). */
  rule: optionalText(500),
};
export const DeadlineInputSchema = z.strictObject({ caseId: IdSchema, ...deadlineFields });
export type DeadlineInput = z.input<typeof DeadlineInputSchema>;
export const DeadlinePatchSchema = z.strictObject({
  dueOn: IsoDaySchema.optional(),
  what: deadlineFields.what.optional(),
  proceedingId: IdSchema.nullable().optional(),
  rule: patchText(500),
});
export type DeadlinePatch = z.input<typeof DeadlinePatchSchema>;
export const DeadlineSchema = z.strictObject({
  id: IdSchema,
  caseId: IdSchema,
  dueOn: z.string(),
  what: z.string(),
  proceedingId: IdSchema.nullable(),
  rule: z.string().nullable(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Deadline = z.infer<typeof DeadlineSchema>;

// --- Dashboard and calendar ------------------------------------------------------------------------

const CaseRef = { caseTitle: z.string(), caseRef: z.string().nullable() };
export const AgendaHearingSchema = HearingSchema.extend(CaseRef);
export type AgendaHearing = z.infer<typeof AgendaHearingSchema>;
export const AgendaDeadlineSchema = DeadlineSchema.extend(CaseRef);
export type AgendaDeadline = z.infer<typeof AgendaDeadlineSchema>;

export const DashboardQuerySchema = z.strictObject({
  days: z.number().int().min(1).max(366).default(14),
  recentLimit: z.number().int().min(1).max(100).default(10),
});
export type DashboardQuery = z.input<typeof DashboardQuerySchema>;
export const DashboardSchema = z.strictObject({
  /** The local day the dashboard was computed for. */
  today: z.string(),
  days: z.number().int(),
  hearings: z.array(AgendaHearingSchema),
  dueSoon: z.array(AgendaDeadlineSchema),
  /** Not done and past due: shown first and prominently. */
  overdue: z.array(AgendaDeadlineSchema),
  recentCases: z.array(CaseSummarySchema),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const CalendarQuerySchema = z
  .strictObject({ from: IsoDaySchema, to: IsoDaySchema, includeDone: z.boolean().default(true) })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'The end is before the start' });
export const CalendarSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  hearings: z.array(AgendaHearingSchema),
  deadlines: z.array(AgendaDeadlineSchema),
});
export type Calendar = z.infer<typeof CalendarSchema>;
