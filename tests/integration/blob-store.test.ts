import { randomBytes, createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOB_CHUNK_SIZE, blobFilePath, cipherSize } from '../../electron/blobs/blob-format';
import { inTransaction } from '../../electron/db/connection';
import { tmpDir } from '../helpers/tmp';
import { newVault, PASS } from '../helpers/vault';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

async function* pieces(buf: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe('BlobStore', () => {
  it.each([0, 1, 65535, 65536, 65537, 3 * 1024 * 1024])('round-trips %i random bytes from a file, bit for bit', async (n) => {
    const { services, vault } = await newVault();
    const data = randomBytes(n);
    const src = path.join(tmpDir(), 'in.bin');
    fs.writeFileSync(src, data);
    const p = await services.blobs.write(src);
    expect(p.size).toBe(n);
    expect(p.sha256).toBe(sha(data));
    const db = vault.current().db;
    inTransaction(db, () => services.blobs.commit(db, p));
    const file = blobFilePath(vault.current().paths.blobs, p.blobId);
    expect(fs.statSync(file).size).toBe(cipherSize(n));
    expect(p.cipherSize).toBe(cipherSize(n));
    const back = await services.blobs.open(p.blobId).readAll();
    expect(back.equals(data)).toBe(true);
    expect(await services.blobs.open(p.blobId).verify()).toEqual({ sha256: sha(data) });
  });

  it('stores what an async iterable yields in odd-sized pieces, and the file is not the plaintext', async () => {
    const { services, vault } = await newVault();
    const data = Buffer.concat([Buffer.from('MARKER-'.repeat(50000)), randomBytes(200_000)]);
    const seen: number[] = [];
    const p = await services.blobs.write(pieces(data, 77_777), { onProgress: (b) => seen.push(b) });
    services.blobs.commit(vault.current().db, p);
    expect(seen.at(-1)).toBe(data.length);
    const raw = fs.readFileSync(blobFilePath(vault.current().paths.blobs, p.blobId));
    expect(raw.includes(Buffer.from('MARKER-MARKER'))).toBe(false);
    expect((await services.blobs.open(p.blobId).readAll()).equals(data)).toBe(true);
  });

  it('survives lock and unlock: the blob opens again with the passphrase', async () => {
    const { services, vault } = await newVault();
    const data = randomBytes(100_000);
    const p = await services.blobs.write(pieces(data, 4096));
    services.blobs.commit(vault.current().db, p);
    vault.lock();
    expect(() => services.blobs.open(p.blobId)).toThrowError(expect.objectContaining({ code: 'VAULT_LOCKED' }));
    await vault.unlock(PASS);
    expect((await services.blobs.open(p.blobId).readAll()).equals(data)).toBe(true);
  });

  it('cancel deletes the temp file, leaves no blob file and throws CANCELLED', async () => {
    const { services, vault } = await newVault();
    const ac = new AbortController();
    const src = path.join(tmpDir(), 'big.bin');
    fs.writeFileSync(src, randomBytes(5 * 1024 * 1024));
    const w = services.blobs.write(src, {
      signal: ac.signal,
      onProgress: (b) => {
        if (b >= 2 * 1024 * 1024) ac.abort();
      },
    });
    await expect(w).rejects.toMatchObject({ code: 'CANCELLED' });
    const s = vault.current();
    expect(listFiles(s.paths.tmp)).toEqual([]);
    expect(listFiles(s.paths.blobs)).toEqual([]);
  });

  it('a missing source file is NOT_FOUND and leaves nothing behind', async () => {
    const { services, vault } = await newVault();
    await expect(services.blobs.write(path.join(tmpDir(), 'nope.pdf'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(listFiles(vault.current().paths.tmp)).toEqual([]);
    expect(listFiles(vault.current().paths.blobs)).toEqual([]);
  });

  it('an uncommitted blob (crash before the row) is removed at the next unlock; committed ones stay', async () => {
    const { services, vault } = await newVault();
    const kept = await services.blobs.write(pieces(randomBytes(1000), 1000));
    services.blobs.commit(vault.current().db, kept);
    const orphan = await services.blobs.write(pieces(randomBytes(1000), 1000));
    const s = vault.current();
    fs.writeFileSync(path.join(s.paths.tmp, 'leftover.part'), randomBytes(10));
    const orphanFile = blobFilePath(s.paths.blobs, orphan.blobId);
    expect(fs.existsSync(orphanFile)).toBe(true);
    vault.lock();
    await vault.unlock(PASS);
    expect(fs.existsSync(orphanFile)).toBe(false);
    expect(listFiles(s.paths.tmp)).toEqual([]);
    expect((await services.blobs.open(kept.blobId).readAll()).length).toBe(1000);
  });

  it('a transaction that rolls back leaves no row; discard removes the file', async () => {
    const { services, vault } = await newVault();
    const p = await services.blobs.write(pieces(randomBytes(10), 10));
    const db = vault.current().db;
    expect(() =>
      inTransaction(db, () => {
        services.blobs.commit(db, p);
        throw new Error('the document insert failed');
      }),
    ).toThrow();
    expect(services.blobs.exists(p.blobId)).toBe(false);
    services.blobs.discard(p);
    expect(fs.existsSync(blobFilePath(vault.current().paths.blobs, p.blobId))).toBe(false);
  });

  it('delete removes the row (the key) and the file; the blob can no longer be opened', async () => {
    const { services, vault } = await newVault();
    const p = await services.blobs.write(pieces(randomBytes(5000), 5000));
    const db = vault.current().db;
    services.blobs.commit(db, p);
    services.blobs.delete(db, p.blobId);
    expect(fs.existsSync(blobFilePath(vault.current().paths.blobs, p.blobId))).toBe(false);
    expect(() => services.blobs.open(p.blobId)).toThrowError(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('delete inside a transaction keeps the file until the commit, then sweep removes it', async () => {
    const { services, vault } = await newVault();
    const p = await services.blobs.write(pieces(randomBytes(5000), 5000));
    const db = vault.current().db;
    services.blobs.commit(db, p);
    const file = blobFilePath(vault.current().paths.blobs, p.blobId);
    expect(() =>
      inTransaction(db, () => {
        services.blobs.delete(db, p.blobId);
        throw new Error('rolled back');
      }),
    ).toThrow();
    expect(fs.existsSync(file)).toBe(true);
    expect((await services.blobs.open(p.blobId).readAll()).length).toBe(5000);
    inTransaction(db, () => services.blobs.delete(db, p.blobId));
    expect(fs.existsSync(file)).toBe(true);
    services.blobs.sweep(p.blobId);
    expect(fs.existsSync(file)).toBe(false);
  });

  describe('range reads', () => {
    const N = 20 * BLOB_CHUNK_SIZE + 1234;
    async function setup() {
      const v = await newVault();
      const data = randomBytes(N);
      const p = await v.services.blobs.write(pieces(data, 300_000));
      v.services.blobs.commit(v.vault.current().db, p);
      return { ...v, data, p };
    }
    const collect = async (it: AsyncIterable<Buffer>) => {
      const parts: Buffer[] = [];
      for await (const b of it) parts.push(b);
      return Buffer.concat(parts);
    };

    it('returns exactly the requested bytes, decrypting only the chunks that hold them', async () => {
      const { services, data, p } = await setup();
      const cases: [number, number][] = [
        [0, 10],
        [BLOB_CHUNK_SIZE - 5, BLOB_CHUNK_SIZE + 5],
        [13 * BLOB_CHUNK_SIZE + 100, 13 * BLOB_CHUNK_SIZE + 200],
        [17 * BLOB_CHUNK_SIZE, 19 * BLOB_CHUNK_SIZE],
        [N - 1, N],
        [5 * BLOB_CHUNK_SIZE + 7, N],
        [4000, 4000],
      ];
      for (const [start, end] of cases) {
        const reader = services.blobs.open(p.blobId);
        const got = await collect(reader.stream({ start, end }));
        expect(got.equals(data.subarray(start, end))).toBe(true);
        const expectedChunks = end === start ? 0 : Math.floor((end - 1) / BLOB_CHUNK_SIZE) - Math.floor(start / BLOB_CHUNK_SIZE) + 1;
        expect(reader.stats.chunksDecrypted).toBe(expectedChunks);
      }
    });

    it('one reader serves many seeks (back and forth) with the same bytes as a full decrypt', async () => {
      const { services, data, p } = await setup();
      const reader = services.blobs.open(p.blobId);
      const full = await reader.readAll();
      expect(full.equals(data)).toBe(true);
      for (const start of [19 * BLOB_CHUNK_SIZE + 3, 2 * BLOB_CHUNK_SIZE, 11 * BLOB_CHUNK_SIZE - 1]) {
        const got = await collect(reader.stream({ start, end: start + 1000 }));
        expect(got.equals(full.subarray(start, start + 1000))).toBe(true);
      }
    });

    it('rejects a range outside the file', async () => {
      const { services, p } = await setup();
      const reader = services.blobs.open(p.blobId);
      await expect(collect(reader.stream({ start: 10, end: N + 1 }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(collect(reader.stream({ start: 10, end: 5 }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });

    it('a seek past a chunk whose MAC was altered fails authentication instead of returning bytes', async () => {
      const { services, vault, p } = await setup();
      const file = blobFilePath(vault.current().paths.blobs, p.blobId);
      const fd = fs.openSync(file, 'r+');
      // The last byte of chunk 3's MAC: it only feeds the nonce of chunk 4 onward.
      const at = 54 + 4 * (BLOB_CHUNK_SIZE + 17) - 16;
      const b = Buffer.alloc(1);
      fs.readSync(fd, b, 0, 1, at);
      b[0]! ^= 0x01;
      fs.writeSync(fd, b, 0, 1, at);
      fs.closeSync(fd);
      const reader = services.blobs.open(p.blobId);
      await expect(collect(reader.stream({ start: 10 * BLOB_CHUNK_SIZE, end: 10 * BLOB_CHUNK_SIZE + 10 }))).rejects.toMatchObject({
        code: 'INTEGRITY',
        message: expect.stringContaining(`${p.blobId} is damaged or was altered: chunk 10`),
      });
    });
  });
});
