import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { VaultService } from '../../electron/services/vault-service';
import { reportCounts } from '../helpers/kill';
import { tmpDir } from '../helpers/tmp';

/**
 * The WAL as a crash leaves it: committed transactions not yet checkpointed. Copies of the files are taken
 * while the writer is still open, exactly what the disk holds after a power cut.
 */
async function crashedVault(): Promise<{ dir: string; wal: Buffer; pageSize: number }> {
  const dir = path.join(tmpDir(), 'vault');
  const v = new VaultService({ dir, crypto: createNativeCrypto(), allowTestKdf: true });
  await v.create('wal test passphrase 9');
  const db = v.current().db;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 0');
  for (let i = 0; i < 12; i++) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(`row-${i}`, 'x'.repeat(1500));
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const copy = path.join(tmpDir(), 'crashed');
  fs.mkdirSync(copy);
  for (const f of ['vault.header', 'vault.db', 'vault.db-wal']) fs.copyFileSync(path.join(dir, f), path.join(copy, f));
  fs.mkdirSync(path.join(copy, 'blobs'));
  v.lock();
  return { dir: copy, wal: fs.readFileSync(path.join(copy, 'vault.db-wal')), pageSize };
}

const open = (dir: string) => new VaultService({ dir, crypto: createNativeCrypto(), allowTestKdf: true }).unlock('wal test passphrase 9');

describe('tampering: the write-ahead log', () => {
  it('an untouched crashed WAL replays: every committed row is there', async () => {
    const { dir } = await crashedVault();
    const v = new VaultService({ dir, crypto: createNativeCrypto(), allowTestKdf: true });
    await v.unlock('wal test passphrase 9');
    expect((v.current().db.prepare(`SELECT count(*) AS n FROM meta WHERE key LIKE 'row-%'`).get() as { n: number }).n).toBe(12);
    v.lock();
  });

  it('a flipped byte in any frame before the last commit is INTEGRITY, never silently dropped rows', async () => {
    const { dir, wal, pageSize } = await crashedVault();
    const frameSize = 24 + pageSize;
    const frames = Math.floor((wal.length - 32) / frameSize);
    expect(frames).toBeGreaterThan(4);
    let cases = 0;
    // Every frame but the last (whose damage is indistinguishable from a torn write), header and page bytes.
    for (let f = 0; f < frames - 1; f++) {
      for (const within of [5, 24 + 17, 24 + Math.floor(pageSize / 2)]) {
        const bad = Buffer.from(wal);
        const at = 32 + f * frameSize + within;
        bad[at] = bad[at]! ^ 0x10;
        fs.writeFileSync(path.join(dir, 'vault.db-wal'), bad);
        await expect(open(dir), `frame ${f + 1} byte ${within}`).rejects.toMatchObject({ code: 'INTEGRITY' });
        cases++;
      }
    }
    reportCounts('tamper-wal', { frames, flips: cases });
  });

  it('a torn tail (a crash in the middle of writing the last frame) is not reported as tampering', async () => {
    const { dir, wal } = await crashedVault();
    fs.writeFileSync(path.join(dir, 'vault.db-wal'), wal.subarray(0, wal.length - 700));
    await expect(open(dir)).resolves.toMatchObject({ formatVersion: 2 });
  });
});
