import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/composition/app-services';
import { SIGN_TAG, signedMessage } from '../../electron/services/sharing/device-keys';
import { sealSegment } from '../../electron/services/sharing/segment-file';
import type { SyncReport } from '../../shared/schemas/sharing';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { comparableExport } from './merge-fixtures';
import { crypto, idOf, pair } from './sharing-fixtures';

/**
 * Compaction of a shared case's segments into signed, sealed snapshots (issue 18, done-when 10; docs/sync-folder.md
 * §5.5): members acknowledge what they applied in their own segments; an author whose segments every member
 * applied replaces them by one snapshot; a member added later starts its chain from the snapshot; a tampered or
 * forged snapshot is refused; a folder put back to an older copy is still reported; a kill mid-compaction loses
 * nothing.
 */

/** Acknowledge at every exchange; compact only when a test asks (`sync.compact`), unless `compactAfter` is given. */
async function device(compactAfter = 1_000_000): Promise<AppServices> {
  const s = createAppServices({ vaultDir: path.join(tmpDir(), 'vault'), crypto, allowTestKdf: true, syncCompaction: { ackAfter: 1, compactAfter } });
  await s.vault.create(PASS);
  return s;
}

const segmentFiles = (folder: string) => fs.readdirSync(folder).filter((f) => f.endsWith('.sks'));
const folderBytes = (folder: string) => segmentFiles(folder).reduce((n, f) => n + fs.statSync(path.join(folder, f)).size, 0);
const codes = (reports: SyncReport[]) => reports.map((r) => r.code);
const notes = (s: AppServices, caseId: string) =>
  s.caseWork.notes
    .list(caseId)
    .map((n) => `${n.title}: ${n.body}`)
    .sort();

async function pairOfLawyers() {
  const folder = path.join(tmpDir(), 'team');
  fs.mkdirSync(folder);
  const a = await device();
  const b = await device();
  pair(a, 'lead', b, 'cocounsel', folder);
  const caseId = a.caseWork.cases.create({ title: 'Асанов против Кыргызстана', summary: 'Задержание 12 мая' }).id;
  a.sync.share(caseId, 'cocounsel', folder);
  await a.sync.sync(folder);
  await b.sync.sync(folder);
  return { folder, a, b, caseId };
}

/** `rounds` of: each side adds a note, then A, B and A exchange; every report is returned. */
async function work(a: AppServices, b: AppServices, folder: string, caseId: string, rounds: number, from = 0): Promise<SyncReport[]> {
  const reports: SyncReport[] = [];
  for (let i = from; i < from + rounds; i++) {
    a.caseWork.notes.create({ caseId, title: `A ${i}`, body: `Свидетель ${i} видел задержание` });
    b.caseWork.notes.create({ caseId, title: `B ${i}`, body: `Жалоба ${i} подана` });
    for (const s of [a, b, a]) reports.push(...(await s.sync.sync(folder)).reports);
  }
  return reports;
}

