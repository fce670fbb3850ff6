import { SaktaError } from '../../../shared/errors';
import { DocumentBulkPatchSchema, DocumentPatchSchema, type CustodyEntry, type DocumentBulkPatch, type DocumentInfo, type DocumentPatch, type ImportResult } from '../../../shared/schemas/document';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { ReadDb, WriteDb } from '../../db/connection';
import { exportPlaintext } from '../exports/plaintext-export';
import { checkExportTarget } from '../paths/real-paths';
import type { VaultSession } from '../vault-service';
import { DocumentImport, type ImportRequest } from './document-import';
import { DocumentTrash } from './document-trash';
import { dateJson, documentRow, toDocument, type DocumentRow } from './rows';
import { indexDocument } from './search-entry';
import { TextExtraction, type TextExtractionDeps } from './text-extraction';

export { ImportRequestSchema, type ImportRequest } from './document-import';
export { TRASH_DAYS } from './document-trash';

/** The same as the extraction job's: the service hands them on to its units unchanged. */
export type DocumentServiceDeps = TextExtractionDeps;

/**
 * The documents of a case. Reading, metadata and export live here; import (`document-import.ts`), the trash
 * (`document-trash.ts`) and the background text extraction (`text-extraction.ts`) are units of their own,
 * which this class delegates to, so its API is the one the handlers and the CLI call.
 */
export class DocumentService {
  /** Documents opened (their view recorded in custody) since the last unlock: the viewer may read only these. */
  private readonly opened = new Set<string>();
  private readonly importer: DocumentImport;
  private readonly bin: DocumentTrash;
  private readonly extraction: TextExtraction;

  constructor(private readonly deps: DocumentServiceDeps) {
    this.extraction = new TextExtraction(deps);
    this.bin = new DocumentTrash(deps);
    this.importer = new DocumentImport({ ...deps, get: (id) => this.get(id), afterImport: () => void this.scheduleExtraction() });
  }

  private row(db: ReadDb, id: string): DocumentRow {
    return documentRow(db, id);
  }

  // --- import (document-import.ts) -------------------------------------------------------------

  /**
   * Encrypts every file into the blob store, then records all of them in one transaction: a cancelled
   * or failed job leaves no document and no blob behind. Bytes already in the vault are linked, not stored twice.
   */
  import(input: ImportRequest, opts: { signal?: AbortSignal } = {}): Promise<ImportResult> {
    return this.importer.run(input, opts);
  }

  cancelJob(jobId: string): { cancelled: boolean } {
    return this.importer.cancel(jobId);
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
    // A redacted version's making is in the version's trail; the original's custody shows it too (who, when, where).
    const versions = (db.prepare('SELECT id FROM documents WHERE redacted_from = ?').all(id) as { id: string }[]).map((r) => r.id);
    const made = versions.flatMap((v) => audit.list(db, { entityId: v, limit: 5000 }).filter((e) => e.action === 'document.redact'));
    return [...audit.list(db, { entityId: id, limit: 5000 }), ...made]
      .sort((a, b) => a.seq - b.seq)
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

  /**
   * One edit for several documents of one case (the list's bulk edit), in one transaction: all change or none.
   * Each document changed gets its own `document.update` entry, as if edited alone; tags are added to its own.
   */
  updateMany(caseId: string, ids: readonly string[], patchInput: DocumentBulkPatch | unknown): DocumentInfo[] {
    const patch = parseOrThrow(DocumentBulkPatchSchema, patchInput, 'document');
    return this.deps.writer.write(({ db }) =>
      [...new Set(ids)].map((id) => {
        const before = toDocument(db, this.row(db, id));
        if (before.caseId !== caseId) throw new SaktaError('VALIDATION', 'Every document of a bulk edit must belong to the case.', { ids: 'another case' });
        if (before.deletedAt) throw new SaktaError('CONFLICT', 'A document in the trash cannot be edited; restore it first.');
        const { addTags, ...rest } = patch;
        return this.update(id, { ...rest, ...(addTags ? { tags: [...before.tags, ...addTags.filter((t) => !before.tags.includes(t))] } : {}) });
      }),
    );
  }

  private reindex(db: WriteDb, d: DocumentInfo): void {
    indexDocument(this.deps.search, db, d, this.deps.search.body(db, 'document', d.id) ?? '');
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

  // --- trash (document-trash.ts) ---------------------------------------------------------------

  trash(id: string): DocumentInfo {
    return this.bin.trash(id);
  }

  restore(id: string): DocumentInfo {
    return this.bin.restore(id);
  }

  /**
   * Shreds documents in the trash for more than 30 days: the row goes, and the blob's key row with it
   * (crypto-shredding) unless another document shares the same bytes; then the file is deleted.
   */
  purgeExpired(session: VaultSession = this.deps.session()): { shredded: number } {
    return this.bin.purgeExpired(session);
  }

  // --- text extraction (text-extraction.ts) ----------------------------------------------------

  /** Stops the background extraction at once (the vault is locking); pending documents stay pending. */
  stopBackground(): void {
    this.extraction.stop();
  }

  /** Starts the background extraction if it is not running; returns its promise. */
  scheduleExtraction(): Promise<number> {
    return this.extraction.schedule();
  }

  /** Extracts the text of every pending document, one at a time. Stops quietly when the vault locks. */
  extractPending(): Promise<number> {
    return this.extraction.extractPending();
  }
}
