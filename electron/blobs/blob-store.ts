import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../shared/errors';
import type { Crypto } from '../crypto/types';
import type { ReadDb, WriteDb } from '../db/connection';
import { inTransaction } from '../db/connection';
import type { BlobSession } from './blob-session';
import { fsyncDir } from '../base/fs-atomic';
import { BLOB_FILE_RE, blobFilePath } from './blob-format';
import { BlobReader } from './blob-reader';
import { insertBlobRow, loadBlobRow } from './blob-row';
import { writeBlob, type BlobSource, type PendingBlob, type WriteOptions } from './blob-writer';
import { copyBlobIn, copyBlobOut, type BlobTransferMeta } from './blob-transfer';

export type { BlobTransferMeta } from './blob-transfer';

export type { PendingBlob, WriteOptions, BlobSource } from './blob-writer';
export type { ByteRange, ReaderStats } from './blob-reader';
export { BlobReader } from './blob-reader';

export interface BlobStoreDeps {
  crypto: Crypto;
  session: () => BlobSession;
  now?: () => Date;
}

/**
 * Encrypted file storage. A blob is written first (ciphertext renamed into blobs/), then its row is
 * committed by the caller in the caller's own transaction, so a crash leaves either both or an orphan file
 * that the next unlock deletes. Deleting the row destroys the only copy of the blob's key (crypto-shredding);
 * the file goes after.
 */
export class BlobStore {
  /**
   * Blobs written but neither committed nor discarded, with the session that wrote them: the orphan sweep
   * leaves them alone while that session lasts. After a lock their files are orphans like any other.
   */
  private readonly pending = new Map<string, BlobSession>();
  /** Writes in progress: their tmp/<id>.part must survive a sweep. */
  private writing = 0;

  constructor(private readonly deps: BlobStoreDeps) {}

  async write(source: BlobSource, opts?: WriteOptions): Promise<PendingBlob> {
    this.writing++;
    try {
      const session = this.deps.session();
      const p = await writeBlob(this.deps, source, opts);
      this.pending.set(p.blobId, session);
      return p;
    } finally {
      this.writing--;
    }
  }

  /**
   * Copies a stored file's ciphertext as it is to `dest` (padded with random bytes to `paddedSize(cipherSize)`)
   * and returns what the receiver needs to take it in, including the raw key, which the caller zeroes.
   */
  copyOut(blobId: string, dest: string, paddedSize: (n: number) => number): Promise<BlobTransferMeta> {
    return copyBlobOut(this.deps, blobId, dest, paddedSize);
  }

  /**
   * Takes a stored file sent by another vault into this one (its key re-wrapped under this vault's blobs subkey)
   * once every chunk and the SHA-256 check out; commit it like a written one. Null when this vault has it already.
   */
  async copyIn(src: string, meta: BlobTransferMeta): Promise<PendingBlob | null> {
    const session = this.deps.session();
    if (this.exists(meta.blobId, session.db) || this.pending.get(meta.blobId) === session) return null;
    this.writing++;
    try {
      const p = await copyBlobIn(this.deps, src, meta);
      this.pending.set(p.blobId, session);
      return p;
    } finally {
      this.writing--;
    }
  }

  /** Inserts the row. Call it inside the transaction that also records what the blob belongs to. */
  commit(db: WriteDb, pending: PendingBlob): void {
    const by = this.pending.get(pending.blobId);
    if (!by) throw new SaktaError('CONFLICT', 'That file was already stored or discarded.');
    if (by !== this.deps.session()) throw new SaktaError('CONFLICT', 'The vault was locked after the file was encrypted; add it again.');
    insertBlobRow(db, pending.row);
    this.pending.delete(pending.blobId);
  }

