import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../shared/errors';
import type { Crypto } from '../crypto/types';
import { KEY_BYTES } from '../crypto/types';
import type { VaultSession } from '../services/vault-service';
import { ensureDir, fsyncDir, ioError } from '../vault/fs-atomic';
import { BATCH_BYTES, BLOB_CHUNK_SIZE, BLOB_FORMAT_VERSION, BLOB_ID_BYTES, blobFilePath, cipherSize, encodePrefix, MAX_CHUNKS } from './blob-format';
import type { BlobRow } from './blob-row';
import { wrapBlobKey } from './blob-row';

export type BlobSource = string | AsyncIterable<Uint8Array>;

export interface WriteOptions {
  signal?: AbortSignal;
  /** Called after each ~1 MiB with the plaintext bytes consumed so far. */
  onProgress?: (bytesDone: number) => void;
}

/** A blob whose ciphertext is in place but whose row is not yet committed. */
export interface PendingBlob {
  readonly blobId: string;
  readonly sha256: string;
  readonly size: number;
  readonly cipherSize: number;
  readonly row: BlobRow;
}

export interface WriterDeps {
  crypto: Crypto;
  session: () => VaultSession;
  now?: () => Date;
}

const cancelled = () => new SaktaError('CANCELLED', 'Adding the file was cancelled. Nothing was stored.');

