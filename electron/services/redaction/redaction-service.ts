import { SaktaError } from '../../../shared/errors';
import type { DocumentInfo } from '../../../shared/schemas/document';
import { RedactRequestSchema, type RedactionMark, type RedactRequest } from '../../../shared/schemas/redaction';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { BlobStore, PendingBlob } from '../../blobs/blob-store';
import type { ChangeWriter } from '../changes/change-writer';
import { documentRow, toDocument, type DocumentRow } from '../documents/rows';
import { indexDocument } from '../documents/search-entry';
import type { SearchService } from '../search/search-service';
import type { VaultSession } from '../vault-service';
import { redactImage } from './image-redaction';
import { loadMupdf } from '../../base/mupdf';
import { redactPdf, type RedactionResult } from './pdf-redaction';

export interface RedactionServiceDeps {
  session: () => VaultSession;
  blobs: BlobStore;
  search: SearchService;
  writer: ChangeWriter;
  /** The new document as the document service returns it. */
  get: (id: string) => DocumentInfo;
  /** After a commit: the redacted version's text is read for search in the background. */
  afterCommit: () => void;
}

/** "statement.pdf" → "statement-redacted.pdf": the name says what the file is when exported. */
function redactedName(name: string): string {
  const m = /^(.*?)(\.[A-Za-z0-9]{1,5})?$/.exec(name)!;
  return `${m[1] || name}-redacted${m[2] ?? ''}`.slice(0, 300);
}

/**
 * True redaction: a new document made from an original with what lies under the marks removed from the file
 * (not covered), linked to the original, which stays as it was. The decrypted original is held only in memory
 * (MuPDF opens a buffer) and the result is encrypted straight into the blob store, never into a plain file.
 */
export class RedactionService {
  constructor(private readonly deps: RedactionServiceDeps) {}

  async redact(input: RedactRequest | unknown): Promise<DocumentInfo> {
    const req = parseOrThrow(RedactRequestSchema, input, 'redaction');
    const { db } = this.deps.session();
    const orig = documentRow(db, req.id);
    if (orig.deleted_at) throw new SaktaError('NOT_FOUND', 'That document is in the trash; restore it to redact it.');
    const plain = await this.deps.blobs.open(orig.blob_id).readAll();
    let result: RedactionResult;
    try {
      result = await this.apply(orig, plain, req.marks, req.words);
    } finally {
      plain.fill(0);
    }
    const pending = await this.deps.blobs.write(
      (async function* () {
        yield result.bytes;
      })(),
    );
    try {
      const id = this.commit(orig, pending, result);
      this.deps.afterCommit();
      return this.deps.get(id);
    } catch (e) {
      this.deps.blobs.discard(pending);
      throw e;
    } finally {
      result.bytes.fill(0);
    }
  }

  private async apply(orig: DocumentRow, plain: Uint8Array, marks: RedactionMark[], words: string[]): Promise<RedactionResult> {
    const mupdf = await loadMupdf();
    if (orig.kind === 'pdf') return redactPdf(mupdf, plain, marks, words);
    if (orig.kind === 'jpeg' || orig.kind === 'png') {
      if (words.length) throw new SaktaError('VALIDATION', 'A picture has no text layer to search: mark the areas to remove instead.', { words: 'not for pictures' });
      return redactImage(mupdf, plain, orig.kind, marks);
    }
    throw new SaktaError('UNSUPPORTED', 'Only PDFs and JPEG or PNG pictures can be redacted.');
  }

  /** The new document, its blob and its custody entry in one transaction; a throw leaves none of them. */
  private commit(orig: DocumentRow, pending: PendingBlob, result: RedactionResult): string {
    const discard: PendingBlob[] = [];
    const id = this.deps.writer.write(({ db, at, newId, record }) => {
      // The original may have been trashed while the file was being redacted.
      const now = documentRow(db, orig.id);
      if (now.deleted_at) throw new SaktaError('NOT_FOUND', 'That document was moved to the trash; nothing was made.');
      const { blobId, unused } = this.deps.blobs.commitOrReuse(db, pending);
      if (unused) discard.push(unused);
      const docId = newId();
      const name = redactedName(now.original_name);
      db.prepare(
        `INSERT INTO documents (id, case_id, blob_id, title, doc_type, doc_date, language, original_name, kind, mime, size, sha256,
           imported_at, source, collected_by, collected_on, tags, text_status, redacted_from, updated_at)
         VALUES (@id, @case_id, @blob_id, @title, @doc_type, @doc_date, @language, @original_name, @kind, @mime, @size, @sha256,
           @at, @source, @collected_by, @collected_on, @tags, 'pending', @redacted_from, @at)`,
      ).run({
        id: docId,
        case_id: now.case_id,
        blob_id: blobId,
        title: now.title,
        doc_type: now.doc_type,
        doc_date: now.doc_date,
        language: now.language,
        original_name: name,
        kind: now.kind,
        mime: now.mime,
        size: pending.size,
        sha256: pending.sha256,
        at,
        source: now.source,
        collected_by: now.collected_by,
        collected_on: now.collected_on,
        tags: now.tags,
        redacted_from: now.id,
      });
      // Who redacted what and when, and where: the marks (the areas the words were found in included), never
      // the words or the text removed, which would put back in the vault's trail what the version leaves out.
      record({
        action: 'document.redact',
        entityType: 'document',
        entityId: docId,
        caseId: now.case_id,
        detail: { redactedFrom: now.id, originalSha256: now.sha256, sha256: pending.sha256, size: pending.size, marks: result.marks },
      });
      // Its text is read by the extraction job, from the redacted bytes: until then only its metadata is searchable.
      indexDocument(this.deps.search, db, toDocument(db, documentRow(db, docId)), '');
      return docId;
    });
    for (const p of discard) this.deps.blobs.discard(p);
    return id;
  }
}
