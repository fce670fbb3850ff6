import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { openSecrets, parseManifest } from '../../electron/services/backup/manifest';
import { verifyBackup } from '../../electron/services/backup/verify';
import { fromB64 } from '../../electron/base/encoding';
import { runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { newVault, PASS } from '../helpers/vault';

/**
 * The attack: someone copies the lawyer's backup USB disk. Before issue 13 the manifest said in clear how
 * many cases, persons, events, documents and notes the vault held and exactly when it was made. Now it says
 * only what checking the files needs: the snapshot's name and each file's path, size and SHA-256.
 */
describe('backup manifest: nothing readable beyond what backup-verify needs', () => {
  it('holds no counts, times beyond the name, schema version or audit head in clear; they open with the vault key', async () => {
    const { services, dir } = await newVault();
    const w = services.caseWork;
    for (let i = 0; i < 7; i++) w.cases.create({ title: `Дело ${i}` });
    for (let i = 0; i < 3; i++) w.persons.create({ name: `Человек ${i}` });
    const to = tmpDir();
    const r = await services.backup.run({ to });
    const mf = path.join(r.root, 'snapshots', r.snapshot, 'manifest.sakta');
    const text = fs.readFileSync(mf, 'utf8');
    const json = JSON.parse(text.split('\n')[1]!) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['files', 'format', 'sealed', 'snapshot', 'vaultId', 'version']);
    for (const word of ['counts', 'cases', 'persons', 'createdAt', 'schemaVersion', 'auditHead', r.createdAt]) expect(text).not.toContain(word);

    // With the vault's keys the sealed part opens and tells the true counts and audit head.
    const session = services.vault.current();
    const crypto = createNativeCrypto();
    const m = parseManifest(crypto, Buffer.from(text), fromB64(session.header.signingPublicKey));
    expect(m.signatureOk).toBe(true);
    const secrets = openSecrets(crypto, session.keys.backups, m.body);
    expect(secrets).toMatchObject({ createdAt: r.createdAt, counts: { cases: 7, persons: 3 } });
    expect(secrets!.auditHead!.seq).toBeGreaterThan(0);

    // backup-verify still works without the passphrase, and with it also opens the sealed part.
    const plain = await runCli(['backup-verify', '--from', to]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('All 1 snapshots verify.');
    const withPass = await verifyBackup(crypto, to, { passphrase: PASS });
    expect(withPass).toMatchObject({ ok: true, opened: true });
    expect(withPass.snapshots[0]!.createdAt).toBe(r.createdAt);
    void dir;
  });
});
