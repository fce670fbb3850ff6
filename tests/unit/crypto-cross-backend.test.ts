import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOB_CHUNK_SIZE } from '../../electron/blobs/blob-format';
import { createNativeCrypto } from '../../electron/crypto/native';
import type { Crypto } from '../../electron/crypto/types';
import { createWasmCrypto } from '../../electron/crypto/wasm';
import { createAppServices } from '../../electron/composition/app-services';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';

/** A vault is plain libsodium: what one build writes, an independently compiled build opens. */
async function* once(b: Buffer) {
  yield b;
}

const builds: [string, () => Promise<Crypto>][] = [
  ['sodium-native', async () => createNativeCrypto()],
  ['libsodium-wrappers-sumo', () => createWasmCrypto()],
];

describe.each([
  [builds[0]!, builds[1]!],
  [builds[1]!, builds[0]!],
])('a vault written with %s', ([writerName, writer], [readerName, reader]) => {
  it(`is unlocked, its database read and its blobs decrypted (whole and from the middle) with ${readerName}`, async () => {
    const dir = path.join(tmpDir(), 'vault');
    const a = createAppServices({ vaultDir: dir, crypto: await writer(), allowTestKdf: true });
    const { recoveryKey } = await a.vault.create(PASS);
    const data = randomBytes(5 * BLOB_CHUNK_SIZE + 99);
    const p = await a.blobs.write(once(data));
    const db = a.vault.current().db;
    a.blobs.commit(db, p);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('written-by', ?)`).run(writerName);
    a.vault.current().audit.append(db, { action: 'test.write', entityType: 'blob', entityId: p.blobId });
    a.vault.lock();

    const b = createAppServices({ vaultDir: dir, crypto: await reader(), allowTestKdf: true });
    await b.vault.unlock(PASS);
    const s = b.vault.current();
    expect(s.db.prepare(`SELECT value FROM meta WHERE key = 'written-by'`).get()).toEqual({ value: writerName });
    expect(s.audit.verify(s.db, s.keys.signing.publicKey)).toEqual([]);
    expect((await b.blobs.open(p.blobId).readAll()).equals(data)).toBe(true);
    const r = b.blobs.open(p.blobId);
    const parts: Buffer[] = [];
    for await (const x of r.stream({ start: 3 * BLOB_CHUNK_SIZE + 1, end: 4 * BLOB_CHUNK_SIZE + 10 })) parts.push(x);
    expect(Buffer.concat(parts).equals(data.subarray(3 * BLOB_CHUNK_SIZE + 1, 4 * BLOB_CHUNK_SIZE + 10))).toBe(true);
    expect(r.stats.chunksDecrypted).toBe(2);
    b.vault.lock();

    // The recovery key, too, is read the same way by the other build.
    await b.vault.recover(recoveryKey, 'another passphrase');
    expect((await b.blobs.open(p.blobId).verify()).sha256).toBe(p.sha256);
    b.vault.lock();
  });
});
