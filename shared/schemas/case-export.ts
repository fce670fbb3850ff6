import { z } from 'zod';
import { DeadlineSchema, HearingChangeSchema, HearingSchema } from './agenda';
import { CaseSchema, CategorySchema } from './case';
import { AuditEntrySchema } from './common';
import { CustodyEntrySchema, DocumentSchema } from './document';
import { EventSchema } from './event';
import { NoteSchema } from './note';
import { PersonSchema, RoleSchema } from './person';
import { ProceedingSchema } from './proceeding';

/**
 * `sakta export-case`: every record of one case, as plain JSON, for migration and the lawyer's own
 * archive. Documented field by field in docs/export-format.md. A newer `version` may add fields;
 * readers reject unknown fields so nothing is silently dropped. Version 2 added `documents`; version 3 a
 * hearing's `status` and `hearingChanges` (each hearing's history: adjournments, held, cancelled).
 */
export const CASE_EXPORT_VERSION = 3;

/** A document record of the case with its chain of custody, oldest entry first. */
export const CaseExportDocumentSchema = DocumentSchema.extend({ custody: z.array(CustodyEntrySchema) });
export type CaseExportDocument = z.infer<typeof CaseExportDocumentSchema>;
export const CaseExportSchema = z.strictObject({
  format: z.literal('sakta-case-export'),
  version: z.literal(CASE_EXPORT_VERSION),
  exportedAt: z.string(),
  case: CaseSchema,
  category: CategorySchema.nullable(),
  /** Every person the case refers to: parties, linked to events, judges of hearings, represented persons. */
  persons: z.array(PersonSchema),
  roles: z.array(RoleSchema),
  proceedings: z.array(ProceedingSchema),
  events: z.array(EventSchema),
  hearings: z.array(HearingSchema),
  /** Each hearing's history, oldest change first. */
  hearingChanges: z.array(HearingChangeSchema),
  deadlines: z.array(DeadlineSchema),
  notes: z.array(NoteSchema),
  /** Every document of the case not yet shredded (trash included): metadata, SHA-256, custody. */
  documents: z.array(CaseExportDocumentSchema),
  /** The case's audit trail, oldest first. */
  activity: z.array(AuditEntrySchema),
});
export type CaseExport = z.infer<typeof CaseExportSchema>;
