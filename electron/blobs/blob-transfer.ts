import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../shared/errors';
import type { Crypto } from '../crypto/types';
import { KEY_BYTES } from '../crypto/types';
import { ensureDir, fsyncDir, ioError } from '../base/fs-atomic';
import type { BlobSession } from './blob-session';
import { BLOB_FORMAT_VERSION, BLOB_HEADER_BYTES, BLOB_ID_RE, blobFilePath, parseBlobHeader } from './blob-format';
import { BlobReader } from './blob-reader';
import { loadBlobRow, unwrapBlobKey, wrapBlobKey, type BlobRow } from './blob-row';
import type { PendingBlob } from './blob-writer';

/**
 * A stored file travelling to another vault (shared cases, docs/sync-folder.md): its ciphertext is copied as it is, and
 * its key travels elsewhere (inside a sealed segment). The receiving vault wraps that key under its own blobs
 * subkey and takes the file only once every chunk decrypts and the SHA-256 matches.
 */
export interface TransferDeps {
  crypto: Crypto;
  session: () => BlobSession;
  now?: () => Date;
}

/** What the receiver needs besides the file: all of it secret, so it travels only sealed. */
export interface BlobTransferMeta {
  blobId: string;
  plainSize: number;
  cipherSize: number;
  sha256: string;
  /** The raw per-blob key; the holder zeroes it. */
  key: Uint8Array;
}

const COPY_CHUNK = 1024 * 1024;

/**
 * Copies blob `blobId`'s file to `dest` followed by random bytes up to `paddedSize(cipherSize)`, written
 * beside `dest` under a dot-name and renamed into place (a reader of the folder never sees half a file).
 */
export async function copyBlobOut(deps: TransferDeps, blobId: string, dest: string, paddedSize: (n: number) => number): Promise<BlobTransferMeta> {
  const session = deps.session();
  const row = loadBlobRow(session.db, blobId);
  const src = blobFilePath(session.paths.blobs, blobId);
  const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.part`);
  const total = paddedSize(row.cipher_size);
  try {
    ensureDir(path.dirname(dest));
    await fs.promises.copyFile(src, tmp);
    const fh = await fs.promises.open(tmp, 'r+');
    try {
      const { size } = await fh.stat();
      if (size !== row.cipher_size) throw new SaktaError('INTEGRITY', `Stored file ${blobId} does not have its recorded length; it was not sent.`);
      for (let at = size; at < total; ) {
        const pad = deps.crypto.randomBytes(Math.min(COPY_CHUNK, total - at));
        await fh.write(pad, 0, pad.byteLength, at);
        at += pad.byteLength;
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.promises.rename(tmp, dest);
    fsyncDir(path.dirname(dest));
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e instanceof SaktaError ? e : ioError(e, 'a document sent to the sync folder');
  }
  return { blobId, plainSize: row.plain_size, cipherSize: row.cipher_size, sha256: row.sha256, key: unwrapBlobKey(deps.crypto, session.keys.blobs, row) };
}

/**
 * Takes the first `meta.cipherSize` bytes of `src` into this vault's blobs/ as blob `meta.blobId`, with the
 * key wrapped under this vault's blobs subkey, after checking every chunk and the SHA-256. The row is not
 * written: the caller commits it in the write that makes the document visible (as after `BlobStore.write`).
 * A file that fails any check is removed again and the error is INTEGRITY.
 */
export async function copyBlobIn(deps: TransferDeps, src: string, meta: BlobTransferMeta): Promise<PendingBlob> {
  const { crypto } = deps;
  const session = deps.session();
  if (!BLOB_ID_RE.test(meta.blobId) || meta.key.byteLength !== KEY_BYTES) throw new SaktaError('BAD_REQUEST', 'Not a stored file id or key.');
  const tmp = path.join(session.paths.tmp, `${meta.blobId}.part`);
  const finalPath = blobFilePath(session.paths.blobs, meta.blobId);
  let placed = false;
  try {
    let size: number;
    try {
      size = (await fs.promises.stat(src)).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new SaktaError('NOT_FOUND', 'A document sent through the sync folder has not arrived yet.');
      throw ioError(e, 'a document from the sync folder');
    }
    if (size < meta.cipherSize || meta.cipherSize < BLOB_HEADER_BYTES) throw new SaktaError('INTEGRITY', 'A document in the sync folder is shorter than it must be (damaged or cut off).');
    try {
      ensureDir(session.paths.tmp);
      await copyPrefix(src, tmp, meta.cipherSize);
    } catch (e) {
      throw ioError(e, 'a document from the sync folder');
    }
    const head = Buffer.alloc(BLOB_HEADER_BYTES);
    const fh = await fs.promises.open(tmp, 'r');
    try {
      await fh.read(head, 0, BLOB_HEADER_BYTES, 0);
    } finally {
      await fh.close();
    }
    parseBlobHeader(head, meta.blobId);
    const { nonce, wrapped } = wrapBlobKey(crypto, session.keys.blobs, meta.blobId, meta.key);
    const row: BlobRow = {
      id: meta.blobId,
      format_version: BLOB_FORMAT_VERSION,
      key_nonce: nonce,
      wrapped_key: wrapped,
      plain_size: meta.plainSize,
      cipher_size: meta.cipherSize,
      sha256: meta.sha256,
      created_at: (deps.now?.() ?? new Date()).toISOString(),
    };
    const dir = path.dirname(finalPath);
    ensureDir(dir);
    fs.renameSync(tmp, finalPath);
    placed = true;
    fsyncDir(dir);
    // Every chunk authenticated under the key that came sealed, and the plaintext's SHA-256 as the segment says.
    await new BlobReader({ crypto, session: () => session }, row).verify();
    return { blobId: meta.blobId, sha256: meta.sha256, size: meta.plainSize, cipherSize: meta.cipherSize, row };
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    if (placed) await fs.promises.rm(finalPath, { force: true });
    throw e;
  }
}

async function copyPrefix(src: string, dest: string, length: number): Promise<void> {
  const from = await fs.promises.open(src, 'r');
  const to = await fs.promises.open(dest, 'wx', 0o600);
  try {
    const buf = Buffer.allocUnsafe(COPY_CHUNK);
    for (let at = 0; at < length; ) {
      const { bytesRead } = await from.read(buf, 0, Math.min(COPY_CHUNK, length - at), at);
      if (bytesRead === 0) throw Object.assign(new Error('short read'), { code: 'EIO' });
      await to.write(buf, 0, bytesRead, at);
      at += bytesRead;
    }
    await to.sync();
  } finally {
    await from.close();
    await to.close();
  }
}
