import { z } from 'zod';
import { IdSchema } from './common';

/** Records that can be removed and brought back with Undo (documents have their own trash). */
export const RemovableKindSchema = z.enum(['note', 'event', 'hearing', 'deadline', 'proceeding']);
export type RemovableKind = z.infer<typeof RemovableKindSchema>;

/** What a removal takes with it: a proceeding takes the hearings, events and deadlines linked to it. */
export const RemovalImpactSchema = z.strictObject({
  hearings: z.number().int().min(0),
  events: z.number().int().min(0),
  deadlines: z.number().int().min(0),
});
export type RemovalImpact = z.infer<typeof RemovalImpactSchema>;

export const RestoredRecordSchema = z.strictObject({ entityType: RemovableKindSchema, id: IdSchema, caseId: IdSchema });
export type RestoredRecord = z.infer<typeof RestoredRecordSchema>;
