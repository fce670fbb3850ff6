import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBlobRow, unwrapBlobKey } from '../../electron/blobs/blob-row';
import { createNativeCrypto } from '../../electron/crypto/native';
import { openEncryptedDb } from '../../electron/db/connection';
import { createAppServices } from '../../electron/composition/app-services';
import { passphraseBytes } from '../../electron/base/encoding';
import { HEADER_FILE_BYTES, parseHeader, passphraseSlot, type RecoverySlot } from '../../electron/vault/header';
import { deriveKeys, passphraseKek, recoverySlotKek, unwrapSlot, zeroKeys } from '../../electron/vault/keys';
import { parseRecoveryKey } from '../../electron/vault/recovery-key';
import { isSaktaError } from '../../shared/errors';
import { runCli } from '../helpers/cli';
import { SAMPLES } from '../helpers/samples';
import { tmpDir } from '../helpers/tmp';
import { newVault, PASS } from '../helpers/vault';

const crypto = createNativeCrypto();
const NEXT = 'второй ключ для поездки через перевал';

/** What an attacker holding an old header copy gets from it: the master key it wraps, if the secret fits. */
async function masterFromHeader(headerBytes: Buffer, secret: { passphrase?: string; recoveryKey?: string }): Promise<Uint8Array | null> {
  const body = parseHeader(headerBytes);
  if (secret.passphrase) {
    const slot = passphraseSlot(body);
    const kek = await passphraseKek(crypto, passphraseBytes(secret.passphrase), slot.kdf);
    return unwrapSlot(crypto, body, slot, kek);
  }
  const slot = body.slots.find((s): s is RecoverySlot => s.kind === 'recovery')!;
  const kek = recoverySlotKek(crypto, slot, parseRecoveryKey(crypto, secret.recoveryKey!));
  return kek ? unwrapSlot(crypto, body, slot, kek) : null;
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (isSaktaError(e)) return e.code;
    throw e;
  }
}

/** A vault holding one case and one document, locked, plus copies of its header and database as they are now. */
async function vaultWithOldCopies() {
  const v = await newVault();
  const before = v.services.caseWork.cases.create({ title: 'Дело до смены ключей' });
  const imp1 = await v.services.documents.import({ caseId: before.id, paths: [path.join(SAMPLES, 'injury-photo-1.png')] });
  v.vault.lock();
  const old = tmpDir();
  fs.copyFileSync(path.join(v.dir, 'vault.header'), path.join(old, 'vault.header'));
  fs.copyFileSync(path.join(v.dir, 'vault.db'), path.join(old, 'vault.db'));
  return { ...v, before, oldDoc: imp1.documents[0]!, old };
}

/** After the change: a case and a document written with the new keys. */
async function writeAfter(v: Awaited<ReturnType<typeof vaultWithOldCopies>>, passphrase: string) {
  await v.vault.unlock(passphrase);
  const after = v.services.caseWork.cases.create({ title: 'Свидетель Асанов, написано после' });
  const imp = await v.services.documents.import({ caseId: after.id, paths: [path.join(SAMPLES, 'hrw-letter-2017-12-20.txt')] });
  const blobId = (v.vault.current().db.prepare('SELECT blob_id FROM documents WHERE id = ?').get(imp.documents[0]!.id) as { blob_id: string }).blob_id;
  const row = loadBlobRow(v.vault.current().db, blobId);
  v.vault.lock();
  return { after, row };
}

/** Everything the old master key can do with today's files: open the database, unwrap the new document's key. */
function whatOldMasterReads(dir: string, oldMaster: Uint8Array, row: ReturnType<typeof loadBlobRow>) {
  const keys = deriveKeys(crypto, oldMaster);
  try {
    let database = 'opened';
    try {
      openEncryptedDb(path.join(dir, 'vault.db'), keys.database, { readonly: true }).close();
    } catch (e) {
      database = isSaktaError(e) ? e.code : 'error';
    }
    let documentKey = 'unwrapped';
    try {
      unwrapBlobKey(crypto, keys.blobs, row);
    } catch (e) {
      documentKey = isSaktaError(e) ? e.code : 'error';
    }
    return { database, documentKey };
  } finally {
    zeroKeys(crypto, keys);
  }
}

