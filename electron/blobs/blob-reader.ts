import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { SaktaError } from '../../shared/errors';
import type { Crypto, SecretStreamPull } from '../crypto/types';
import { SECRETSTREAM_ABYTES, SECRETSTREAM_INONCE_BYTES } from '../crypto/types';
import type { BlobSession } from './blob-session';
import { BlobGeometry, blobFilePath, blobIntegrityError, BLOB_HEADER_BYTES, parseBlobHeader, type ParsedBlobHeader } from './blob-format';
import type { BlobRow } from './blob-row';
import { unwrapBlobKey } from './blob-row';

/** Bytes [start, end) of the plaintext; `end` is exclusive (like Buffer.subarray) and defaults to the size. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface ReaderStats {
  /** Chunks authenticated and decrypted by this reader (a seek skips the ones before the range). */
  chunksDecrypted: number;
}

export interface ReaderDeps {
  crypto: Crypto;
  session: () => BlobSession;
}

/** readAll() is for small files; bigger ones must be streamed. */
export const READ_ALL_LIMIT = 512 * 1024 * 1024;
const MAC_BYTES = 16;
/** Chunks per read: 4 MiB of ciphertext per call, the same batch the writer uses. */
const READ_BATCH_CHUNKS = 64;
/** writeTo(): batch writes pending at once, so the disk works while the next batch is decrypted. */
const WRITES_IN_FLIGHT = 3;

/**
 * Decrypts one blob. Every byte it yields was authenticated as chunk i of this blob id (the chunk index is
 * part of the secretstream nonce, the id part of the additional data); a missing FINAL, an early FINAL and a
 * wrong length are INTEGRITY errors naming the blob and the chunk.
 */
export class BlobReader {
  readonly stats: ReaderStats = { chunksDecrypted: 0 };
  readonly size: number;
  /** macXor[i] = XOR of the first 8 MAC bytes of chunks 0..i-1, filled on demand (8 bytes per chunk). */
  private macXors: Buffer[] = [Buffer.alloc(SECRETSTREAM_INONCE_BYTES)];

  constructor(
    private readonly deps: ReaderDeps,
    readonly row: BlobRow,
  ) {
    this.size = row.plain_size;
  }

  get blobId(): string {
    return this.row.id;
  }

  async readAll(): Promise<Buffer> {
    if (this.size > READ_ALL_LIMIT) throw new SaktaError('PAYLOAD_TOO_LARGE', 'This file is too large to read at once.');
    const parts: Buffer[] = [];
    for await (const p of this.stream()) parts.push(p);
    return Buffer.concat(parts, this.size);
  }

  /** Authenticates every chunk and checks the plaintext SHA-256 against the record. */
  async verify(): Promise<{ sha256: string }> {
    const h = createHash('sha256');
    for await (const p of this.stream()) h.update(p);
    const sha256 = h.digest('hex');
    if (sha256 !== this.row.sha256) {
      throw new SaktaError('INTEGRITY', `Stored file ${this.row.id} does not match its recorded SHA-256 fingerprint.`);
    }
    return { sha256 };
  }

  async *stream(range?: ByteRange): AsyncGenerator<Buffer> {
    // The batch's plaintext goes into one fresh buffer and the pieces yielded are views of it: callers may keep
    // what they were given (readAll does), so this memory is never reused, but it is one allocation per batch.
    // One piece per chunk: joining a batch into one piece measured slower (a fresh multi-MiB buffer each time).
    for await (const b of this.batches(range, (len) => Buffer.allocUnsafe(len))) for (const part of b.parts) yield part;
  }

