import { z } from 'zod';
import {
  BULK_EDIT_MAX,
  CustodyEntrySchema,
  DocumentBulkPatchSchema,
  DocumentPatchSchema,
  DocumentSchema,
  DocumentTypeSchema,
  ImportResultSchema,
  ProvenanceSchema,
} from '../../schemas/document';
import { IdSchema } from '../../schemas/common';
import { ById, JobIdSchema } from '../common';
import { PathTokenSchema } from '../../schemas/picked';
import { RedactRequestSchema } from '../../schemas/redaction';

/** Verification report (`sakta verify`): each problem names the document or the audit entry. */
export const VerifyReportSchema = z.strictObject({
  ok: z.boolean(),
  checked: z.strictObject({ databasePages: z.boolean(), files: z.number().int(), documents: z.number().int(), auditEntries: z.number().int() }),
  problems: z.array(
    z.strictObject({
      area: z.enum(['database', 'file', 'audit', 'rollback']),
      message: z.string(),
      documentIds: z.array(z.string()).optional(),
      blobId: z.string().optional(),
      auditSeq: z.number().int().optional(),
    }),
  ),
});

export const documentsChannels = {
  /**
   * `files` are tokens from `dialog.openFiles` (or a drop), one per file, each good once; the main process
   * checks each real path is a regular, readable file. Progress arrives as `job.progress` events with this `jobId`
   * (kind "import"); `documents.cancelImport` stops it and nothing is kept.
   */
  'documents.import': {
    request: z.strictObject({
      caseId: IdSchema,
      files: z.array(PathTokenSchema).min(1).max(1000),
      jobId: JobIdSchema.optional(),
      type: DocumentTypeSchema.optional(),
      provenance: ProvenanceSchema.optional(),
    }),
    response: ImportResultSchema,
  },
  'documents.cancelImport': { request: z.strictObject({ jobId: JobIdSchema }), response: z.strictObject({ cancelled: z.boolean() }) },
  'documents.list': {
    request: z.strictObject({ caseId: IdSchema, trash: z.boolean().default(false) }),
    response: z.strictObject({ documents: z.array(DocumentSchema) }),
  },
  'documents.get': { request: ById, response: DocumentSchema },
  /** Opening in the viewer: recorded in the chain of custody. */
  'documents.open': { request: ById, response: DocumentSchema },
  'documents.update': { request: z.strictObject({ id: IdSchema, patch: DocumentPatchSchema }), response: DocumentSchema },
  /** The same edit for several documents of one case, in one transaction: one custody entry per document changed. */
  'documents.updateMany': {
    request: z.strictObject({ caseId: IdSchema, ids: z.array(IdSchema).min(1).max(BULK_EDIT_MAX), patch: DocumentBulkPatchSchema }),
    response: z.strictObject({ documents: z.array(DocumentSchema) }),
  },
  /** "Save a decrypted copy…" to the file the save dialog just returned (`target`, its token). Audited. */
  'documents.export': {
    request: z.strictObject({ id: IdSchema, target: PathTokenSchema, overwrite: z.boolean().default(false) }),
    response: z.strictObject({ path: z.string(), size: z.number().int() }),
  },
  /**
   * True redaction: a new document made from this one with what lies under the marks (and under every occurrence
   * of the words) removed from the file; the original stays. Returns the redacted version.
   */
  'documents.redact': { request: RedactRequestSchema, response: DocumentSchema },
  'documents.trash': { request: ById, response: DocumentSchema },
  'documents.restore': { request: ById, response: DocumentSchema },
  /** Shreds what has been in the trash for 30 days (also done at every unlock). */
  'documents.purgeTrash': { request: z.strictObject({}), response: z.strictObject({ shredded: z.number().int() }) },
  'documents.custody': { request: ById, response: z.strictObject({ entries: z.array(CustodyEntrySchema) }) },
  'documents.verifyVault': { request: z.strictObject({}), response: VerifyReportSchema },
} as const;
