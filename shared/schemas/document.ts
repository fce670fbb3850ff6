import { z } from 'zod';
import { IdSchema, safeString } from './common';
import { PartialDateSchema } from './partial-date';

/** The document types a lawyer picks from (issue 4). Stored as these codes; labels live in i18n. */
export const DOCUMENT_TYPES = [
  'complaint',
  'decision',
  'medical-report',
  'forensic-report',
  'injury-photo',
  'witness-statement',
  'correspondence',
  'translation',
  'other',
] as const;
export const DocumentTypeSchema = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentTypeSchema>;

/** Kinds of content sniffed from magic bytes; the file name's extension is never trusted. */
export const SNIFFED_KINDS = [
  'pdf',
  'png',
  'jpeg',
  'gif',
  'webp',
  'tiff',
  'mp4',
  'webm',
  'mp3',
  'wav',
  'ogg',
  'm4a',
  'docx',
  'zip',
  'text',
  'binary',
] as const;
export const SniffedKindSchema = z.enum(SNIFFED_KINDS);
export type SniffedKind = z.infer<typeof SniffedKindSchema>;

const ShortText = safeString(z.string().trim().max(500));
export const TagSchema = safeString(z.string().trim().min(1, 'Empty tag').max(60, 'Tag is too long'));

export const LinkTargetTypeSchema = z.enum(['event', 'person', 'proceeding']);
export const DocumentLinkSchema = z.strictObject({ type: LinkTargetTypeSchema, id: IdSchema });
export type DocumentLink = z.infer<typeof DocumentLinkSchema>;

export const TextStatusSchema = z.enum(['pending', 'done', 'none', 'failed']);

/** Provenance the lawyer may record at import: who gave it, who collected it, when. */
export const ProvenanceSchema = z.strictObject({
  source: ShortText.optional(),
  collectedBy: ShortText.optional(),
  collectedOn: PartialDateSchema.optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const DocumentSchema = z.strictObject({
  id: z.string(),
  caseId: z.string(),
  blobId: z.string(),
  title: z.string(),
  type: DocumentTypeSchema,
  date: PartialDateSchema.nullable(),
  language: z.string().nullable(),
  originalName: z.string(),
  kind: SniffedKindSchema,
  mime: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  importedAt: z.string(),
  source: z.string().nullable(),
  collectedBy: z.string().nullable(),
  collectedOn: PartialDateSchema.nullable(),
  translationOf: z.string().nullable(),
  tags: z.array(z.string()),
  exhibitNo: z.string().nullable(),
  links: z.array(DocumentLinkSchema),
  textStatus: TextStatusSchema,
  textError: z.string().nullable(),
  /** The text was recognised from an image (OCR), so it may contain misread words. */
  textFromOcr: z.boolean(),
  /** A redacted version: the original it was made from (null once that original is shredded). */
  redactedFrom: z.string().nullable(),
  /** The redacted versions made from this document and not in the trash. */
  redactedVersions: z.array(z.string()),
  deletedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type DocumentInfo = z.infer<typeof DocumentSchema>;

/** What a metadata edit may change; omitted fields stay as they are, null clears. */
export const DocumentPatchSchema = z.strictObject({
  title: safeString(z.string().trim().min(1, 'Enter a title').max(300, 'Title is too long')).optional(),
  type: DocumentTypeSchema.optional(),
  date: PartialDateSchema.nullable().optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'Use a language code such as ru, ky, uz, en')
    .nullable()
    .optional(),
  source: ShortText.nullable().optional(),
  collectedBy: ShortText.nullable().optional(),
  collectedOn: PartialDateSchema.nullable().optional(),
  translationOf: IdSchema.nullable().optional(),
  tags: z.array(TagSchema).max(50, 'At most 50 tags').optional(),
  exhibitNo: safeString(z.string().trim().max(40, 'Exhibit number is too long')).nullable().optional(),
  links: z.array(DocumentLinkSchema).max(200).optional(),
});
export type DocumentPatch = z.infer<typeof DocumentPatchSchema>;

/**
 * One edit for several documents of a case (the list's bulk edit): the fields a lawyer sorts a fresh import by.
 * Tags are added to each document's own, never replacing them; at least one field must be given.
 */
export const DocumentBulkPatchSchema = z
  .strictObject({
    type: DocumentTypeSchema.optional(),
    date: PartialDateSchema.nullable().optional(),
    language: DocumentPatchSchema.shape.language,
    addTags: z.array(TagSchema).min(1).max(50, 'At most 50 tags').optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'Choose at least one thing to change');
export type DocumentBulkPatch = z.infer<typeof DocumentBulkPatchSchema>;
/** How many documents one bulk edit may change (a case's import of a few hundred scans fits). */
export const BULK_EDIT_MAX = 1000;

export const ImportResultSchema = z.strictObject({
  documents: z.array(DocumentSchema),
  /** Files whose bytes were already in the vault: a new document was linked to the stored copy. */
  linkedDuplicates: z.array(z.strictObject({ documentId: z.string(), existingDocumentId: z.string().nullable(), originalName: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const CustodyEntrySchema = z.strictObject({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type CustodyEntry = z.infer<typeof CustodyEntrySchema>;

/** Re-exported so callers that take document schemas from here keep one id schema (./common). */
export { IdSchema };