/** Source read failures are about the user's file, not the vault: say so. */
function sourceError(e: unknown): SaktaError {
  if (e instanceof SaktaError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new SaktaError('NOT_FOUND', 'The file to add was not found.');
  if (code === 'EISDIR') return new SaktaError('VALIDATION', 'That is a folder, not a file.');
  if (code === 'EACCES' || code === 'EPERM') return new SaktaError('IO_ERROR', 'The file to add cannot be read (permission denied).');
  return new SaktaError('IO_ERROR', `The file to add could not be read (${code ?? 'unknown error'}).`);
}

class SourceFailure {
  constructor(readonly error: SaktaError) {}
}

/** Yields ~1 MiB pieces the writer may keep (never reused by the producer). */
async function* ownedPieces(source: BlobSource): AsyncGenerator<Buffer> {
  if (typeof source === 'string') {
    let fh: fs.promises.FileHandle;
    try {
      fh = await fs.promises.open(source, 'r');
    } catch (e) {
      throw new SourceFailure(sourceError(e));
    }
    // One read always in flight: the disk reads the next MiB while this one is hashed and encrypted.
    const file = fh;
    const readOne = async (): Promise<Buffer | null> => {
      const b = Buffer.allocUnsafe(BATCH_BYTES);
      try {
        const n = (await file.read(b, 0, BATCH_BYTES, null)).bytesRead;
        return n === 0 ? null : b.subarray(0, n);
      } catch (e) {
        throw new SourceFailure(sourceError(e));
      }
    };
    let next = readOne();
    next.catch(() => undefined); // handled where it is awaited; this only stops an early unhandled-rejection crash
    try {
      for (;;) {
        const b = await next;
        if (!b) return;
        next = readOne();
        next.catch(() => undefined);
        yield b;
      }
    } finally {
      await next.catch(() => undefined);
      await fh.close();
    }
  } else {
    try {
      for await (const piece of source) yield Buffer.from(piece); // a copy: producers may reuse their buffer
    } catch (e) {
      if (e instanceof SaktaError) throw e;
      throw new SourceFailure(sourceError(e));
    }
  }
}

/**
 * Encrypts `source` into a new blob file: tmp/<id>.part → fsync → rename into blobs/xx/ → fsync the folder.
 * Memory stays at a few MiB whatever the size; the write of one batch overlaps the encryption of the next.
 */
export async function writeBlob(deps: WriterDeps, source: BlobSource, opts: WriteOptions = {}): Promise<PendingBlob> {
  const { crypto } = deps;
  const session = deps.session();
  const vaultId = session.vaultId;
  const id = crypto.randomBytes(BLOB_ID_BYTES);
  const idHex = Buffer.from(id).toString('hex');
  const prefix = encodePrefix(id);
  const key = crypto.secureAlloc(KEY_BYTES);
  key.set(crypto.randomBytes(KEY_BYTES));
  const { nonce, wrapped } = wrapBlobKey(crypto, session.keys.blobs, idHex, key);
  const tmpPath = path.join(session.paths.tmp, `${idHex}.part`);
  const finalPath = blobFilePath(session.paths.blobs, idHex);
  const hash = createHash('sha256');
  const push = crypto.secretStreamPush(key);
  crypto.memzero(key);

  let fh: fs.promises.FileHandle | undefined;
  let inflight: Promise<unknown> | null = null;
  let size = 0;
  let chunks = 0;
  try {
    if (opts.signal?.aborted) throw cancelled();
    try {
      ensureDir(session.paths.tmp);
      fh = await fs.promises.open(tmpPath, 'wx', 0o600);
    } catch (e) {
      throw ioError(e, 'the file');
    }
    const out = fh;
    const write = async (bufs: Buffer[]) => {
      if (inflight) await inflight;
      inflight = out.writev(bufs).catch((e: unknown) => {
        throw ioError(e, 'the file');
      });
    };
    await write([prefix, Buffer.from(push.header)]);

    const encrypt = (data: Buffer, final: boolean): Buffer[] => {
      const res: Buffer[] = [];
      for (let off = 0; off < data.length || (final && res.length === 0); off += BLOB_CHUNK_SIZE) {
        const piece = data.subarray(off, Math.min(off + BLOB_CHUNK_SIZE, data.length));
        const last = final && off + BLOB_CHUNK_SIZE >= data.length;
        const c = push.push(piece, prefix, last);
        res.push(Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength));
        if (++chunks > MAX_CHUNKS) throw new SaktaError('PAYLOAD_TOO_LARGE', 'The file is too large to store.');
        if (last) break;
      }
      return res;
    };

    let acc: Buffer = Buffer.alloc(0);
    for await (const piece of ownedPieces(source)) {
      if (opts.signal?.aborted) throw cancelled();
      if (deps.session().vaultId !== vaultId) throw new SaktaError('VAULT_LOCKED', 'The vault was locked while the file was being added.');
      hash.update(piece);
      size += piece.length;
      acc = acc.length ? Buffer.concat([acc, piece]) : piece;
      // Flush only what is surely not the last chunk: the FINAL tag must go on the true last one.
      while (acc.length > BATCH_BYTES) {
        await write(encrypt(acc.subarray(0, BATCH_BYTES), false));
        acc = acc.subarray(BATCH_BYTES);
      }
      opts.onProgress?.(size);
    }
    if (opts.signal?.aborted) throw cancelled();
    await write(encrypt(acc, true));
    await inflight;
    inflight = null;
    try {
      await out.sync();
      await out.close();
      fh = undefined;
      const dir = path.dirname(finalPath);
      const fresh = !fs.existsSync(dir);
      ensureDir(dir);
      if (fresh) fsyncDir(session.paths.blobs);
      fs.renameSync(tmpPath, finalPath);
      fsyncDir(dir);
    } catch (e) {
      throw ioError(e, 'the file');
    }
  } catch (e) {
    if (inflight) await (inflight as Promise<unknown>).catch(() => undefined);
    if (fh) await fh.close().catch(() => undefined);
    fs.rmSync(tmpPath, { force: true });
    fs.rmSync(finalPath, { force: true }); // a fresh random id: whatever is there is this write's, without a row
    throw e instanceof SourceFailure ? e.error : e;
  } finally {
    push.dispose();
  }

  const sha256 = hash.digest('hex');
  const total = cipherSize(size);
  const row: BlobRow = {
    id: idHex,
    format_version: BLOB_FORMAT_VERSION,
    key_nonce: nonce,
    wrapped_key: wrapped,
    plain_size: size,
    cipher_size: total,
    sha256,
    created_at: (deps.now?.() ?? new Date()).toISOString(),
  };
  return { blobId: idHex, sha256, size, cipherSize: total, row };
}
