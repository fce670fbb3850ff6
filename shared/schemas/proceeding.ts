import { z } from 'zod';
import { IdSchema, optionalDay, optionalText, patchText, TimestampSchema } from './common';
import { IsoDaySchema } from './partial-date';

export const PROCEEDING_TYPES = [
  'complaint_to_prosecutor',
  'appeal_of_refusal',
  'criminal_trial',
  'appeal',
  'cassation',
  'constitutional',
  'un_treaty_body',
  'follow_up',
  'compensation_claim',
  'other',
] as const;
export const PROCEEDING_STATUSES = ['planned', 'active', 'suspended', 'decided', 'closed'] as const;

const fields = {
  type: z.enum(PROCEEDING_TYPES),
  /** The court, prosecutor's office or committee. */
  body: optionalText(200),
  reference: optionalText(100),
  status: z.enum(PROCEEDING_STATUSES).default('active'),
  outcome: optionalText(2000),
  startedOn: optionalDay,
  endedOn: optionalDay,
  /** The proceeding this one came from (an appeal's trial, a UN communication's last domestic instance). */
  parentId: IdSchema.nullable().optional().transform((v) => v ?? null),
};
export const ProceedingInputSchema = z.strictObject({ caseId: IdSchema, ...fields });
export type ProceedingInput = z.input<typeof ProceedingInputSchema>;
export const ProceedingPatchSchema = z.strictObject({
  type: z.enum(PROCEEDING_TYPES).optional(),
  body: patchText(200),
  reference: patchText(100),
  status: z.enum(PROCEEDING_STATUSES).optional(),
  outcome: patchText(2000),
  startedOn: IsoDaySchema.nullable().optional(),
  endedOn: IsoDaySchema.nullable().optional(),
  parentId: IdSchema.nullable().optional(),
});
export type ProceedingPatch = z.input<typeof ProceedingPatchSchema>;

export const ProceedingSchema = z.strictObject({
  id: IdSchema,
  caseId: IdSchema,
  type: z.enum(PROCEEDING_TYPES),
  body: z.string().nullable(),
  reference: z.string().nullable(),
  status: z.enum(PROCEEDING_STATUSES),
  outcome: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  parentId: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Proceeding = z.infer<typeof ProceedingSchema>;
