import { randomUUID } from 'node:crypto';
import { SaktaError } from '../../../shared/errors';
import type { JobProgress } from '../../../shared/ipc/events';
import type { BlobStore } from '../../blobs/blob-store';
import type { ChangeWriter } from '../changes/change-writer';
import type { SearchService } from '../search/search-service';
import type { VaultSession } from '../vault-service';
import { detectLanguage } from '../../../shared/document-language';
import { DEFAULT_EXTRACT_LIMITS, extractText, type ExtractLimits } from './extract';
import { documentRow, toDocument, type DocumentRow } from './rows';
import { indexDocument } from './search-entry';

/** Files larger than this are not read whole for their text (a PDF this big is a scan or a bomb). */
const MAX_EXTRACT_BYTES = 200 * 1024 * 1024;
/** Kinds the background job reads for search; photos and scans by OCR (see extract.ts). */
export const TEXT_KINDS = new Set(['pdf', 'docx', 'text', 'png', 'jpeg']);

export interface TextExtractionDeps {
  session: () => VaultSession;
  blobs: BlobStore;
  search: SearchService;
  /** The write path: every change runs through it with its audit entry. */
  writer: ChangeWriter;
  /** Progress of imports and text extraction, forwarded to the renderer as `job.progress`. */
  onProgress?: (p: JobProgress) => void;
  extractLimits?: ExtractLimits;
}

/** The background job that reads pending documents' text for search, one at a time, until the vault locks. */
export class TextExtraction {
  private extracting: Promise<number> | null = null;
  private stopExtraction = new AbortController();

  constructor(private readonly deps: TextExtractionDeps) {}

  /** Stops the background extraction at once (the vault is locking); pending documents stay pending. */
  stop(): void {
    this.stopExtraction.abort();
    this.stopExtraction = new AbortController();
  }

  /** Starts the background extraction if it is not running; returns its promise. */
  schedule(): Promise<number> {
    this.extracting ??= this.extractPending().finally(() => (this.extracting = null));
    return this.extracting;
  }

  /** Extracts the text of every pending document, one at a time. Stops quietly when the vault locks. */
  async extractPending(): Promise<number> {
    let n = 0;
    const jobId = `extract-${randomUUID()}`;
    const stop = this.stopExtraction.signal;
    for (;;) {
      let session: VaultSession;
      try {
        session = this.deps.session();
      } catch {
        return n;
      }
      const { db } = session;
      let next: DocumentRow | undefined;
      let remaining = 0;
      try {
        next = db.prepare(`SELECT * FROM documents WHERE text_status = 'pending' AND deleted_at IS NULL ORDER BY imported_at LIMIT 1`).get() as
          | DocumentRow
          | undefined;
        remaining = (db.prepare(`SELECT count(*) AS c FROM documents WHERE text_status = 'pending' AND deleted_at IS NULL`).get() as { c: number }).c;
      } catch {
        return n; // locked (database closed) between the two calls
      }
      if (!next) return n;
      this.deps.onProgress?.({ jobId, kind: 'extract', done: n, total: n + remaining, label: next.id });
      let outcome: Awaited<ReturnType<typeof extractText>>;
      try {
        if (next.size > MAX_EXTRACT_BYTES) outcome = { status: 'failed', reason: 'the file is too large to read for search' };
        else {
          const bytes = await this.deps.blobs.open(next.blob_id, db).readAll();
          try {
            // Pages of the document being read: a scanned PDF takes a second or two per page (OCR).
            const docId = next.id;
            const onPage = (done: number, total: number) => this.deps.onProgress?.({ jobId, kind: 'extract.pages', done, total, label: docId });
            outcome = await extractText(next.kind as never, bytes, this.deps.extractLimits ?? DEFAULT_EXTRACT_LIMITS, onPage, stop);
          } finally {
            bytes.fill(0);
          }
        }
      } catch (e) {
        if (e instanceof SaktaError && e.code === 'VAULT_LOCKED') return n;
        if (!db.open) return n;
        outcome = { status: 'failed', reason: e instanceof SaktaError ? e.message : 'the stored file could not be read' };
      }
      if (!db.open || stop.aborted) return n;
      const doc = next;
      this.deps.writer.write(({ touched, record }) => {
        const current = db.prepare('SELECT text_status FROM documents WHERE id = ?').get(doc.id) as { text_status: string } | undefined;
        if (current?.text_status !== 'pending') return;
        db.prepare('UPDATE documents SET text_status = ?, text_error = ?, text_ocr = ? WHERE id = ?').run(
          outcome.status,
          outcome.status === 'failed' ? outcome.reason : outcome.status === 'done' && outcome.truncated ? 'only the beginning was indexed' : null,
          outcome.status === 'done' && outcome.ocr ? 1 : 0,
          doc.id,
        );
        touched('document', doc.case_id);
        // Text recognised from the images (OCR, including re-runs queued by migration 6) read the plaintext
        // in the background: the chain of custody says so, in the same transaction as the text.
        if (outcome.status === 'done' && outcome.ocr) {
          record({ action: 'document.ocr', entityType: 'document', entityId: doc.id, caseId: doc.case_id, detail: { truncated: outcome.truncated }, access: true });
        }
        // The language read from the text, only where the lawyer has not set one; in the trail like their edits.
        if (outcome.status === 'done') {
          const language = detectLanguage(outcome.text);
          const setLang = language ? db.prepare('UPDATE documents SET language = ? WHERE id = ? AND language IS NULL').run(language, doc.id) : null;
          if (setLang && setLang.changes > 0) {
            record({ action: 'document.update', entityType: 'document', entityId: doc.id, caseId: doc.case_id, detail: { changed: { language: { from: null, to: language } }, detected: true } });
          }
        }
        if (outcome.status === 'done') indexDocument(this.deps.search, db, toDocument(db, documentRow(db, doc.id)), outcome.text);
      }, session);
      n++;
      this.deps.onProgress?.({ jobId, kind: 'extract', done: n, total: n + remaining - 1 });
    }
  }
}