  /**
   * Deduplication at commit: when the same bytes (SHA-256) are already stored, the record links to that blob and
   * the new copy is returned as `unused`, to be discarded after the caller's transaction commits (a rollback
   * must not have deleted a file the vault still needs). Otherwise the new blob's row is inserted.
   */
  commitOrReuse(db: WriteDb, pending: PendingBlob): { blobId: string; unused: PendingBlob | null } {
    const existing = db.prepare('SELECT id FROM blobs WHERE sha256 = ? LIMIT 1').get(pending.sha256) as { id: string } | undefined;
    if (existing) return { blobId: existing.id, unused: pending };
    this.commit(db, pending);
    return { blobId: pending.blobId, unused: null };
  }

  /** Deletes a written blob whose row will not be committed (the caller's transaction failed, or it changed its mind). */
  discard(pending: PendingBlob): void {
    this.pending.delete(pending.blobId);
    const { db, paths } = this.deps.session();
    if (db.prepare('SELECT 1 FROM blobs WHERE id = ?').get(pending.blobId)) return; // committed after all: keep it
    fs.rmSync(blobFilePath(paths.blobs, pending.blobId), { force: true });
  }

  open(blobId: string, db: ReadDb = this.deps.session().db): BlobReader {
    return new BlobReader(this.deps, loadBlobRow(db, blobId));
  }

  exists(blobId: string, db: ReadDb = this.deps.session().db): boolean {
    return !!db.prepare('SELECT 1 FROM blobs WHERE id = ?').get(blobId);
  }

  /**
   * Removes the row (and with it the only copy of the blob's key), then the file. Inside a caller's
   * transaction only the row goes; call `sweep(blobId)` after the commit (the next unlock sweeps it anyway).
   */
  delete(db: WriteDb, blobId: string): void {
    loadBlobRow(db, blobId);
    const remove = () => db.prepare('DELETE FROM blobs WHERE id = ?').run(blobId);
    if (db.inTransaction) {
      remove();
      return;
    }
    inTransaction(db, remove);
    this.sweep(blobId);
  }

  /** Deletes the file of `blobId` if it has no row (after a delete inside a transaction that has committed). */
  sweep(blobId: string): void {
    const { db, paths } = this.deps.session();
    if (this.isPending(blobId) || db.prepare('SELECT 1 FROM blobs WHERE id = ?').get(blobId)) return;
    fs.rmSync(blobFilePath(paths.blobs, blobId), { force: true });
  }

  private isPending(blobId: string, session: BlobSession = this.deps.session()): boolean {
    return this.pending.get(blobId) === session;
  }

  /**
   * Open hook: deletes blob files that have no row (a crash between the file's rename and the row's commit,
   * or between a row's deletion and its file's) and empties tmp/. Returns how many files went.
   */
  removeOrphans(session: BlobSession = this.deps.session()): number {
    for (const [id, by] of this.pending) if (by !== session) this.pending.delete(id);
    const { db, paths } = session;
    const has = db.prepare('SELECT 1 FROM blobs WHERE id = ?');
    let removed = 0;
    if (this.writing === 0 && fs.existsSync(paths.tmp)) {
      for (const f of fs.readdirSync(paths.tmp)) fs.rmSync(path.join(paths.tmp, f), { force: true, recursive: true });
    }
    if (!fs.existsSync(paths.blobs)) return 0;
    for (const sub of fs.readdirSync(paths.blobs)) {
      if (!/^[0-9a-f]{2}$/.test(sub)) continue;
      const dir = path.join(paths.blobs, sub);
      if (!fs.statSync(dir).isDirectory()) continue;
      let changed = false;
      for (const f of fs.readdirSync(dir)) {
        const m = BLOB_FILE_RE.exec(f);
        if (!m || m[1]!.slice(0, 2) !== sub) continue;
        if (this.isPending(m[1]!, session) || has.get(m[1]!)) continue;
        fs.rmSync(path.join(dir, f), { force: true });
        removed++;
        changed = true;
      }
      if (changed) fsyncDir(dir);
    }
    return removed;
  }
}
