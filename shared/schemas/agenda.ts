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
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Hearing = z.infer<typeof HearingSchema>;

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
