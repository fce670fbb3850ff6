import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { listFiles } from '../../electron/services/backup/files';
import { restoreBackup } from '../../electron/services/backup/restore';
import { verifyBackup } from '../../electron/services/backup/verify';
import { createAppServices } from '../../electron/composition/app-services';
import { tmpDir } from '../helpers/tmp';
import { newVault, PASS } from '../helpers/vault';
import { SAMPLES } from '../helpers/samples';

const CANARY = {
  title: 'CANARYcase Zhaslan Ospanov torture',
  person: 'Канарейкина Гульнара',
  note: 'CANARYnote beaten at the Osh ROVD',
  fileName: 'canary-statement-Qx7.txt',
  content: 'CANARYcontent electric shocks on 14 July',
};

function scan(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  const pats = needles.flatMap((n) => [Buffer.from(n, 'utf8'), Buffer.from(n, 'utf16le')]);
  for (const rel of listFiles(dir)) {
    const bytes = fs.readFileSync(path.join(dir, rel));
    for (const p of pats) if (bytes.includes(p)) hits.push(`${rel}: ${p.toString(p.length === Buffer.byteLength(p.toString('utf8')) ? 'utf8' : 'utf16le')}`);
    if (rel.split('/').some((seg) => needles.some((n) => seg.includes(n)))) hits.push(`file name ${rel}`);
  }
  return hits;
}

async function populate(s: Awaited<ReturnType<typeof newVault>>['services']) {
  const c = s.caseWork.cases.create({ title: CANARY.title });
  s.caseWork.persons.create({ name: CANARY.person });
  s.caseWork.notes.create({ caseId: c.id, body: CANARY.note });
  const src = tmpDir();
  const canaryFile = path.join(src, CANARY.fileName);
  fs.writeFileSync(canaryFile, CANARY.content);
  await s.documents.import({ caseId: c.id, paths: [canaryFile, path.join(SAMPLES, 'forensic-report-318-en.pdf'), path.join(SAMPLES, 'injury-photo-1.png')] });
  // Reading the documents' text runs in the background and changes their records (textStatus, which the
  // export carries): let it finish so the "before" picture is the one the backup takes.
  await s.documents.scheduleExtraction();
  return c.id;
}

/** What a lawyer would compare: the case export (minus its timestamp) and each document's bytes. */
async function snapshotOf(s: Awaited<ReturnType<typeof newVault>>['services'], caseId: string) {
  const { exportedAt: _ignored, ...exported } = s.caseWork.views.exportCase(caseId) as { exportedAt: string } & Record<string, unknown>;
  const blobs = s.vault.current().db.prepare('SELECT id FROM blobs ORDER BY id').all() as { id: string }[];
  const docs: Record<string, string> = {};
  for (const b of blobs) docs[b.id] = createHash('sha256').update(await s.blobs.open(b.id).readAll()).digest('hex');
  return { exported, docs };
}

describe('backup → delete the vault → restore', () => {
  it('gives the identical case export and identical document SHA-256s, and the backup holds no plaintext', async () => {
    const v = await newVault();
    const caseId = await populate(v.services);
    const before = await snapshotOf(v.services, caseId);
    expect(Object.keys(before.docs).length).toBe(3);

    const backupDir = tmpDir();
    const r = await v.services.backup.run({ to: backupDir });
    expect(r.blobsNew).toBe(3);
    expect(r.filesWritten).toBe(6); // 3 blobs + header + database + manifest
    expect(r.warnings).toEqual([]);
    expect(scan(backupDir, Object.values(CANARY))).toEqual([]);
    // The scan itself finds a canary where one is (UTF-16LE too), so the empty result above means something.
    const control = tmpDir();
    fs.writeFileSync(path.join(control, 'x'), Buffer.from(`..${CANARY.person}..`, 'utf16le'));
    expect(scan(control, Object.values(CANARY))).toHaveLength(1);
    // The database copy is SQLite3MC ciphertext, not a plaintext SQLite file.
    const dbCopy = fs.readFileSync(path.join(r.root, 'snapshots', r.snapshot, 'vault.db'));
    expect(dbCopy.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');

    v.vault.lock();
    fs.rmSync(v.dir, { recursive: true, force: true });

    const restored = path.join(tmpDir(), 'restored');
    const rr = await restoreBackup({ crypto: createNativeCrypto(), from: backupDir, vaultDir: restored, passphrase: PASS, allowTestKdf: true });
    expect(rr).toMatchObject({ snapshot: r.snapshot, opened: true, warnings: [] });

    const s2 = createAppServices({ vaultDir: restored, crypto: createNativeCrypto(), allowTestKdf: true });
    await s2.vault.unlock(PASS);
    expect(await snapshotOf(s2, caseId)).toEqual(before);
    s2.vault.lock();
    // The recovery key of the original vault opens the restored one too (same header).
    const s3 = createAppServices({ vaultDir: restored, crypto: createNativeCrypto(), allowTestKdf: true });
    await s3.vault.recover(v.recoveryKey, 'a new passphrase after restore');
    s3.vault.lock();
  });

  it('a second backup after one new document writes only that blob, the database, the header and the manifest', async () => {
    const v = await newVault();
    const caseId = await populate(v.services);
    const backupDir = tmpDir();
    const first = await v.services.backup.run({ to: backupDir });
    const poolBefore = new Map(listFiles(path.join(first.root, 'blobs')).map((f) => [f, fs.statSync(path.join(first.root, 'blobs', f)).mtimeMs]));
    const firstSnapshotFiles = listFiles(path.join(first.root, 'snapshots', first.snapshot)).map((f) => [f, fs.readFileSync(path.join(first.root, 'snapshots', first.snapshot, f))] as const);

    await v.services.documents.import({ caseId, paths: [path.join(SAMPLES, 'complaint-to-prosecutor-ru.pdf')] });
    const second = await v.services.backup.run({ to: backupDir });
    expect(second.blobsNew).toBe(1);
    expect(second.blobsReused).toBe(3);
    expect(second.filesWritten).toBe(4);

    const poolAfter = listFiles(path.join(second.root, 'blobs'));
    const added = poolAfter.filter((f) => !poolBefore.has(f));
    expect(added).toHaveLength(1);
    // Old blob files were not rewritten; the first snapshot is byte-for-byte as it was.
    for (const [f, mtime] of poolBefore) expect(fs.statSync(path.join(second.root, 'blobs', f)).mtimeMs).toBe(mtime);
    for (const [f, bytes] of firstSnapshotFiles) expect(fs.readFileSync(path.join(first.root, 'snapshots', first.snapshot, f)).equals(bytes)).toBe(true);

    const report = await verifyBackup(createNativeCrypto(), backupDir, { passphrase: PASS });
    expect(report.ok).toBe(true);
    expect(report.opened).toBe(true);
    expect(report.snapshots.map((s) => s.snapshot).sort()).toEqual([first.snapshot, second.snapshot].sort());
    expect(report.snapshots.find((s) => s.snapshot === second.snapshot)!.files).toBe(6);
  });
});
