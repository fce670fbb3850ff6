import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../shared/errors';
import type { Crypto } from '../crypto/types';
import { KEY_BYTES, SECRETSTREAM_ABYTES } from '../crypto/types';
import type { BlobSession } from './blob-session';
import { ensureDir, fsyncDir, ioError } from '../base/fs-atomic';
import { openBatchSource, SourceFailure, type BatchSource, type BlobSource } from './batch-source';
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
  session: () => BlobSession;
  now?: () => Date;
}

/** Plaintext per batch: 64 chunks. Big enough that syscalls and hand-offs to the hashing thread are noise. */
export const WRITE_BATCH_BYTES = 64 * BLOB_CHUNK_SIZE;
/** Batch buffers: one being read, one read and waiting, one being encrypted, the rest queued for hashing. */
const SLOTS = 6;
/** Ciphertext batches handed to the disk and not yet written; each write has its own offset, so they may overlap. */
const MAX_WRITES = 3;
/** Below this a hashing thread costs more to start (~50 ms on a busy machine) than it saves. */
const WORKER_MIN_BYTES = 32 * 1024 * 1024;

const cancelled = () => new SaktaError('CANCELLED', 'Adding the file was cancelled. Nothing was stored.');

/**
 * Encrypts `source` into a new blob file: tmp/<id>.part → fsync → rename into blobs/xx/ → fsync the folder.
 * A pipeline over a fixed pool of batch buffers, so memory stays flat whatever the size: while this thread
 * encrypts batch i, the disk reads batch i+2 while earlier batches are hashed (in a worker thread for big files)
 * and their ciphertext written. Batch i is known to be the last only once the read of i+1 came back empty, which is
 * why reads run ahead.
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
  let src: BatchSource | undefined;
  let hasher: Sha256Sink | undefined;
  const writes: Promise<void>[] = [];
  let writeAt = 0;
  /** Buffers free to read into, and the hashes in flight, each giving its buffer back when done. */
  const pool: Buffer[] = [];
  const hashing: Promise<Buffer>[] = [];
  const reads: Promise<number>[] = [];
  /** Buffers out of the pool on this thread (being read, waiting, being encrypted), so a failure can wipe them. */
  const held = new Set<Buffer>();
  let size = 0;
  let chunks = 0;
  let sha256: string;
  try {
    if (opts.signal?.aborted) throw cancelled();
    src = await openBatchSource(source);
    const hint = src.sizeHint;
    // A small file gets small buffers: whole chunks, one more than it needs so its first fill already ends.
    const slotBytes = hint === undefined ? WRITE_BATCH_BYTES : Math.min(WRITE_BATCH_BYTES, (Math.floor(hint / BLOB_CHUNK_SIZE) + 1) * BLOB_CHUNK_SIZE);
    hasher = hint !== undefined && hint >= WORKER_MIN_BYTES ? workerSha256() : inlineSha256();
    for (let i = 0; i < SLOTS; i++) pool.push(Buffer.from(new ArrayBuffer(slotBytes)));
    try {
      ensureDir(session.paths.tmp);
      fh = await fs.promises.open(tmpPath, 'wx', 0o600);
    } catch (e) {
      throw ioError(e, 'the file');
    }
    const out = fh;
    const write = async (bufs: Buffer[], onWritten?: (w: Promise<void>) => void) => {
      const w = writeAll(out, bufs, writeAt).catch((e: unknown) => {
        throw ioError(e, 'the file');
      });
      w.catch(() => undefined); // awaited when the queue is full or at the end
      onWritten?.(w);
      writes.push(w);
      writeAt += bufs.reduce((n, b) => n + b.length, 0);
      if (writes.length > MAX_WRITES) await writes.shift();
    };
    await write([prefix, Buffer.from(push.header)]);

    // Ciphertext goes into a ring of batch-sized buffers, one chunk after another: a fresh Buffer per 64 KiB
    // chunk cost more in allocation and GC than the encryption. A slot is reused only once its write is done;
    // one more slot than writes in flight so the batch being encrypted never waits on the disk needlessly.
    const outBytes = (slotBytes / BLOB_CHUNK_SIZE) * (BLOB_CHUNK_SIZE + SECRETSTREAM_ABYTES);
    const outRing: { buf: Buffer; written: Promise<void> }[] = [];
    for (let i = 0; i < MAX_WRITES + 2; i++) outRing.push({ buf: Buffer.allocUnsafeSlow(outBytes), written: Promise.resolve() });
    let ringAt = 0;
    const encrypt = async (data: Buffer, final: boolean): Promise<{ slot: (typeof outRing)[number]; ciphertext: Buffer }> => {
      const slot = outRing[ringAt++ % outRing.length]!;
      await slot.written;
      let at = 0;
      for (let off = 0; off < data.length || (final && at === 0); off += BLOB_CHUNK_SIZE) {
        const last = final && off + BLOB_CHUNK_SIZE >= data.length;
        const plain = data.subarray(off, Math.min(off + BLOB_CHUNK_SIZE, data.length));
        const end = at + plain.length + SECRETSTREAM_ABYTES;
        push.pushInto(slot.buf.subarray(at, end), plain, prefix, last);
        at = end;
        if (++chunks > MAX_CHUNKS) throw new SaktaError('PAYLOAD_TOO_LARGE', 'The file is too large to store.');
        if (last) break;
      }
      return { slot, ciphertext: slot.buf.subarray(0, at) };
    };
    const freeBuffer = async (): Promise<Buffer> => pool.pop() ?? (await hashing.shift()!);
    /** Starts filling a free buffer; a short fill before it was the end of the source, so it is not read again. */
    const readAfter = async (filled: number): Promise<{ buf: Buffer; n: Promise<number> }> => {
      const buf = await freeBuffer();
      held.add(buf);
      const n = filled < slotBytes ? Promise.resolve(0) : src!.fill(buf);
      n.catch(() => undefined); // awaited in the loop; this only stops an early unhandled-rejection crash
      reads.push(n);
      return { buf, n };
    };

    let cur = await readAfter(slotBytes);
    let curN = await cur.n;
    let next = await readAfter(curN);
    for (;;) {
      if (opts.signal?.aborted) throw cancelled();
      if (deps.session().vaultId !== vaultId) throw new SaktaError('VAULT_LOCKED', 'The vault was locked while the file was being added.');
      const nextN = await next.n;
      const final = nextN === 0;
      const ahead = final ? null : await readAfter(nextN);
      const { slot, ciphertext } = await encrypt(cur.buf.subarray(0, curN), final);
      held.delete(cur.buf);
      const h = hasher.update(cur.buf, curN);
      h.catch(() => undefined); // awaited when its buffer is needed or at the end
      hashing.push(h);
      await write([ciphertext], (w) => (slot.written = w));
      size += curN;
      opts.onProgress?.(size);
      if (!ahead) {
        held.delete(next.buf);
        pool.push(next.buf);
        break;
      }
      cur = next;
      curN = nextN;
      next = ahead;
    }
    for (const h of hashing.splice(0)) pool.push(await h);
    sha256 = await hasher.digest();
    for (const w of writes.splice(0)) await w;
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
    await Promise.all(writes.map((w) => w.catch(() => undefined)));
    if (fh) await fh.close().catch(() => undefined);
    fs.rmSync(tmpPath, { force: true });
    fs.rmSync(finalPath, { force: true }); // a fresh random id: whatever is there is this write's, without a row
    throw e instanceof SourceFailure ? e.error : e;
  } finally {
    push.dispose();
    // Reads and hashes still in flight hold batch buffers: let them finish, then wipe every buffer we get back.
    await Promise.all(reads.map((r) => r.catch(() => undefined)));
    for (const h of hashing) pool.push(...(await h.then((b) => [b]).catch(() => [])));
    await hasher?.close();
    await src?.close().catch(() => undefined);
    for (const b of [...pool, ...held]) b.fill(0); // plaintext does not linger in freed memory
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
async function writeAll(fh: fs.promises.FileHandle, bufs: Buffer[], position: number): Promise<void> {
  const total = bufs.reduce((n, b) => n + b.length, 0);
  const done = (await fh.writev(bufs, position)).bytesWritten;
  if (done === total) return;
  const rest = Buffer.concat(bufs).subarray(done);
  for (let off = 0; off < rest.length; ) {
    const { bytesWritten } = await fh.write(rest, off, rest.length - off, position + done + off);
    if (bytesWritten === 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    off += bytesWritten;
  }
}
