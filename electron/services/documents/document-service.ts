import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { SaktaError } from '../../../shared/errors';
import {
  DocumentPatchSchema,
  DocumentTypeSchema,
  IdSchema,
  ProvenanceSchema,
  type CustodyEntry,
  type DocumentInfo,
  type DocumentPatch,
  type ImportResult,
} from '../../../shared/schemas/document';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { BlobStore, PendingBlob } from '../../blobs/blob-store';
import type { ReadDb, WriteDb } from '../../db/connection';
import type { JobProgress } from '../../../shared/ipc/events';
import type { ChangeWriter } from '../changes/change-writer';
import { exportPlaintext } from '../exports/plaintext-export';
import { checkExportTarget, checkSourceFile, type SourceFile } from '../paths/real-paths';
import type { SearchService } from '../search/search-service';
import type { VaultSession } from '../vault-service';
import { DEFAULT_EXTRACT_LIMITS, extractText, type ExtractLimits } from './extract';
import { dateJson, documentKeywords, toDocument, type DocumentRow } from './rows';
import { sniff, SNIFF_BYTES } from './sniff';
import { escapeUnsafe } from '../../../shared/safe-text';

export const TRASH_DAYS = 30;
/** Files larger than this are not read whole for their text (a PDF this big is a scan or a bomb). */
const MAX_EXTRACT_BYTES = 200 * 1024 * 1024;
/** Kinds the background job reads for search; photos and scans by OCR (see extract.ts). */
const TEXT_KINDS = new Set(['pdf', 'docx', 'text', 'png', 'jpeg']);

export interface DocumentServiceDeps {
  session: () => VaultSession;
  blobs: BlobStore;
  search: SearchService;
  /** The write path: every change here runs through it with its audit entry. */
  writer: ChangeWriter;
  /** Progress of imports and text extraction, forwarded to the renderer as `job.progress`. */
  onProgress?: (p: JobProgress) => void;
  extractLimits?: ExtractLimits;
}

export const ImportRequestSchema = z.strictObject({
  caseId: IdSchema,
  paths: z.array(z.string().min(1).max(4096)).min(1, 'Choose at least one file').max(1000, 'At most 1000 files at once'),
  jobId: z.string().min(1).max(100).optional(),
  type: DocumentTypeSchema.optional(),
  provenance: ProvenanceSchema.optional(),
});
export type ImportRequest = z.input<typeof ImportRequestSchema>;

type CheckedFile = SourceFile;

function readHead(p: string): Uint8Array {
  const fd = fs.openSync(p, 'r');
  try {
    const b = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, b, 0, SNIFF_BYTES, 0);
    return b.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** A title from the file name: without its extension, separators as spaces; the name itself is kept (escaped). */
function titleFromName(name: string): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[_]+/g, ' ').trim();
  return (base || name).slice(0, 300);
}

const notFound = () => new SaktaError('NOT_FOUND', 'That document does not exist (it may have been shredded).');

export class DocumentService {
  private readonly jobs = new Map<string, AbortController>();
  /** Documents opened (their view recorded in custody) since the last unlock: the viewer may read only these. */
  private readonly opened = new Set<string>();
  private extracting: Promise<number> | null = null;
  private stopExtraction = new AbortController();

  constructor(private readonly deps: DocumentServiceDeps) {}

  private now(): Date {
    return this.deps.writer.now();
  }

  private row(db: ReadDb, id: string): DocumentRow {
    const r = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
    if (!r) throw notFound();
    return r;
  }

  // --- import ----------------------------------------------------------------------------------

