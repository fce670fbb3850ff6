import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../electron/db/connection';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices } from '../../electron/composition/app-services';
import { tmpDir } from '../helpers/tmp';

/**
 * Nothing readable on disk: after lock, no file in the vault folder and no file the test run left in the OS
 * temp folder contains the passphrase, a stored text or a stored file's content, in UTF-8 or UTF-16LE.
 */
const CANARY_PASS = 'CANARY-PASSPHRASE-7f3a9c Ошский-перевал';
const CANARY_META = 'CANARY-META-TEXT-d41b Пытки в ИВС №3';
const CANARY_BLOB = 'CANARY-BLOB-CONTENT-88e2 медицинское заключение';
const CANARY_AUDIT = 'CANARY-AUDIT-DETAIL-5c0d';

function walk(p: string, out: string[] = []): string[] {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(p);
  } catch {
    return out;
  }
  if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e), out);
  else if (st.isFile()) out.push(p);
  return out;
}

describe('canary scan', () => {
  it('finds no canary string in the vault folder or in temp files after lock', async () => {
    const tmpBefore = new Set(fs.readdirSync(os.tmpdir()));
    const dir = path.join(tmpDir('sakta-canary-'), 'vault');
    const s = createAppServices({ vaultDir: dir, crypto: createNativeCrypto(), allowTestKdf: true });
    await s.vault.create(CANARY_PASS);
    const session = s.vault.current();
    const blobText = Buffer.from(`${CANARY_BLOB}\n`.repeat(20_000), 'utf8'); // several chunks
    const src = path.join(tmpDir('sakta-canary-src-'), 'statement.txt');
    fs.writeFileSync(src, blobText);
    const p = await s.blobs.write(src);
    fs.rmSync(path.dirname(src), { recursive: true }); // the plaintext source is the user's file, not ours
    inTransaction(session.db, () => {
      s.blobs.commit(session.db, p);
      session.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('note', CANARY_META);
      session.audit.append(session.db, { action: 'test.note', entityType: 'meta', detail: { text: CANARY_AUDIT } });
    });
    // Reading it back must not leave plaintext behind either.
    expect((await s.blobs.open(p.blobId).readAll()).equals(blobText)).toBe(true);
    s.vault.lock();

    const files = walk(dir);
    for (const e of fs.readdirSync(os.tmpdir())) if (!tmpBefore.has(e)) walk(path.join(os.tmpdir(), e), files);
    expect(files.some((f) => f.endsWith('.skb'))).toBe(true);
    expect(files.some((f) => f.endsWith('vault.db'))).toBe(true);
    const needles = [CANARY_PASS, CANARY_META, CANARY_BLOB, CANARY_AUDIT, 'CANARY-'].flatMap((c) => [Buffer.from(c, 'utf8'), Buffer.from(c, 'utf16le')]);
    const hits: string[] = [];
    for (const f of new Set(files)) {
      const content = fs.readFileSync(f);
      for (const n of needles) if (content.includes(n)) hits.push(`${f}: ${n.toString(n.includes(0) ? 'utf16le' : 'utf8')}`);
    }
    expect(hits).toEqual([]);

    // The scan is not blind: the same needles are found in what was stored once it is decrypted.
    await s.vault.unlock(CANARY_PASS);
    expect((await s.blobs.open(p.blobId).readAll()).includes(needles[4]!)).toBe(true);
  });
});