describe('compacting a shared case’s segments into snapshots', () => {
  it('shrinks the folder once both have applied everything; a member added later still converges and follows both', async () => {
    const { folder, a, b, caseId } = await pairOfLawyers();
    expect(await work(a, b, folder, caseId, 12)).toEqual([]);
    const before = { files: segmentFiles(folder).length, bytes: folderBytes(folder) };

    const byA = a.sync.compact(folder);
    const byB = b.sync.compact(folder);
    expect(byA.map((c) => c.caseId)).toEqual([caseId]);
    expect(byB.map((c) => c.caseId)).toEqual([caseId]);
    expect(byA[0]!.removedFiles).toBeGreaterThan(10);
    const after = { files: segmentFiles(folder).length, bytes: folderBytes(folder) };
    expect(after.files).toBeLessThan(before.files / 3);
    expect(after.bytes).toBeLessThan(before.bytes / 3);

    // The members who applied the segments take the snapshots as covering what they have: nothing to report.
    for (const s of [a, b]) expect((await s.sync.sync(folder)).reports).toEqual([]);
    expect(comparableExport(a, caseId)).toEqual(comparableExport(b, caseId));

    // A third lawyer joins: she starts each author's chain at its snapshot and converges.
    const c = await device();
    pair(a, 'lead', c, 'supervisor', folder);
    a.sync.share(caseId, 'supervisor', folder);
    const reports: SyncReport[] = [];
    for (const s of [a, c, b, c, a, b, c]) reports.push(...(await s.sync.sync(folder)).reports);
    expect(codes(reports)).toEqual([]);
    // Her chain of each author begins at its snapshot: the segments it replaced are not in the folder any more.
    const started = c.vault.current().db.prepare('SELECT s.author FROM sharing_snapshots s JOIN sharing_segments g ON g.file = s.file ORDER BY s.author').pluck().all();
    expect(started).toEqual([idOf(a), idOf(b)].sort());
    expect(notes(c, caseId)).toEqual(notes(a, caseId));
    expect(notes(c, caseId)).toHaveLength(24);
    expect(comparableExport(c, caseId)).toEqual(comparableExport(a, caseId));

    // What B writes afterwards follows its snapshot in her chain: it reaches her.
    b.caseWork.notes.create({ caseId, title: 'B после', body: 'Ответ прокуратуры' });
    await b.sync.sync(folder);
    const taken = await c.sync.sync(folder);
    expect(codes(taken.reports)).toEqual([]);
    expect(notes(c, caseId)).toContain('B после: Ответ прокуратуры');
  }, 240_000);

  it('a travel vault made after compacting starts from the snapshots and follows both lawyers', async () => {
    const { folder, a, b, caseId } = await pairOfLawyers();
    expect(await work(a, b, folder, caseId, 6)).toEqual([]);
    a.sync.compact(folder);
    b.sync.compact(folder);
    const to = path.join(tmpDir(), 'travel');
    const pass = 'дорожный пароль — Ош 2026, пять слов';
    await a.travel.create({ caseIds: [caseId], to, passphrase: pass, via: folder });
    const t = createAppServices({ vaultDir: to, crypto, allowTestKdf: true });
    await t.vault.unlock(pass);
    // Its chain of each lawyer begins at that lawyer's snapshot (the segments it replaced are gone from the folder).
    const started = t.vault.current().db.prepare('SELECT s.author FROM sharing_snapshots s JOIN sharing_segments g ON g.file = s.file ORDER BY s.author').pluck().all();
    expect(started).toEqual([idOf(a), idOf(b)].sort());
    b.caseWork.notes.create({ caseId, title: 'B после поездки', body: 'Ответ суда' });
    const reports: SyncReport[] = [];
    for (const s of [b, t, a, t]) reports.push(...(await s.sync.sync(folder)).reports);
    expect(codes(reports)).toEqual([]);
    expect(notes(t, caseId)).toContain('B после поездки: Ответ суда');
    expect(notes(t, caseId)).toEqual(notes(a, caseId));
    expect(comparableExport(t, caseId)).toEqual(comparableExport(a, caseId));
  }, 240_000);

  it('compacts on its own at the threshold, and only what every current member has acknowledged', async () => {
    const folder = path.join(tmpDir(), 'team');
    fs.mkdirSync(folder);
    const a = await device(4);
    const b = await device(4);
    pair(a, 'lead', b, 'cocounsel', folder);
    const caseId = a.caseWork.cases.create({ title: 'Дело о пытках в ИВС' }).id;
    a.sync.share(caseId, 'cocounsel', folder);
    await a.sync.sync(folder);
    // B has not taken anything in yet: none of A's segments is acknowledged, so none may go.
    for (let i = 0; i < 6; i++) {
      a.caseWork.notes.create({ caseId, title: `A ${i}`, body: 'Ещё одна запись' });
      expect((await a.sync.sync(folder)).compacted).toEqual([]);
    }
    const unread = segmentFiles(folder).length;
    await b.sync.sync(folder);
    const done = await a.sync.sync(folder);
    expect(done.compacted.map((c) => c.caseId)).toEqual([caseId]);
    expect(segmentFiles(folder).length).toBeLessThan(unread);
    expect((await b.sync.sync(folder)).reports).toEqual([]);
    expect(notes(b, caseId)).toEqual(notes(a, caseId));
  }, 120_000);

  it('refuses a tampered snapshot and one not signed by its author, and reports them', async () => {
    const { folder, a, b, caseId } = await pairOfLawyers();
    await work(a, b, folder, caseId, 4);
    a.sync.compact(folder);
    b.sync.compact(folder);
    const snapshotOfA = a.vault.current().db.prepare('SELECT file FROM sharing_snapshots WHERE author = ?').pluck().get(idOf(a)) as string;

    // A newcomer meets A's snapshot with one byte flipped: refused, and A's later segments wait behind it.
    const c = await device();
    pair(a, 'lead', c, 'supervisor', folder);
    a.sync.share(caseId, 'supervisor', folder);
    await a.sync.sync(folder);
    const p = path.join(folder, snapshotOfA);
    const bytes = fs.readFileSync(p);
    bytes[200] = bytes[200]! ^ 0x01;
    fs.writeFileSync(p, bytes);
    const r = await c.sync.sync(folder);
    expect(r.reports.filter((x) => x.file === snapshotOfA).map((x) => x.code)).toEqual(['UNREADABLE']);
    expect(r.received.filter((x) => x.from === idOf(a))).toEqual([]);
    expect(codes(r.reports)).toContain('GAP');

    // A snapshot in A's name, sealed with the case key but signed by another key: refused as forged.
    const key = c.vault.current().db.prepare('SELECT key FROM case_keys WHERE case_id = ? ORDER BY epoch DESC LIMIT 1').pluck().get(caseId) as Buffer;
    const forged = Buffer.from(
      JSON.stringify({ v: 1, kind: 'snapshot', caseId, epoch: 1, author: idOf(a), upTo: 99, last: 'f'.repeat(64), hlc: '2026-01-01T00:00:00.000Z', changes: [], blobs: [], seen: {} }),
    );
    const stranger = crypto.signSeedKeypair(crypto.randomBytes(32));
    const name = `${'5'.repeat(32)}.sks`;
    fs.writeFileSync(path.join(folder, name), sealSegment(crypto, key, forged, crypto.signDetached(signedMessage(SIGN_TAG.snapshot, forged), stranger.secretKey)));
    const again = await c.sync.sync(folder);
    expect(again.reports.filter((x) => x.file === name).map((x) => x.code)).toEqual(['BAD_SIGNATURE']);
    // Signed by A's own key, but as a segment: the signature names the kind of file, so it does not pass.
    const asSegment = a.sharing.identity.withSecrets(a.vault.current().db, (k) => crypto.signDetached(signedMessage(SIGN_TAG.segment, forged), k.signSecret));
    const name2 = `${'6'.repeat(32)}.sks`;
    fs.writeFileSync(path.join(folder, name2), sealSegment(crypto, key, forged, asSegment));
    const b2 = await b.sync.sync(folder);
    expect(b2.reports.filter((x) => x.file === name || x.file === name2).map((x) => x.code)).toEqual(['BAD_SIGNATURE', 'BAD_SIGNATURE']);
    expect(notes(b, caseId)).toEqual(notes(a, caseId));
  }, 240_000);

  it('still reports a folder put back to an older copy after compacting', async () => {
    const { folder, a, b, caseId } = await pairOfLawyers();
    await work(a, b, folder, caseId, 4);
    a.sync.compact(folder);
    b.sync.compact(folder);
    expect((await b.sync.sync(folder)).reports).toEqual([]);
    const copy = path.join(tmpDir(), 'copy');
    fs.cpSync(folder, copy, { recursive: true });
    await work(a, b, folder, caseId, 2, 4);
    // The carrier puts back the copy taken right after compacting: B misses A's segments it applied since.
    fs.rmSync(folder, { recursive: true });
    fs.cpSync(copy, folder, { recursive: true });
    const r = await b.sync.sync(folder);
    expect(r.reports.filter((x) => x.code === 'ROLLBACK').map((x) => x.author)).toContain(idOf(a));
  }, 240_000);

  it('over two copies of the folder (as Syncthing keeps them), deletions arriving before the snapshot are not a rollback', async () => {
    // A's copy and B's copy; B's receives what A's holds only when the test carries it.
    const [mine, theirs] = [path.join(tmpDir(), 'a'), path.join(tmpDir(), 'b')];
    fs.mkdirSync(mine);
    fs.mkdirSync(theirs);
    const a = await device();
    const b = await device();
    pair(a, 'lead', b, 'cocounsel', tmpDir());
    const caseId = a.caseWork.cases.create({ title: 'Асанов против Кыргызстана' }).id;
    a.sync.share(caseId, 'cocounsel', mine);
    const mirror = (from: string, to: string) => fs.readdirSync(from).forEach((f) => fs.existsSync(path.join(to, f)) || fs.copyFileSync(path.join(from, f), path.join(to, f)));
    for (let i = 0; i < 4; i++) {
      a.caseWork.notes.create({ caseId, title: `A ${i}`, body: `Свидетель ${i}` });
      await a.sync.sync(mine);
      mirror(mine, theirs);
      await b.sync.sync(theirs);
      mirror(theirs, mine);
    }
    await a.sync.sync(mine);
    const before = new Set(fs.readdirSync(mine));
    expect(a.sync.compact(mine).map((c) => c.caseId)).toEqual([caseId]);
    const after = fs.readdirSync(mine);
    const gone = [...before].filter((f) => !after.includes(f));
    const snapshot = after.filter((f) => !before.has(f));
    expect(gone.length).toBeGreaterThan(3);
    expect(snapshot).toHaveLength(1);

    // The deletions reach B's copy first: what B applied is gone, but B acknowledged it and B's own files are all there.
    gone.forEach((f) => fs.rmSync(path.join(theirs, f)));
    expect((await b.sync.sync(theirs)).reports).toEqual([]);
    fs.copyFileSync(path.join(mine, snapshot[0]!), path.join(theirs, snapshot[0]!));
    expect((await b.sync.sync(theirs)).reports).toEqual([]);
    expect(notes(b, caseId)).toEqual(notes(a, caseId));

    // B's copy then put back to one taken before B's latest files: A's segments B acknowledged are missing, and so are B's own: a rollback.
    const copy = path.join(tmpDir(), 'copy');
    fs.cpSync(theirs, copy, { recursive: true });
    a.caseWork.notes.create({ caseId, title: 'A после', body: 'Ответ суда' });
    b.caseWork.notes.create({ caseId, title: 'B после', body: 'Жалоба' });
    await a.sync.sync(mine);
    await b.sync.sync(theirs);
    mirror(mine, theirs);
    await b.sync.sync(theirs);
    fs.rmSync(theirs, { recursive: true });
    fs.cpSync(copy, theirs, { recursive: true });
    const r = await b.sync.sync(theirs);
    expect(r.reports.filter((x) => x.code === 'ROLLBACK').map((x) => x.author)).toEqual([idOf(a)]);
  }, 240_000);

  it('loses nothing when killed inside the compaction, before its file, or before the deletions', async () => {
    const { folder, a, b, caseId } = await pairOfLawyers();
    const dirA = a.vault.current().paths.dir;
    let round = 0;
    for (const point of ['in-write', 'before-file', 'before-deletes'] as const) {
      await work(a, b, folder, caseId, 3, round);
      round += 3;
      const segmentsBefore = segmentFiles(folder).length;
      a.vault.lock();
      const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'sync-compaction-kill.child.ts'), dirA, folder, point], {
        env: { ...process.env, SAKTA_PASSPHRASE: PASS },
        encoding: 'utf8',
      });
      expect([point, child.signal, child.stdout.trim()], child.stderr).toEqual([point, 'SIGKILL', point]);
      await a.vault.unlock(PASS);
      if (point === 'in-write') expect(segmentFiles(folder).length).toBe(segmentsBefore);

      // The next exchanges finish the job (or do it again) and carry on; nobody reports anything.
      const reports = await work(a, b, folder, caseId, 1, round);
      round += 1;
      reports.push(...(await a.sync.sync(folder)).reports, ...(await b.sync.sync(folder)).reports);
      expect([point, codes(reports)]).toEqual([point, []]);
      expect(notes(b, caseId)).toEqual(notes(a, caseId));
      expect(notes(a, caseId)).toHaveLength(2 * round);
      if (point !== 'in-write') {
        // The snapshot is in the folder and the segments it replaces are gone from it.
        const db = a.vault.current().db;
        const snap = db.prepare('SELECT file, up_to FROM sharing_snapshots WHERE author = ? ORDER BY up_to DESC LIMIT 1').get(idOf(a)) as { file: string; up_to: number };
        const covered = db.prepare('SELECT file FROM sharing_segments WHERE author = ? AND counter <= ?').pluck().all(idOf(a), snap.up_to) as string[];
        expect(segmentFiles(folder)).toContain(snap.file);
        expect(covered.filter((f) => fs.existsSync(path.join(folder, f)))).toEqual([]);
      }
    }
    // Compacted by now: A's covered segments are gone from the folder, and a newcomer still converges.
    expect(a.vault.current().db.prepare('SELECT count(*) FROM sharing_snapshots WHERE author = ?').pluck().get(idOf(a))).toBeGreaterThan(0);
    const c = await device();
    pair(a, 'lead', c, 'supervisor', folder);
    a.sync.share(caseId, 'supervisor', folder);
    const reports: SyncReport[] = [];
    for (const s of [a, c, b, c]) reports.push(...(await s.sync.sync(folder)).reports);
    expect(codes(reports)).toEqual([]);
    expect(comparableExport(c, caseId)).toEqual(comparableExport(a, caseId));
    for (const s of [a, b]) {
      const v = await s.verify.verify();
      expect(v.problems, 'vault verifies').toEqual([]);
    }
  }, 300_000);
});