describe('key rotation', () => {
  it('after passwd an old header copy with the old passphrase reads nothing written after; it still opens the old database copy', async () => {
    const v = await vaultWithOldCopies();
    const r = await v.vault.changePassphrase(PASS, NEXT);
    expect(r.documentsRewrapped).toBe(1);
    expect(r.recoveryKey).toBeUndefined(); // the recovery key follows the new master key
    const { row } = await writeAfter(v, NEXT);

    const oldHeader = fs.readFileSync(path.join(v.old, 'vault.header'));
    const oldMaster = (await masterFromHeader(oldHeader, { passphrase: PASS }))!;
    expect(oldMaster).not.toBeNull();
    expect(whatOldMasterReads(v.dir, oldMaster, row)).toEqual({ database: 'INTEGRITY', documentKey: 'INTEGRITY' });
    const oldRecovery = (await masterFromHeader(oldHeader, { recoveryKey: v.recoveryKey }))!;
    expect(whatOldMasterReads(v.dir, oldRecovery, row)).toEqual({ database: 'INTEGRITY', documentKey: 'INTEGRITY' });

    // The old header copied back over today's vault does not open it either.
    const attack = tmpDir();
    fs.cpSync(v.dir, attack, { recursive: true });
    fs.copyFileSync(path.join(v.old, 'vault.header'), path.join(attack, 'vault.header'));
    const s = createAppServices({ vaultDir: attack, crypto, allowTestKdf: true });
    expect(await code(s.vault.unlock(PASS))).toBe('INTEGRITY');

    // What the old copy still opens, as the docs say: its own old database, with what was in it then.
    const oldCopy = tmpDir();
    fs.cpSync(v.old, oldCopy, { recursive: true });
    fs.cpSync(path.join(v.dir, 'blobs'), path.join(oldCopy, 'blobs'), { recursive: true });
    const o = createAppServices({ vaultDir: oldCopy, crypto, allowTestKdf: true });
    await o.vault.unlock(PASS);
    expect(o.caseWork.cases.list({}).items.map((c) => c.title)).toEqual(['Дело до смены ключей']);
    o.vault.lock();

    // Today's vault: the new passphrase opens it, the old one does not, the recovery key still does.
    expect(await code(v.vault.unlock(PASS))).toBe('WRONG_PASSPHRASE');
    const header = fs.readFileSync(path.join(v.dir, 'vault.header'));
    expect(header.length).toBe(HEADER_FILE_BYTES);
    expect(await masterFromHeader(header, { recoveryKey: v.recoveryKey })).not.toBeNull();
  });

  it('after recovery-key --new the old recovery key opens neither today’s header nor, from an old copy, anything written after', async () => {
    const v = await vaultWithOldCopies();
    const r = await v.vault.newRecoveryKey(PASS);
    expect(r.recoveryKey).not.toBe(v.recoveryKey);
    const { row } = await writeAfter(v, PASS);

    const header = fs.readFileSync(path.join(v.dir, 'vault.header'));
    expect(await masterFromHeader(header, { recoveryKey: v.recoveryKey })).toBeNull();
    expect(await masterFromHeader(header, { recoveryKey: r.recoveryKey })).not.toBeNull();
    const s = createAppServices({ vaultDir: v.dir, crypto, allowTestKdf: true });
    expect(await code(s.vault.recover(v.recoveryKey, 'не сработает никогда, ключ старый'))).toBe('WRONG_RECOVERY_KEY');

    const oldMaster = (await masterFromHeader(fs.readFileSync(path.join(v.old, 'vault.header')), { recoveryKey: v.recoveryKey }))!;
    expect(oldMaster).not.toBeNull();
    expect(whatOldMasterReads(v.dir, oldMaster, row)).toEqual({ database: 'INTEGRITY', documentKey: 'INTEGRITY' });

    await s.vault.recover(r.recoveryKey, NEXT);
    expect(s.caseWork.cases.list({}).items).toHaveLength(2);
    s.vault.lock();
  });

  it('the audit chain records each rotation, signed by the old and the new signing key, and verifies end to end', async () => {
    const v = await vaultWithOldCopies();
    await v.vault.changePassphrase(PASS, NEXT);
    await v.vault.rotateKeys(NEXT);
    await v.vault.setKdfProfile(NEXT, 'high-risk'); // under the test KDF the profile stays "test"; the keys rotate all the same
    await v.vault.unlock(NEXT);
    const report = await v.services.verify.verify();
    expect(report.problems).toEqual([]);
    const rotations = v.vault.current().audit.list(v.vault.current().db).filter((e) => e.action === 'vault.keys_rotated');
    expect(rotations.map((e) => e.detail.reason)).toEqual(['kdf-profile', 'rotate-keys', 'passphrase']);
    const keys = rotations.map((e) => [e.detail.previousSigningKey, e.detail.signingKey]).reverse();
    expect(keys[1]![0]).toBe(keys[0]![1]);
    expect(keys[2]![1]).toBe(v.vault.current().header.signingPublicKey);
    // The document imported before every rotation still decrypts.
    const text = await v.services.blobs.open((v.vault.current().db.prepare('SELECT blob_id FROM documents WHERE id = ?').get(v.oldDoc.id) as { blob_id: string }).blob_id).readAll();
    expect(text.length).toBeGreaterThan(1000);

    // A forged rotation entry (signed by someone else) is reported.
    v.vault.current().db.exec('DROP TRIGGER audit_no_update');
    const seq = rotations[0]!.seq;
    const forged = { ...rotations[0]!.detail, signatureByPrevious: rotations[1]!.detail.signatureByPrevious };
    v.vault.current().db.prepare('UPDATE audit_log SET detail = ? WHERE seq = ?').run(JSON.stringify(forged), seq);
    const after = await v.services.verify.verify();
    expect(after.problems.map((p) => p.message).join('\n')).toMatch(/key rotation\) is not signed by both keys/);
    v.vault.lock();
  });

  it('a cancel while the new key is derived changes nothing; the old passphrase still opens', async () => {
    const v = await vaultWithOldCopies();
    const header = fs.readFileSync(path.join(v.dir, 'vault.header'));
    const abort = new AbortController();
    const steps: string[] = [];
    const p = v.vault.changePassphrase(PASS, NEXT, {
      signal: abort.signal,
      onProgress: (s) => {
        steps.push(s.step);
        if (s.step === 'deriving') abort.abort();
      },
    });
    expect(await code(p)).toBe('CANCELLED');
    expect(steps).toEqual(['deriving']);
    expect(fs.readFileSync(path.join(v.dir, 'vault.header')).equals(header)).toBe(true);
    v.vault.lock();
    await v.vault.unlock(PASS);
    v.vault.lock();
  });

  it('a rotation interrupted after the new header (database still on the old key) is finished by the next open', async () => {
    const v = await vaultWithOldCopies();
    // Stop right after step 2 by failing the database step: the header is written, the rest is not.
    await v.vault.unlock(PASS);
    const db = v.vault.current().db;
    db.exec(`CREATE TEMP TRIGGER stop_rotation BEFORE UPDATE ON blobs BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`);
    await expect(v.vault.rotateKeys(PASS)).rejects.toBeTruthy();
    v.vault.lock();
    const mid = parseHeader(fs.readFileSync(path.join(v.dir, 'vault.header')));
    expect(mid.slots.map((s) => s.kind)).toContain('previous-master');
    const s = createAppServices({ vaultDir: v.dir, crypto, allowTestKdf: true });
    await s.vault.unlock(PASS);
    expect(s.vault.current().header.slots.map((x) => x.kind)).not.toContain('previous-master');
    expect((await s.verify.verify()).problems).toEqual([]);
    expect(s.caseWork.cases.list({}).items).toHaveLength(1);
    s.vault.lock();
  });
});

