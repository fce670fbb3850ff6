import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobGeometry, BLOB_CHUNK_SIZE, blobFilePath } from '../../electron/blobs/blob-format';
import { tmpDir } from '../helpers/tmp';
import { newVault } from '../helpers/vault';

async function* once(b: Buffer) {
  yield b;
}

async function setup(n = 4 * BLOB_CHUNK_SIZE + 500) {
  const v = await newVault();
  const data = randomBytes(n);
  const p = await v.services.blobs.write(once(data));
  v.services.blobs.commit(v.vault.current().db, p);
  const file = blobFilePath(v.vault.current().paths.blobs, p.blobId);
  return { ...v, data, p, file, geo: new BlobGeometry(n, BLOB_CHUNK_SIZE) };
}

/** Every way of reading must refuse, with INTEGRITY naming the blob. */
async function expectRefused(services: Awaited<ReturnType<typeof setup>>['services'], blobId: string, detail?: RegExp) {
  const checks = [
    () => services.blobs.open(blobId).readAll(),
    () => services.blobs.open(blobId).verify(),
    async () => {
      const fh = await fs.promises.open(path.join(tmpDir(), 'out.bin'), 'w');
      try {
        return await services.blobs.open(blobId).writeTo(fh);
      } finally {
        await fh.close();
      }
    },
  ];
  for (const run of checks) {
    const err = await run().then(
      () => null,
      (e: { code: string; message: string }) => e,
    );
    expect(err, 'tampered blob was read').not.toBeNull();
    expect(err!.code).toBe('INTEGRITY');
    expect(err!.message).toContain(blobId);
    if (detail) expect(err!.message).toMatch(detail);
  }
}

describe('a tampered blob file', () => {
  it.each([
    ['the header magic', 0],
    ['the version', 8],
    ['the chunk size', 11],
    ['the id in the header', 20],
    ['the secretstream header', 40],
    ['chunk 0 tag byte', 54],
    ['chunk 1 ciphertext', 54 + BLOB_CHUNK_SIZE + 17 + 1000],
    ['chunk 2 MAC', 54 + 3 * (BLOB_CHUNK_SIZE + 17) - 1],
    ['the last chunk', -3],
  ])('a flipped byte in %s is INTEGRITY', async (_what, offset) => {
    const { services, p, file } = await setup();
    const buf = fs.readFileSync(file);
    const at = offset < 0 ? buf.length + offset : offset;
    // At the version: 0, which never existed (a higher one is FORMAT_TOO_NEW, tested below).
    if (at === 8) buf[8] = 0;
    else buf[at]! ^= 0x01;
    fs.writeFileSync(file, buf);
    await expectRefused(services, p.blobId);
  });

  it('a higher format version is FORMAT_TOO_NEW, not a guess', async () => {
    const { services, p, file } = await setup(10);
    const buf = fs.readFileSync(file);
    buf[8] = 2;
    fs.writeFileSync(file, buf);
    await expect(services.blobs.open(p.blobId).readAll()).rejects.toMatchObject({ code: 'FORMAT_TOO_NEW' });
  });

  it('names the chunk whose authentication failed', async () => {
    const { services, p, file, geo } = await setup();
    const buf = fs.readFileSync(file);
    buf[geo.offset(3) + 100]! ^= 0x40;
    fs.writeFileSync(file, buf);
    await expectRefused(services, p.blobId, /chunk 3 failed its authentication check/);
  });

  it('a file truncated at a chunk boundary is INTEGRITY (the length is checked before decrypting)', async () => {
    const { services, p, file, geo } = await setup();
    fs.truncateSync(file, geo.offset(2));
    await expectRefused(services, p.blobId, /truncated/);
  });

  it('a stream that ends without its FINAL chunk is INTEGRITY even when the record agrees with the length', async () => {
    const { services, vault, p, file, geo } = await setup();
    fs.truncateSync(file, geo.offset(2));
    vault.current().db.prepare('UPDATE blobs SET plain_size = ?, cipher_size = ? WHERE id = ?').run(2 * BLOB_CHUNK_SIZE, geo.offset(2), p.blobId);
    await expectRefused(services, p.blobId, /last chunk 1 is not marked final/);
  });

  it('trailing bytes after the FINAL chunk are INTEGRITY', async () => {
    const { services, p, file } = await setup();
    fs.appendFileSync(file, Buffer.alloc(17));
    await expectRefused(services, p.blobId);
  });

  it('two swapped chunks are INTEGRITY', async () => {
    const { services, p, file, geo } = await setup();
    const buf = fs.readFileSync(file);
    const a = Buffer.from(buf.subarray(geo.offset(1), geo.offset(2)));
    buf.copy(buf, geo.offset(1), geo.offset(2), geo.offset(3));
    a.copy(buf, geo.offset(2));
    fs.writeFileSync(file, buf);
    await expectRefused(services, p.blobId, /chunk 1 failed/);
  });

  it('two blob files swapped between their records are INTEGRITY for both', async () => {
    const { services, vault, p, file } = await setup(1000);
    const other = await services.blobs.write(once(randomBytes(1000)));
    services.blobs.commit(vault.current().db, other);
    const otherFile = blobFilePath(vault.current().paths.blobs, other.blobId);
    const a = fs.readFileSync(file);
    fs.writeFileSync(file, fs.readFileSync(otherFile));
    fs.writeFileSync(otherFile, a);
    await expectRefused(services, p.blobId, /belongs to another record/);
    await expectRefused(services, other.blobId, /belongs to another record/);
  });

  it('a missing file is INTEGRITY naming the blob', async () => {
    const { services, p, file } = await setup(10);
    fs.rmSync(file);
    await expectRefused(services, p.blobId, /missing/);
  });

  it('a wrapped key altered in the record is INTEGRITY', async () => {
    const { services, vault, p } = await setup(10);
    const wrapped = Buffer.from(p.row.wrapped_key);
    wrapped[0]! ^= 1;
    vault.current().db.prepare('UPDATE blobs SET wrapped_key = ? WHERE id = ?').run(wrapped, p.blobId);
    await expectRefused(services, p.blobId, /key/);
  });
});
