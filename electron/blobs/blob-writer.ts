import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../shared/errors';
import type { Crypto } from '../crypto/types';
import { KEY_BYTES } from '../crypto/types';
import type { VaultSession } from '../services/vault-service';
import { ensureDir, fsyncDir, ioError } from '../vault/fs-atomic';
import { openBatchSource, SourceFailure, type BlobSource } from './batch-source';
import { BLOB_CHUNK_SIZE, BLOB_FORMAT_VERSION, BLOB_ID_BYTES, blobFilePath, cipherSize, encodePrefix, MAX_CHUNKS } from './blob-format';
import type { BlobRow } from './blob-row';
import { wrapBlobKey } from './blob-row';
import { inlineSha256, workerSha256, type Sha256Sink } from './sha256-sink';

export type { BlobSource } from './batch-source';

export interface WriteOptions {
  signal?: AbortSignal;
  /** Called after each batch (up to 4 MiB) with the plaintext bytes consumed so far. */
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

/** Plaintext per batch: 64 chunks. Big enough that syscalls and hand-offs to the hashing thread are noise. */
export const WRITE_BATCH_BYTES = 64 * BLOB_CHUNK_SIZE;
/** Batch buffers: one being hashed and encrypted, one read and waiting, one being read. */
const SLOTS = 3;
/** Below this a hashing thread costs more to start (~50 ms on a busy machine) than it saves. */
const WORKER_MIN_BYTES = 32 * 1024 * 1024;

const cancelled = () => new SaktaError('CANCELLED', 'Adding the file was cancelled. Nothing was stored.');

/**
 * Encrypts `source` into a new blob file: tmp/<id>.part → fsync → rename into blobs/xx/ → fsync the folder.
 * A three-stage pipeline over a fixed set of batch buffers, so memory stays flat whatever the size: the disk
 * reads batch i+2 while batch i is hashed (in a worker thread for big files) and encrypted on this thread, and
 * batch i-1's ciphertext is being written. Batch i is known to be the last only once the read of i+1 came
 * back empty, which is why reads run ahead.
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
  const push = crypto.secretStreamPush(key);
  crypto.memzero(key);

  let fh: fs.promises.FileHandle | undefined;
  let src: Awaited<ReturnType<typeof openBatchSource>> | undefined;
  let hasher: Sha256Sink | undefined;
  let slots: Buffer[] = [];
  let inflight: Promise<unknown> | null = null;
  let pendingRead: Promise<number> | null = null;
  const hashing: (Promise<void> | null)[] = Array<Promise<void> | null>(SLOTS).fill(null);
  let size = 0;
  let chunks = 0;
  let sha256: string;
  try {
    if (opts.signal?.aborted) throw cancelled();
    src = await openBatchSource(source);
    const hint = src.sizeHint;
    // A small file gets small buffers: whole chunks, one more than it needs so its first fill already ends.
    const slotBytes = hint === undefined ? WRITE_BATCH_BYTES : Math.min(WRITE_BATCH_BYTES, (Math.floor(hint / BLOB_CHUNK_SIZE) + 1) * BLOB_CHUNK_SIZE);
    const offThread = hint !== undefined && hint >= WORKER_MIN_BYTES;
    hasher = offThread ? workerSha256() : inlineSha256();
    slots = Array.from({ length: SLOTS }, () => Buffer.from(new SharedArrayBuffer(slotBytes)));
    try {
      ensureDir(session.paths.tmp);
      fh = await fs.promises.open(tmpPath, 'wx', 0o600);
    } catch (e) {
      throw ioError(e, 'the file');
    }
    const out = fh;
    const write = async (bufs: Buffer[]) => {
      if (inflight) await inflight;
      inflight = writeAll(out, bufs).catch((e: unknown) => {
        throw ioError(e, 'the file');
      });
      inflight.catch(() => undefined); // awaited before the next write or at the end
    };
    await write([prefix, Buffer.from(push.header)]);

    const encrypt = (data: Buffer, final: boolean): Buffer[] => {
      const res: Buffer[] = [];
      for (let off = 0; off < data.length || (final && res.length === 0); off += BLOB_CHUNK_SIZE) {
        const last = final && off + BLOB_CHUNK_SIZE >= data.length;
        const c = push.push(data.subarray(off, Math.min(off + BLOB_CHUNK_SIZE, data.length)), prefix, last);
        res.push(Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength));
        if (++chunks > MAX_CHUNKS) throw new SaktaError('PAYLOAD_TOO_LARGE', 'The file is too large to store.');
        if (last) break;
      }
      return res;
    };
    const readInto = (slot: Buffer, after: number): Promise<number> => {
      // A short fill is the end of the source: no need to ask again.
      const p = after < slot.length ? Promise.resolve(0) : src!.fill(slot);
      p.catch(() => undefined); // awaited in the loop; this only stops an early unhandled-rejection crash
      return (pendingRead = p);
    };

    let cur = await readInto(slots[0]!, slotBytes);
    let next = readInto(slots[1]!, cur);
    for (let i = 0; ; i++) {
      if (opts.signal?.aborted) throw cancelled();
      if (deps.session().vaultId !== vaultId) throw new SaktaError('VAULT_LOCKED', 'The vault was locked while the file was being added.');
      const after = await next;
      const final = after === 0;
      if (!final) {
        // The slot of batch i-1: its encryption finished synchronously; wait for its hash before refilling it.
        const s = (i + 2) % SLOTS;
        await hashing[s];
        next = readInto(slots[s]!, after);
      }
      const data = slots[i % SLOTS]!.subarray(0, cur);
      const h = hasher.update(data);
      h.catch(() => undefined);
      hashing[i % SLOTS] = h;
      await write(encrypt(data, final));
      size += cur;
      opts.onProgress?.(size);
      if (final) break;
      cur = after;
    }
    await Promise.all(hashing);
    sha256 = await hasher.digest();
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
    // The source and hashing thread may still hold a batch buffer: let them finish before wiping it.
    if (pendingRead) await (pendingRead as Promise<number>).catch(() => undefined);
    await Promise.all(hashing.map((h) => h?.catch(() => undefined)));
    await hasher?.close();
    await src?.close().catch(() => undefined);
    for (const s of slots) s.fill(0); // plaintext does not linger in freed memory
  }

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

/** writev may write less than asked (a full disk announces itself that way): write the rest or fail. */
async function writeAll(fh: fs.promises.FileHandle, bufs: Buffer[]): Promise<void> {
  const total = bufs.reduce((n, b) => n + b.length, 0);
  const done = (await fh.writev(bufs)).bytesWritten;
  if (done === total) return;
  const rest = Buffer.concat(bufs).subarray(done);
  for (let off = 0; off < rest.length; ) {
    const { bytesWritten } = await fh.write(rest, off, rest.length - off);
    if (bytesWritten === 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    off += bytesWritten;
  }
}