const blobFiles = (dir: string) => (fs.readdirSync(path.join(dir, 'blobs'), { recursive: true }) as string[]).filter((f) => f.endsWith('.skb')).map((f) => path.basename(f, '.skb'));

describe('sakta rotate-keys --reencrypt-documents', () => {
  it('gives every stored file a new key and file: the file keys in an old database copy point at files that are gone', async () => {
    const v = await vaultWithOldCopies();
    const oldIds = blobFiles(v.dir);
    expect(oldIds).toHaveLength(1);
    const r = await runCli(['rotate-keys', '--vault', v.dir, '--reencrypt-documents'], { env: { SAKTA_PASSPHRASE: PASS } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 stored files re-encrypted/);
    expect(r.stdout).toMatch(/An old copy of the vault header/);
    const now = blobFiles(v.dir);
    expect(now).toHaveLength(1);
    expect(now.some((id) => oldIds.includes(id))).toBe(false);
    await v.vault.unlock(PASS);
    expect((await v.services.verify.verify()).problems).toEqual([]);
    const doc = v.vault.current().db.prepare('SELECT sha256, blob_id FROM documents WHERE id = ?').get(v.oldDoc.id) as { sha256: string; blob_id: string };
    expect(doc).toEqual({ sha256: v.oldDoc.sha256, blob_id: now[0] });
    v.vault.lock();
  });
});
