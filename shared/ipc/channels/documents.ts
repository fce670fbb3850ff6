import { z } from 'zod';
import {
  CustodyEntrySchema,
  DocumentPatchSchema,
  DocumentSchema,
  ImportRequestSchema,
  ImportResultSchema,
} from '../../schemas/document';
import { ById, IdSchema } from '../../schemas/common';


/** Verification report (`sakta verify`): each problem names the document or the audit entry. */
export const VerifyReportSchema = z.strictObject({
  ok: z.boolean(),
  checked: z.strictObject({ databasePages: z.boolean(), files: z.number().int(), documents: z.number().int(), auditEntries: z.number().int() }),
  problems: z.array(
    z.strictObject({
      area: z.enum(['database', 'file', 'audit']),
      message: z.string(),
      documentIds: z.array(z.string()).optional(),
      blobId: z.string().optional(),
      auditSeq: z.number().int().optional(),
    }),
  ),
});

export const documentsChannels = {
  /**
   * Paths come from the main process's file dialog or a drop; the service checks each is absolute,
   * a regular file and readable. Progress arrives as `job.progress` events with this `jobId`
   * (kind "import"); `documents.cancelImport` stops it and nothing is kept.
   */
  'documents.import': {
    request: ImportRequestSchema,
    response: ImportResultSchema,
  },
  'documents.cancelImport': { request: z.strictObject({ jobId: z.string().min(1).max(100) }), response: z.strictObject({ cancelled: z.boolean() }) },
  'documents.list': {
    request: z.strictObject({ caseId: IdSchema, trash: z.boolean().default(false) }),
    response: z.strictObject({ documents: z.array(DocumentSchema) }),
  },
  'documents.get': { request: ById, response: DocumentSchema },
  /** Opening in the viewer: recorded in the chain of custody. */
  'documents.open': { request: ById, response: DocumentSchema },
  'documents.update': { request: z.strictObject({ id: IdSchema, patch: DocumentPatchSchema }), response: DocumentSchema },
  /** "Save a decrypted copy…": the path is the one the user picked in the save dialog. Audited. */
  'documents.export': {
    request: z.strictObject({ id: IdSchema, path: z.string().min(1).max(4096), overwrite: z.boolean().default(false) }),
    response: z.strictObject({ path: z.string(), size: z.number().int() }),
  },
  'documents.trash': { request: ById, response: DocumentSchema },
  'documents.restore': { request: ById, response: DocumentSchema },
  /** Shreds what has been in the trash for 30 days (also done at every unlock). */
  'documents.purgeTrash': { request: z.strictObject({}), response: z.strictObject({ shredded: z.number().int() }) },
  'documents.custody': { request: ById, response: z.strictObject({ entries: z.array(CustodyEntrySchema) }) },
  'documents.verifyVault': { request: z.strictObject({}), response: VerifyReportSchema },
} as const;