  /**
   * Writes the whole plaintext into `fh` from offset 0 (the caller opened it empty and fsyncs it). Faster than
   * writing what stream() yields: a few plaintext buffers are reused, and up to WRITES_IN_FLIGHT batch-sized
   * positioned writes run on the thread pool while the next batch is decrypted. Returns the bytes written.
   */
  async writeTo(fh: fs.promises.FileHandle): Promise<number> {
    const pool: Buffer[] = [];
    const writes: Promise<void>[] = [];
    let failure: unknown = null;
    let pos = 0;
    try {
      // With at most WRITES_IN_FLIGHT - 1 writes pending when the next batch asks for memory, one buffer of the
      // WRITES_IN_FLIGHT is always free: a buffer goes back to the pool only after its write finished.
      for await (const b of this.batches(undefined, (len) => {
        const free = pool.pop();
        return free && free.length >= len ? free.subarray(0, len) : Buffer.allocUnsafe(len);
      })) {
        const at = pos;
        pos += b.whole.length;
        const { whole, buffer } = b;
        writes.push(
          fh
            .write(whole, 0, whole.length, at)
            .then(({ bytesWritten }) => {
              if (bytesWritten !== whole.length) throw new Error(`short write at ${at}`);
              pool.push(buffer);
            })
            .catch((e: unknown) => {
              failure ??= e;
            }),
        );
        if (writes.length >= WRITES_IN_FLIGHT) await writes.shift();
        if (failure) throw failure as Error;
      }
    } finally {
      // Never hand the file back while a write into it is still running.
      await Promise.all(writes);
    }
    if (failure) throw failure as Error;
    return pos;
  }

  /**
   * Authenticates and decrypts the chunks covering `range`, one read batch at a time, into memory from `alloc`.
   * Each result holds the plaintext of the range within that batch as one contiguous view (`whole`), split per
   * chunk (`parts`), and the allocated `buffer` it lives in.
   */
  private async *batches(range: ByteRange | undefined, alloc: (len: number) => Buffer): AsyncGenerator<{ parts: Buffer[]; whole: Buffer; buffer: Buffer }> {
    const { start, end } = this.checkRange(range);
    const full = start === 0 && end === this.size;
    if (start === end && !full) return;

    const session = this.deps.session();
    const { crypto } = this.deps;
    const id = this.row.id;
    let fh: fs.promises.FileHandle;
    try {
      fh = await fs.promises.open(blobFilePath(session.paths.blobs, id), 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw blobIntegrityError(id, 'its file is missing');
      throw new SaktaError('IO_ERROR', `Stored file ${id} could not be read (${(e as NodeJS.ErrnoException).code ?? 'unknown'}).`);
    }
    let pull: SecretStreamPull | undefined;
    let inFlight: Promise<void> | null = null;
    let key: Uint8Array | undefined;
    try {
      const header = await this.readHeader(fh);
      const geo = new BlobGeometry(this.size, header.chunkSize);
      const { size: fileSize } = await fh.stat();
      // Checked before any decryption: a truncated, extended or spliced file never gets as far as a chunk.
      if (fileSize !== geo.fileSize || this.row.cipher_size !== geo.fileSize) {
        throw blobIntegrityError(id, fileSize < geo.fileSize ? 'it is truncated' : 'its length is wrong');
      }
      const first = Math.floor(start / geo.chunkSize);
      const last = this.size === 0 ? 0 : Math.floor((end - 1) / geo.chunkSize);

      key = unwrapBlobKey(crypto, session.keys.blobs, this.row);
      pull = first === 0 ? crypto.secretStreamPull(key, header.streamHeader) : crypto.secretStreamPullAt(key, header.streamHeader, first, this.macXorBefore(fh.fd, geo, first));
      crypto.memzero(key);
      key = undefined;

      // One batch read ahead: the disk fetches batch n+1 while batch n is authenticated and decrypted. Two
      // ciphertext buffers take turns: a fresh multi-MiB buffer per batch costs more in page faults than the
      // decryption itself. Safe because plaintext is decrypted into separate memory, never a view of the ciphertext.
      const spare: Buffer[] = [];
      const maxLen = geo.offset(last) + geo.cipherLength(last) - geo.offset(first);
      interface Batch {
        batch: number;
        upto: number;
        from: number;
        cipher: Buffer;
        done: Promise<void>;
      }
      const readBatch = (batch: number): Batch => {
        const upto = Math.min(last, batch + READ_BATCH_CHUNKS - 1);
        const from = geo.offset(batch);
        const len = geo.offset(upto) + geo.cipherLength(upto) - from;
        const cipher = spare.pop() ?? Buffer.allocUnsafe(Math.min(maxLen, READ_BATCH_CHUNKS * geo.cipherChunk));
        const done = fh.read(cipher, 0, len, from).then(({ bytesRead }) => {
          if (bytesRead !== len) throw blobIntegrityError(id, `chunk ${batch} is cut short`);
        });
        done.catch(() => undefined); // awaited below; this only stops an early unhandled-rejection crash
        inFlight = done;
        return { batch, upto, from, cipher, done };
      };
      let ahead: Batch | null = readBatch(first);
      while (ahead) {
        if (this.deps.session().vaultId !== session.vaultId) throw new SaktaError('VAULT_LOCKED', 'The vault was locked.');
        const { batch, upto, from, cipher, done }: Batch = ahead;
        await done;
        ahead = upto < last ? readBatch(upto + 1) : null;
        const parts: Buffer[] = [];
        const plainBatch = alloc(geo.offset(upto) + geo.cipherLength(upto) - from - (upto - batch + 1) * SECRETSTREAM_ABYTES);
        let plainAt = 0;
        for (let i = batch; i <= upto; i++) {
          const at = geo.offset(i) - from;
          const c = cipher.subarray(at, at + geo.cipherLength(i));
          const plain = plainBatch.subarray(plainAt, plainAt + c.length - SECRETSTREAM_ABYTES);
          plainAt += plain.length;
          let res: { final: boolean };
          try {
            res = pull.pullInto(plain, c, header.prefix);
          } catch {
            throw new SaktaError('INTEGRITY', `Stored file ${id} is damaged or was altered: chunk ${i} failed its authentication check.`);
          }
          this.stats.chunksDecrypted++;
          const isLast = i === geo.chunks - 1;
          if (res.final !== isLast) {
            throw new SaktaError('INTEGRITY', `Stored file ${id} is damaged or was altered: ${isLast ? `its last chunk ${i} is not marked final` : `chunk ${i} is marked final before the end`}.`);
          }
          const base = i * geo.chunkSize;
          const s = Math.max(start, base) - base;
          const e = Math.min(end, base + plain.length) - base;
          if (e > s) parts.push(plain.subarray(s, e));
        }
        spare.push(cipher);
        if (parts.length === 0) continue;
        const wholeFrom = parts[0]!.byteOffset - plainBatch.byteOffset;
        const wholeTo = parts[parts.length - 1]!.byteOffset - plainBatch.byteOffset + parts[parts.length - 1]!.length;
        yield { parts, whole: plainBatch.subarray(wholeFrom, wholeTo), buffer: plainBatch };
      }
    } finally {
      if (key) crypto.memzero(key);
      pull?.dispose();
      if (inFlight) await inFlight.catch(() => undefined); // never close the file under a read in flight
      await fh.close();
    }
  }

  private checkRange(range?: ByteRange): { start: number; end: number } {
    const start = range?.start ?? 0;
    const end = range?.end ?? this.size;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > this.size) {
      throw new SaktaError('BAD_REQUEST', `The byte range ${start}–${end} is outside the file (size ${this.size}).`);
    }
    return { start, end };
  }

