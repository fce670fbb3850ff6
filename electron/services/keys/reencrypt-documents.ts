import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import { SaktaError } from '../../../shared/errors';
import { blobFilePath } from '../../blobs/blob-format';
import type { BlobStore } from '../../blobs/blob-store';
import { inTransaction } from '../../db/connection';
import type { VaultService } from '../vault-service';

/**
 * `sakta rotate-keys --reencrypt-documents`: after a rotation, every stored file is encrypted again under a
 * new key of its own, as a new blob (new id, new file), for the lawyer who assumes an old copy of the
 * database was taken: the file keys in that copy then belong to files that no longer exist. Each file is
 * all or nothing: the new blob is written and checked against the recorded SHA-256, then one transaction
 * points the documents at it and drops the old row; the old file is overwritten with random bytes and
 * deleted. A crash leaves either blob in use and the other an orphan, removed at the next open.
 */
export async function reencryptDocuments(
  deps: { vault: VaultService; blobs: BlobStore },
  opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ reencrypted: number; cancelled: boolean }> {
  const session = deps.vault.current();
  const ids = session.db.prepare('SELECT id, sha256 FROM blobs ORDER BY id').all() as { id: string; sha256: string }[];
  let done = 0;
  opts.onProgress?.(0, ids.length);
  for (const old of ids) {
    if (opts.signal?.aborted) return { reencrypted: done, cancelled: true };
    const pending = await deps.blobs.write(deps.blobs.open(old.id).stream());
    if (pending.row.sha256 !== old.sha256) {
      deps.blobs.discard(pending);
      throw new SaktaError('INTEGRITY', `Stored file ${old.id} did not read back as recorded; it was left as it was.`);
    }
    inTransaction(session.db, () => {
      deps.blobs.commit(session.db, pending);
      session.db.prepare('UPDATE documents SET blob_id = ? WHERE blob_id = ?').run(pending.blobId, old.id);
      deps.blobs.delete(session.db, old.id);
    });
    shredFile(blobFilePath(session.paths.blobs, old.id));
    done++;
    opts.onProgress?.(done, ids.length);
  }
  return { reencrypted: done, cancelled: false };
}

/** Overwrites in place (random bytes, fsync), then unlinks: no old ciphertext left in free blocks on in-place file systems. */
function shredFile(file: string): void {
  try {
    const fd = fs.openSync(file, 'r+');
    try {
      const size = fs.fstatSync(fd).size;
      const noise = Buffer.alloc(Math.min(size, 1024 * 1024));
      randomFillSync(noise);
      for (let off = 0; off < size; off += noise.length) fs.writeSync(fd, noise, 0, Math.min(noise.length, size - off), off);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.rmSync(file, { force: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
