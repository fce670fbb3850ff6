import { z } from 'zod';
import { DeadlineSchema, HearingSchema } from './agenda';
import { CaseSchema, CaseSummarySchema, CategorySchema } from './case';
import { IdSchema } from './common';
import { PartySchema, PersonSchema } from './person';
import { ProceedingSchema } from './proceeding';

/** Everything the case page's Overview tab shows, in one request. */
export const CaseOverviewSchema = z.strictObject({
  case: CaseSchema,
  category: CategorySchema.nullable(),
  parties: z.array(PartySchema),
  proceedings: z.array(ProceedingSchema),
  /** The most recently started proceeding that is not closed or decided (the case's live front). */
  currentProceeding: ProceedingSchema.nullable(),
  nextHearing: HearingSchema.nullable(),
  openDeadlines: z.array(DeadlineSchema),
  counts: z.strictObject({
    events: z.number().int(),
    hearings: z.number().int(),
    deadlines: z.number().int(),
    notes: z.number().int(),
  }),
});
export type CaseOverview = z.infer<typeof CaseOverviewSchema>;

export const QuickSwitchQuerySchema = z.strictObject({
  query: z.string().max(200),
  limit: z.number().int().min(1).max(50).default(20),
});
export const QUICK_SWITCH_KINDS = ['case', 'person', 'document', 'proceeding', 'note'] as const;
/**
 * One Ctrl/Cmd+K answer. `caseId` is the case a document, proceeding or note belongs to (null for a
 * case or a person), so the switcher can open the right tab; `match` is the number or reference that
 * matched when it is not the title (a court number "АП-77/2024" of a case).
 */
export const QuickSwitchItemSchema = z.strictObject({
  kind: z.enum(QUICK_SWITCH_KINDS),
  id: IdSchema,
  caseId: IdSchema.nullable(),
  title: z.string(),
  subtitle: z.string().nullable(),
  match: z.string().nullable(),
});
export const QuickSwitchSchema = z.strictObject({ items: z.array(QuickSwitchItemSchema) });
export type QuickSwitchItem = z.infer<typeof QuickSwitchItemSchema>;

/** The cases a person takes part in, with their role in each. */
export const PersonCasesSchema = z.strictObject({
  person: PersonSchema,
  cases: z.array(z.strictObject({ case: CaseSummarySchema, roles: z.array(z.string()) })),
});