  private async readHeader(fh: fs.promises.FileHandle): Promise<ParsedBlobHeader> {
    const b = Buffer.alloc(BLOB_HEADER_BYTES);
    const { bytesRead } = await fh.read(b, 0, BLOB_HEADER_BYTES, 0);
    return parseBlobHeader(b.subarray(0, bytesRead), this.row.id);
  }

  /**
   * The inonce delta before chunk `index`: XOR of the first 8 MAC bytes of each earlier chunk, read with small
   * positioned reads (no decryption). Cached, so a player seeking back and forth pays it once.
   */
  private macXorBefore(fd: number, geo: BlobGeometry, index: number): Buffer {
    const mac = Buffer.alloc(SECRETSTREAM_INONCE_BYTES);
    for (let i = this.macXors.length - 1; i < index; i++) {
      const at = geo.offset(i) + geo.cipherLength(i) - MAC_BYTES;
      if (fs.readSync(fd, mac, 0, SECRETSTREAM_INONCE_BYTES, at) !== SECRETSTREAM_INONCE_BYTES) {
        throw blobIntegrityError(this.row.id, `chunk ${i} is cut short`);
      }
      const next = Buffer.from(this.macXors[i]!);
      for (let b = 0; b < SECRETSTREAM_INONCE_BYTES; b++) next[b]! ^= mac[b]!;
      this.macXors.push(next);
    }
    return this.macXors[index]!;
  }
}
