import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { SaktaError } from '../../../shared/errors';
import type { JobProgress } from '../../../shared/ipc/events';
import { escapeUnsafe } from '../../../shared/safe-text';
import { DocumentTypeSchema, IdSchema, ProvenanceSchema, type DocumentInfo, type ImportResult } from '../../../shared/schemas/document';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { BlobStore, PendingBlob } from '../../blobs/blob-store';
import type { ChangeWriter } from '../changes/change-writer';
import { checkSourceFile, type SourceFile } from '../paths/real-paths';
import type { SearchService } from '../search/search-service';
import type { VaultSession } from '../vault-service';
import { dateJson } from './rows';
import { indexDocument } from './search-entry';
import { sniff, SNIFF_BYTES } from './sniff';
import { TEXT_KINDS } from './text-extraction';

export const ImportRequestSchema = z.strictObject({
  caseId: IdSchema,
  paths: z.array(z.string().min(1).max(4096)).min(1, 'Choose at least one file').max(1000, 'At most 1000 files at once'),
  jobId: z.string().min(1).max(100).optional(),
  type: DocumentTypeSchema.optional(),
  provenance: ProvenanceSchema.optional(),
});
export type ImportRequest = z.input<typeof ImportRequestSchema>;

type CheckedFile = SourceFile;
type WrittenFile = { file: CheckedFile; pending: PendingBlob; kind: ReturnType<typeof sniff> };

export interface DocumentImportDeps {
  session: () => VaultSession;
  blobs: BlobStore;
  search: SearchService;
  writer: ChangeWriter;
  onProgress?: (p: JobProgress) => void;
  /** The imported documents as the service returns them. */
  get: (id: string) => DocumentInfo;
  /** After a committed import: the new documents' text is read in the background. */
  afterImport: () => void;
}

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

/** Import jobs: files encrypted into the blob store, then recorded together; cancellable by job id. */
export class DocumentImport {
  private readonly jobs = new Map<string, AbortController>();

  constructor(private readonly deps: DocumentImportDeps) {}

  /**
   * Encrypts every file into the blob store, then records all of them in one transaction: a cancelled
   * or failed job leaves no document and no blob behind. Bytes already in the vault are linked, not stored twice.
   */
  async run(input: ImportRequest, opts: { signal?: AbortSignal } = {}): Promise<ImportResult> {
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

    const written: WrittenFile[] = [];
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
      const result = this.commit(req, written);
      progress(total, files.length - 1);
      this.deps.afterImport();
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

  private commit(req: z.output<typeof ImportRequestSchema>, written: WrittenFile[]): ImportResult {
    const docs: string[] = [];
    const linked: ImportResult['linkedDuplicates'] = [];
    const discard: PendingBlob[] = [];
    this.deps.writer.write(({ db, at, newId, record }) => {
      for (const { file, pending, kind } of written) {
        const { blobId, unused } = this.deps.blobs.commitOrReuse(db, pending);
        const duplicate = unused !== null;
        if (unused) discard.push(unused);
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
        const dup = duplicate
          ? ((db.prepare('SELECT id FROM documents WHERE blob_id = ? AND id != ? ORDER BY imported_at LIMIT 1').get(blobId, id) as { id: string } | undefined)?.id ?? null)
          : null;
        if (duplicate) linked.push({ documentId: id, existingDocumentId: dup, originalName: name });
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
            ...(duplicate ? { sameBytesAs: dup } : {}),
          },
        });
        // New: no date, no exhibit number, no tags, not in the trash, no text yet.
        indexDocument(
          this.deps.search,
          db,
          { id, caseId: req.caseId, type: req.type ?? 'other', date: null, title, deletedAt: null, originalName: name, exhibitNo: null, tags: [], source: req.provenance?.source ?? null },
          '',
        );
        docs.push(id);
      }
    });
    for (const p of discard) this.deps.blobs.discard(p);
    return { documents: docs.map((id) => this.deps.get(id)), linkedDuplicates: linked };
  }

  cancel(jobId: string): { cancelled: boolean } {
    const c = this.jobs.get(jobId);
    c?.abort();
    return { cancelled: !!c };
  }
}
