import { z } from 'zod';
import { IdSchema, longText, optionalText, patchText, TimestampSchema } from './common';
import { PartialDateSchema, TimeSchema } from './partial-date';

export const EVENT_TYPES = [
  'incident',
  'arrest',
  'detention',
  'ill_treatment',
  'medical_examination',
  'complaint_filed',
  'decision',
  'hearing',
  'release',
  'death',
  'other',
] as const;
export const EventTypeSchema = z.enum(EVENT_TYPES);

const fields = {
  date: PartialDateSchema,
  time: TimeSchema.nullable().optional().transform((v) => v ?? null),
  type: EventTypeSchema,
  place: optionalText(300),
  description: longText(20_000).default(''),
  personIds: z.array(IdSchema).max(100).default([]),
  proceedingId: IdSchema.nullable().optional().transform((v) => v ?? null),
};
export const EventInputSchema = z.strictObject({
  caseId: IdSchema,
  ...fields,
  /** Documents of the case the event rests on (a decision's text), linked to it in the same write. */
  documentIds: z.array(IdSchema).max(50).default([]),
});
export type EventInput = z.input<typeof EventInputSchema>;
export const EventPatchSchema = z.strictObject({
  date: PartialDateSchema.optional(),
  time: TimeSchema.nullable().optional(),
  type: EventTypeSchema.optional(),
  place: patchText(300),
  description: longText(20_000).optional(),
  personIds: z.array(IdSchema).max(100).optional(),
  proceedingId: IdSchema.nullable().optional(),
});
export type EventPatch = z.input<typeof EventPatchSchema>;

export const EventSchema = z.strictObject({
  id: IdSchema,
  caseId: IdSchema,
  date: PartialDateSchema,
  time: z.string().nullable(),
  type: EventTypeSchema,
  place: z.string().nullable(),
  description: z.string(),
  personIds: z.array(IdSchema),
  proceedingId: IdSchema.nullable(),
  /** Orders mixed precisions: earliest possible day, then the more precise first, then time. */
  sortKey: z.string(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type CaseEvent = z.infer<typeof EventSchema>;

export const EventListQuerySchema = z.strictObject({
  caseId: IdSchema,
  types: z.array(EventTypeSchema).max(EVENT_TYPES.length).optional(),
  personId: IdSchema.optional(),
});