  /**
   * Encrypts every file into the blob store, then records all of them in one transaction: a cancelled
   * or failed job leaves no document and no blob behind. Bytes already in the vault are linked, not stored twice.
   */
  async import(input: ImportRequest, opts: { signal?: AbortSignal } = {}): Promise<ImportResult> {
    const req = parseOrThrow(ImportRequestSchema, input, 'import');
    const { db } = this.deps.session();
    if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(req.caseId)) throw new SaktaError('NOT_FOUND', 'That case does not exist.');
    const files = req.paths.map(checkSourceFile);
    const jobId = req.jobId ?? randomUUID();
    if (this.jobs.has(jobId)) throw new SaktaError('CONFLICT', 'An import with that job id is already running.');
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    opts.signal?.addEventListener('abort', onAbort);
    this.jobs.set(jobId, controller);
    const total = files.reduce((n, f) => n + f.size, 0);
    const progress = (done: number, i: number) =>
      this.deps.onProgress?.({ jobId, kind: 'import', done, total, label: `${Math.min(i + 1, files.length)} / ${files.length}` });

    const written: { file: CheckedFile; pending: PendingBlob; kind: ReturnType<typeof sniff> }[] = [];
    try {
      let before = 0;
      for (const [i, file] of files.entries()) {
        if (controller.signal.aborted) throw new SaktaError('CANCELLED', 'The import was cancelled. Nothing was added.');
        const kind = sniff(readHead(file.path));
        progress(before, i);
        const pending = await this.deps.blobs.write(file.path, { signal: controller.signal, onProgress: (n) => progress(before + n, i) });
        written.push({ file, pending, kind });
        before += file.size;
      }
      if (controller.signal.aborted) throw new SaktaError('CANCELLED', 'The import was cancelled. Nothing was added.');
      const result = this.commitImport(req, written);
      progress(total, files.length - 1);
      this.scheduleExtraction();
      return result;
    } catch (e) {
      for (const w of written) this.deps.blobs.discard(w.pending);
      if (controller.signal.aborted && !(e instanceof SaktaError && e.code === 'CANCELLED')) {
        throw new SaktaError('CANCELLED', 'The import was cancelled. Nothing was added.');
      }
      throw e;
    } finally {
      this.jobs.delete(jobId);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  private commitImport(
    req: z.output<typeof ImportRequestSchema>,
    written: { file: CheckedFile; pending: PendingBlob; kind: ReturnType<typeof sniff> }[],
  ): ImportResult {
    const docs: string[] = [];
    const linked: ImportResult['linkedDuplicates'] = [];
    const discard: PendingBlob[] = [];
    this.deps.writer.write(({ db, at, newId, record }) => {
      for (const { file, pending, kind } of written) {
        const existing = db.prepare('SELECT id FROM blobs WHERE sha256 = ? LIMIT 1').get(pending.sha256) as { id: string } | undefined;
        let blobId = pending.blobId;
        if (existing) {
          blobId = existing.id;
          discard.push(pending);
        } else {
          this.deps.blobs.commit(db, pending);
        }
        const id = newId();
        // A file name is data from outside: an ESC sequence or a U+202E in it would act on a terminal or flip
        // "fdp.exe" into "exe.pdf" on screen. It is kept, but with each such character as a visible \uXXXX.
        const name = escapeUnsafe(file.name);
        const title = titleFromName(name);
        const textStatus = TEXT_KINDS.has(kind.kind) ? 'pending' : 'none';
        db.prepare(
          `INSERT INTO documents (id, case_id, blob_id, title, doc_type, original_name, kind, mime, size, sha256, imported_at,
             source, collected_by, collected_on, text_status, updated_at)
           VALUES (@id, @case_id, @blob_id, @title, @doc_type, @original_name, @kind, @mime, @size, @sha256, @at,
             @source, @collected_by, @collected_on, @text_status, @at)`,
        ).run({
          id,
          case_id: req.caseId,
          blob_id: blobId,
          title,
          doc_type: req.type ?? 'other',
          original_name: name,
          kind: kind.kind,
          mime: kind.mime,
          size: pending.size,
          sha256: pending.sha256,
          at,
          source: req.provenance?.source || null,
          collected_by: req.provenance?.collectedBy || null,
          collected_on: dateJson(req.provenance?.collectedOn),
          text_status: textStatus,
        });
        const dup = existing
          ? ((db.prepare('SELECT id FROM documents WHERE blob_id = ? AND id != ? ORDER BY imported_at LIMIT 1').get(blobId, id) as { id: string } | undefined)?.id ?? null)
          : null;
        if (existing) linked.push({ documentId: id, existingDocumentId: dup, originalName: name });
        record({
          action: 'document.import',
          entityType: 'document',
          entityId: id,
          caseId: req.caseId,
          detail: {
            originalName: name,
            sha256: pending.sha256,
            size: pending.size,
            kind: kind.kind,
            ...(req.provenance?.source ? { source: req.provenance.source } : {}),
            ...(req.provenance?.collectedBy ? { collectedBy: req.provenance.collectedBy } : {}),
            ...(existing ? { sameBytesAs: dup } : {}),
          },
        });
        this.deps.search.upsert(db, {
          kind: 'document',
          refId: id,
          caseId: req.caseId,
          docType: req.type ?? 'other',
          title,
          keywords: documentKeywords({ originalName: name, exhibitNo: null, tags: [], source: req.provenance?.source ?? null }),
          body: '',
        });
        docs.push(id);
      }
    });
    for (const p of discard) this.deps.blobs.discard(p);
    return { documents: docs.map((id) => this.get(id)), linkedDuplicates: linked };
  }

  cancelJob(jobId: string): { cancelled: boolean } {
    const c = this.jobs.get(jobId);
    c?.abort();
    return { cancelled: !!c };
  }

  // --- reading ---------------------------------------------------------------------------------

  get(id: string): DocumentInfo {
    const { db } = this.deps.session();
    return toDocument(db, this.row(db, id));
  }

  list(q: { caseId: string; trash?: boolean }): DocumentInfo[] {
    const { db } = this.deps.session();
    const rows = db
      .prepare(`SELECT * FROM documents WHERE case_id = ? AND deleted_at IS ${q.trash ? 'NOT NULL' : 'NULL'} ORDER BY imported_at, title`)
      .all(q.caseId) as DocumentRow[];
    return rows.map((r) => toDocument(db, r));
  }

  /** For the viewer: records the view in the chain of custody; the bytes then come through `stream`. */
  open(id: string): DocumentInfo {
    const { db } = this.deps.session();
    const r = this.row(db, id);
    if (r.deleted_at) throw new SaktaError('NOT_FOUND', 'That document is in the trash; restore it to open it.');
    this.deps.writer.write(({ record }) => record({ action: 'document.view', entityType: 'document', entityId: id, caseId: r.case_id, access: true }));
    this.opened.add(id);
    return toDocument(db, r);
  }

  /**
   * The main process, not the page, decides that plaintext goes to the viewer: only for a document opened
   * with `open` (so its view is in the chain of custody) since the vault was last unlocked.
   */
  assertOpened(id: string): void {
    if (!this.opened.has(id)) throw new SaktaError('CONFLICT', 'Open the document first: every view is recorded in its chain of custody.');
  }

  /** A recording handed to the media player: recorded in custody beside the view. */
  recordMediaStream(id: string): void {
    const { db } = this.deps.session();
    this.assertOpened(id);
    const r = this.row(db, id);
    this.deps.writer.write(({ record }) => record({ action: 'document.media', entityType: 'document', entityId: id, caseId: r.case_id, detail: { kind: r.kind }, access: true }));
  }

  /** At lock: every viewer session ends with the keys. */
  forgetOpened(): void {
    this.opened.clear();
  }

  /** Decrypted bytes, chunk by chunk, for the viewer (slices of PDFs, images, text). */
  stream(id: string, range?: { start: number; end?: number }): AsyncIterable<Buffer> {
    return this.openStream(id, range).stream;
  }

  /** Like `stream`, with the reader's count of chunks decrypted: audio and video seeking is judged by it. */
  openStream(id: string, range?: { start: number; end?: number }): { stream: AsyncIterable<Buffer>; stats: { chunksDecrypted: number } } {
    const { db } = this.deps.session();
    const reader = this.deps.blobs.open(this.row(db, id).blob_id);
    return { stream: reader.stream(range), stats: reader.stats };
  }

  custody(id: string): CustodyEntry[] {
    const { db, audit } = this.deps.session();
    this.row(db, id);
    return audit
      .list(db, { entityId: id, limit: 5000 })
      .reverse()
      .map((e) => ({ seq: e.seq, at: e.at, action: e.action, detail: e.detail }));
  }

  // --- metadata --------------------------------------------------------------------------------

  update(id: string, patchInput: DocumentPatch | unknown): DocumentInfo {
    const patch = parseOrThrow(DocumentPatchSchema, patchInput, 'document');
    return this.deps.writer.write(({ db, at, record }) => {
      const r = this.row(db, id);
      const before = toDocument(db, r);
      if (patch.translationOf) {
        if (patch.translationOf === id) throw new SaktaError('VALIDATION', 'A document cannot be a translation of itself.', { translationOf: 'same document' });
        const orig = db.prepare('SELECT case_id FROM documents WHERE id = ?').get(patch.translationOf) as { case_id: string } | undefined;
        if (!orig) throw new SaktaError('VALIDATION', 'The original document does not exist.', { translationOf: 'not found' });
        if (orig.case_id !== r.case_id) throw new SaktaError('VALIDATION', 'The original must be in the same case.', { translationOf: 'another case' });
      }
      const set: Record<string, unknown> = {};
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.type !== undefined) set.doc_type = patch.type;
      if (patch.date !== undefined) set.doc_date = dateJson(patch.date);
      if (patch.language !== undefined) set.language = patch.language;
      if (patch.source !== undefined) set.source = patch.source || null;
      if (patch.collectedBy !== undefined) set.collected_by = patch.collectedBy || null;
      if (patch.collectedOn !== undefined) set.collected_on = dateJson(patch.collectedOn);
      if (patch.translationOf !== undefined) set.translation_of = patch.translationOf;
      if (patch.tags !== undefined) set.tags = JSON.stringify([...new Set(patch.tags)]);
      if (patch.exhibitNo !== undefined) set.exhibit_no = patch.exhibitNo || null;
      const cols = Object.keys(set);
      if (cols.length) {
        db.prepare(`UPDATE documents SET ${cols.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @updated_at WHERE id = @id`).run({
          ...set,
          updated_at: at,
          id,
        });
      }
      if (patch.links !== undefined) {
        db.prepare('DELETE FROM document_links WHERE document_id = ?').run(id);
        const ins = db.prepare('INSERT OR IGNORE INTO document_links (document_id, target_type, target_id) VALUES (?, ?, ?)');
        for (const l of patch.links) ins.run(id, l.type, l.id);
      }
      const after = toDocument(db, this.row(db, id));
      const changed = (Object.keys(patch) as (keyof DocumentPatch)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (changed.length) {
        record({
          action: 'document.update',
          entityType: 'document',
          entityId: id,
          caseId: r.case_id,
          detail: { changed: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])) },
        });
        this.reindex(db, after);
      }
      return after;
    });
  }

  private reindex(db: WriteDb, d: DocumentInfo): void {
    this.deps.search.upsert(db, {
      kind: 'document',
      refId: d.id,
      caseId: d.caseId,
      docType: d.type,
      date: d.date,
      title: d.title,
      keywords: documentKeywords(d),
      body: this.deps.search.body(db, 'document', d.id) ?? '',
      hidden: d.deletedAt !== null,
    });
  }

  // --- export ----------------------------------------------------------------------------------

  /**
   * Writes a decrypted copy where the user chose (never inside the vault, by real path), audited: the intent
   * is in the chain of custody before the first byte is written (see exportPlaintext). Refuses to replace an
   * existing file unless `force`. A crash leaves no named copy, or one the next unlock removes.
   */
  async export(id: string, outPath: string, opts: { force?: boolean } = {}): Promise<{ path: string; size: number }> {
    const session = this.deps.session();
    const r = this.row(session.db, id);
    const target = checkExportTarget(outPath, session.paths.dir, { force: opts.force });
    const reader = this.deps.blobs.open(r.blob_id);
    await exportPlaintext(
      this.deps.writer,
      session,
      { action: 'document.export', entityType: 'document', entityId: id, caseId: r.case_id, detail: { sha256: r.sha256 } },
      [{ target: target.path, replaces: target.replaces, sha256: r.sha256, size: r.size, write: async (fh) => void (await reader.writeTo(fh)) }],
    );
    return { path: target.path, size: r.size };
  }

  // --- trash -----------------------------------------------------------------------------------

  trash(id: string): DocumentInfo {
    return this.deps.writer.write(({ db, at, record }) => {
      const r = this.row(db, id);
      if (r.deleted_at) return toDocument(db, r);
      db.prepare('UPDATE documents SET deleted_at = ?, updated_at = ? WHERE id = ?').run(at, at, id);
      this.deps.search.setHidden(db, 'document', id, true);
      record({ action: 'document.trash', entityType: 'document', entityId: id, caseId: r.case_id, detail: { title: r.title, shredAfterDays: TRASH_DAYS } });
      return toDocument(db, this.row(db, id));
    });
  }

  restore(id: string): DocumentInfo {
    return this.deps.writer.write(({ db, at, record }) => {
      const r = this.row(db, id);
      if (!r.deleted_at) return toDocument(db, r);
      db.prepare('UPDATE documents SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(at, id);
      this.deps.search.setHidden(db, 'document', id, false);
      record({ action: 'document.restore', entityType: 'document', entityId: id, caseId: r.case_id });
      return toDocument(db, this.row(db, id));
    });
  }

  /**
   * Shreds documents in the trash for more than 30 days: the row goes, and the blob's key row with it
   * (crypto-shredding) unless another document shares the same bytes; then the file is deleted.
   */
  purgeExpired(session: VaultSession = this.deps.session()): { shredded: number } {
    const { db } = session;
    const cutoff = new Date(this.now().getTime() - TRASH_DAYS * 86_400_000).toISOString();
    const due = db.prepare('SELECT * FROM documents WHERE deleted_at IS NOT NULL AND deleted_at <= ?').all(cutoff) as DocumentRow[];
    if (due.length === 0) return { shredded: 0 };
    const freed: string[] = [];
    this.deps.writer.write(({ record }) => {
      for (const r of due) {
        db.prepare('UPDATE documents SET translation_of = NULL WHERE translation_of = ?').run(r.id);
        db.prepare('DELETE FROM documents WHERE id = ?').run(r.id);
        this.deps.search.remove(db, 'document', r.id);
        const shared = db.prepare('SELECT 1 FROM documents WHERE blob_id = ? LIMIT 1').get(r.blob_id);
        if (!shared) {
          this.deps.blobs.delete(db, r.blob_id);
          freed.push(r.blob_id);
        }
        record({
          action: 'document.shred',
          entityType: 'document',
          entityId: r.id,
          caseId: r.case_id,
          detail: { title: r.title, originalName: r.original_name, sha256: r.sha256, trashedAt: r.deleted_at, storedCopyDestroyed: !shared },
        });
      }
    }, session);
    for (const b of freed) this.deps.blobs.sweep(b);
    return { shredded: due.length };
  }

  // --- text extraction -------------------------------------------------------------------------

  /** Stops the background extraction at once (the vault is locking); pending documents stay pending. */
  stopBackground(): void {
    this.stopExtraction.abort();
    this.stopExtraction = new AbortController();
  }

  /** Starts the background extraction if it is not running; returns its promise. */
  scheduleExtraction(): Promise<number> {
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
        if (outcome.status === 'done') {
          const d = toDocument(db, this.row(db, doc.id));
          this.deps.search.upsert(db, {
            kind: 'document',
            refId: d.id,
            caseId: d.caseId,
            docType: d.type,
            date: d.date,
            title: d.title,
            keywords: documentKeywords(d),
            body: outcome.text,
            hidden: d.deletedAt !== null,
          });
        }
      }, session);
      n++;
      this.deps.onProgress?.({ jobId, kind: 'extract', done: n, total: n + remaining - 1 });
    }
  }
}
