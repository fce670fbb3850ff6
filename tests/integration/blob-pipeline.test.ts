import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOB_CHUNK_SIZE, blobFilePath, cipherSize } from '../../electron/blobs/blob-format';
import { WRITE_BATCH_BYTES } from '../../electron/blobs/blob-writer';
import { tmpDir } from '../helpers/tmp';
import { newVault } from '../helpers/vault';

/**
 * The batched writer/reader pipeline: batch boundaries, the hashing thread used for big files, cancellation
 * and failures part-way, and reads that cross batches. The format itself is covered by blob-store and
 * tamper-blob tests; here the point is that the faster pipeline stores and returns exactly the same bytes.
 */
const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

async function* pieces(buf: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function collect(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of it) parts.push(b);
  return Buffer.concat(parts);
}

describe('blob pipeline', () => {
  it('a 40 MiB file (hashed in a worker thread) round-trips with the right SHA-256, size and progress', async () => {
    const { services, vault } = await newVault();
    const data = randomBytes(40 * MiB + 12_345);
    const src = path.join(tmpDir(), 'video.bin');
    fs.writeFileSync(src, data);
    const seen: number[] = [];
    const p = await services.blobs.write(src, { onProgress: (n) => seen.push(n) });
    services.blobs.commit(vault.current().db, p);
    expect(p.size).toBe(data.length);
    expect(p.sha256).toBe(sha(data));
    expect(fs.statSync(blobFilePath(vault.current().paths.blobs, p.blobId)).size).toBe(cipherSize(data.length));
    expect(seen.at(-1)).toBe(data.length);
    expect(seen.every((n, i) => i === 0 || n > seen[i - 1]!)).toBe(true);
    const reader = services.blobs.open(p.blobId);
    expect((await collect(reader.stream())).equals(data)).toBe(true);
    expect(await reader.verify()).toEqual({ sha256: sha(data) });
    // writeTo (the export path) reuses plaintext buffers across 11 batches with writes overlapping: a buffer
    // reused too early would show up here as wrong bytes.
    const out = path.join(tmpDir(), 'out.bin');
    const fh = await fs.promises.open(out, 'w');
    expect(await reader.writeTo(fh)).toBe(data.length);
    await fh.close();
    expect(fs.readFileSync(out).equals(data)).toBe(true);
  });

  it('writeTo of an empty file and of a one-chunk file writes exactly those bytes', async () => {
    const { services, vault } = await newVault();
    for (const data of [Buffer.alloc(0), randomBytes(BLOB_CHUNK_SIZE - 3)]) {
      const src = path.join(tmpDir(), 'small.bin');
      fs.writeFileSync(src, data);
      const p = await services.blobs.write(src);
      services.blobs.commit(vault.current().db, p);
      const out = path.join(tmpDir(), 'small-out.bin');
      const fh = await fs.promises.open(out, 'w');
      expect(await services.blobs.open(p.blobId).writeTo(fh)).toBe(data.length);
      await fh.close();
      expect(fs.readFileSync(out).equals(data)).toBe(true);
    }
  });

  it.each([WRITE_BATCH_BYTES - 1, WRITE_BATCH_BYTES, WRITE_BATCH_BYTES + 1, 2 * WRITE_BATCH_BYTES, 32 * MiB])(
    'a file of %i bytes (at a batch boundary) round-trips from a path and from a stream',
    async (n) => {
      const { services, vault } = await newVault();
      const data = randomBytes(n);
      const src = path.join(tmpDir(), 'in.bin');
      fs.writeFileSync(src, data);
      for (const source of [src, pieces(data, 1_000_003)]) {
        const p = await services.blobs.write(source);
        services.blobs.commit(vault.current().db, p);
        expect(p.sha256).toBe(sha(data));
        expect((await services.blobs.open(p.blobId).readAll()).equals(data)).toBe(true);
      }
    },
  );

  it('cancelling a big write part-way leaves no file, and the next write works', async () => {
    const { services, vault } = await newVault();
    const src = path.join(tmpDir(), 'big.bin');
    fs.writeFileSync(src, randomBytes(40 * MiB));
    const ac = new AbortController();
    const w = services.blobs.write(src, { signal: ac.signal, onProgress: (n) => n >= 8 * MiB && ac.abort() });
    await expect(w).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(listFiles(vault.current().paths.tmp)).toEqual([]);
    expect(listFiles(vault.current().paths.blobs)).toEqual([]);

    const p = await services.blobs.write(src);
    services.blobs.commit(vault.current().db, p);
    expect(p.sha256).toBe(sha(fs.readFileSync(src)));
  });

  it('a stream that fails part-way stores nothing and reports the source, not the vault', async () => {
    const { services, vault } = await newVault();
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield randomBytes(6 * MiB);
      throw Object.assign(new Error('device removed'), { code: 'EIO' });
    }
    await expect(services.blobs.write(failing())).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringContaining('file to add') });
    expect(listFiles(vault.current().paths.tmp)).toEqual([]);
    expect(listFiles(vault.current().paths.blobs)).toEqual([]);
  });

  it('the stored bytes are what the source held when read, even if the caller reuses its buffer', async () => {
    const { services, vault } = await newVault();
    const data = randomBytes(3 * WRITE_BATCH_BYTES + 777);
    const scratch = Buffer.alloc(300_000);
    async function* reusing(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < data.length; i += scratch.length) {
        const n = data.copy(scratch, 0, i, Math.min(i + scratch.length, data.length));
        yield scratch.subarray(0, n);
        scratch.fill(0xee); // a producer that recycles its buffer as soon as the piece was taken
      }
    }
    const p = await services.blobs.write(reusing());
    services.blobs.commit(vault.current().db, p);
    expect(p.sha256).toBe(sha(data));
    expect((await services.blobs.open(p.blobId).readAll()).equals(data)).toBe(true);
  });

  it('a range across a read batch boundary returns exactly those bytes, decrypting only the chunks it covers', async () => {
    const { services, vault } = await newVault();
    const data = randomBytes(3 * WRITE_BATCH_BYTES);
    const p = await services.blobs.write(pieces(data, 1 * MiB));
    services.blobs.commit(vault.current().db, p);
    const reader = services.blobs.open(p.blobId);
    // Chunks 1..65: a full batch of 64 read at once, then one more.
    const start = BLOB_CHUNK_SIZE + 10;
    const end = start + WRITE_BATCH_BYTES;
    const got = await collect(reader.stream({ start, end }));
    expect(got.equals(data.subarray(start, end))).toBe(true);
    expect(reader.stats.chunksDecrypted).toBe(65);
  });

  it('stopping a stream early closes it cleanly; the blob reads in full afterwards', async () => {
    const { services, vault } = await newVault();
    const data = randomBytes(3 * WRITE_BATCH_BYTES + 5);
    const p = await services.blobs.write(pieces(data, 2 * MiB));
    services.blobs.commit(vault.current().db, p);
    for await (const first of services.blobs.open(p.blobId).stream()) {
      expect(first.equals(data.subarray(0, first.length))).toBe(true);
      break;
    }
    expect((await services.blobs.open(p.blobId).readAll()).equals(data)).toBe(true);
  });
});
