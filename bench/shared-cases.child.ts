/**
 * Child process of shared-cases.bench.ts, so each figure of peak memory is one run's alone (a process's RSS does
 * not shrink). argv: mode edits tmpDir. Prints one JSON line.
 * - `offline`: two vaults share a case, go apart, each makes `edits` edits, then converge through a folder.
 * - `rounds`: the two work online: 10 edits a side, then an exchange each, until `edits` a side; the folder is
 *   measured, compacted, measured again; then a third member joins and converges from what is left.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createAppServices, type AppServices } from '../electron/composition/app-services';
import { createNativeCrypto } from '../electron/crypto/native';

const [mode, editsArg, tmp] = process.argv.slice(2) as ['offline' | 'rounds', string, string];
const N = Number(editsArg);
const now = () => performance.now();
const MIB = 1024 * 1024;

// The fast test KDF: Argon2's 256 MiB would otherwise be every run's peak.
process.env.SAKTA_TEST_FAST_KDF = '1';

async function vault(name: string, compactAfter?: number): Promise<AppServices> {
  const s = createAppServices({
    vaultDir: path.join(tmp, name),
    crypto: createNativeCrypto(),
    allowTestKdf: true,
    syncCompaction: compactAfter === undefined ? undefined : { ackAfter: 1, compactAfter },
  });
  await s.vault.create('bench passphrase — Ош 2010');
  return s;
}

function pair(a: AppServices, b: AppServices, folder: string, nameOfB: string, nameOfA: string): void {
  a.sharing.pairing.offer(folder);
  b.sharing.pairing.offer(folder);
  const idA = a.sharing.pairing.identity().deviceId;
  const idB = b.sharing.pairing.identity().deviceId;
  a.sharing.pairing.confirm(folder, a.sharing.pairing.scan(folder).offers.find((o) => o.deviceId === idB)!.safetyCode, nameOfB);
  b.sharing.pairing.confirm(folder, b.sharing.pairing.scan(folder).offers.find((o) => o.deviceId === idA)!.safetyCode, nameOfA);
}

/** `n` edits of a lawyer: notes made and corrected, the case's summary now and then. */
function edits(s: AppServices, caseId: string, n: number, who: string, from = 0): void {
  let note = s.caseWork.notes.create({ caseId, title: `${who} ${from}`, body: 'Начало' });
  for (let i = from + 1; i < from + n; i++) {
    if (i % 10 === 0) s.caseWork.cases.update(caseId, { summary: `${who}: сводка ${i}` });
    else if (i % 3 === 0) note = s.caseWork.notes.create({ caseId, title: `${who} ${i}`, body: `Запись ${i}: свидетель видел задержание` });
    else s.caseWork.notes.update(note.id, { body: `Запись ${i}, исправлено` });
  }
}

const segmentFiles = (folder: string) => fs.readdirSync(folder).filter((f) => f.endsWith('.sks'));
const bytesOf = (folder: string, names = fs.readdirSync(folder)) => names.reduce((n, f) => n + fs.statSync(path.join(folder, f)).size, 0);
const notesOf = (s: AppServices, caseId: string) =>
  JSON.stringify(
    s.caseWork.notes
      .list(caseId)
      .map((x) => [x.id, x.body])
      .sort(),
  );

/** A plain copy (+ fsync) of `bytes` bytes on the same disk: the reference for moving what the folder holds. */
function plainCopyMs(bytes: number): number {
  const src = path.join(tmp, 'plain.bin');
  fs.writeFileSync(src, Buffer.alloc(bytes, 7));
  const t0 = now();
  fs.copyFileSync(src, `${src}.copy`);
  const fd = fs.openSync(`${src}.copy`, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return now() - t0;
}

async function offline() {
  const folder = path.join(tmp, 'folder');
  fs.mkdirSync(folder);
  const a = await vault('a');
  const b = await vault('b');
  pair(a, b, folder, 'b', 'a');
  // The same edits on a case that is not shared, for the cost of a shared write.
  const alone = a.caseWork.cases.create({ title: 'Не общее дело' }).id;
  let t0 = now();
  edits(a, alone, N, 'U');
  const unsharedEditsMs = now() - t0;

  const caseId = a.caseWork.cases.create({ title: 'Эркинбеков против Кыргызстана' }).id;
  a.sync.share(caseId, 'b', folder);
  await a.sync.sync(folder);
  await b.sync.sync(folder);
  const before = bytesOf(folder);
  const rssBaseline = process.memoryUsage().rss;

  t0 = now();
  edits(a, caseId, N, 'A');
  const sharedEditsMs = now() - t0;
  edits(b, caseId, N, 'B');
  const rssAfterEdits = process.memoryUsage().rss;

  t0 = now();
  await a.sync.sync(folder);
  await b.sync.sync(folder);
  await a.sync.sync(folder);
  const convergeMs = now() - t0;
  if (notesOf(a, caseId) !== notesOf(b, caseId)) throw new Error(`the two vaults did not converge after ${N} edits per side`);
  const bytes = bytesOf(folder) - before;
  const copyMs = plainCopyMs(bytes);
  const peak = process.resourceUsage().maxRSS * 1024;
  a.vault.lock();
  b.vault.lock();
  return {
    convergeMs,
    exchangedKiB: bytes / 1024,
    plainCopyMs: copyMs,
    sharedEditsMs,
    unsharedEditsMs,
    rssBaselineMiB: rssBaseline / MIB,
    rssAfterEditsMiB: rssAfterEdits / MIB,
    peakRssMiB: peak / MIB,
  };
}

async function rounds() {
  const folder = path.join(tmp, 'folder');
  fs.mkdirSync(folder);
  // Acknowledged at every exchange; compacted only when asked below, so the folder is measured both ways.
  const a = await vault('a', Number.MAX_SAFE_INTEGER);
  const b = await vault('b', Number.MAX_SAFE_INTEGER);
  pair(a, b, folder, 'b', 'a');
  const caseId = a.caseWork.cases.create({ title: 'Эркинбеков против Кыргызстана' }).id;
  a.sync.share(caseId, 'b', folder);
  await a.sync.sync(folder);
  await b.sync.sync(folder);
  const rssBaseline = process.memoryUsage().rss;
  const t0 = now();
  for (let done = 0; done < N; done += 10) {
    edits(a, caseId, 10, 'A', done);
    edits(b, caseId, 10, 'B', done);
    for (const s of [a, b, a]) await s.sync.sync(folder);
  }
  const workMs = now() - t0;
  const before = { files: segmentFiles(folder).length, bytes: bytesOf(folder, segmentFiles(folder)) };
  const c0 = now();
  a.sync.compact(folder);
  b.sync.compact(folder);
  const compactMs = now() - c0;
  for (const s of [a, b]) await s.sync.sync(folder);
  const after = { files: segmentFiles(folder).length, bytes: bytesOf(folder, segmentFiles(folder)) };

  // A third lawyer joins now: she has only the snapshots and what followed them.
  const c = await vault('c', Number.MAX_SAFE_INTEGER);
  pair(a, c, folder, 'c', 'a');
  a.sync.share(caseId, 'c', folder);
  const j0 = now();
  for (const s of [a, c, b, c]) await s.sync.sync(folder);
  const joinMs = now() - j0;
  if (notesOf(a, caseId) !== notesOf(c, caseId) || notesOf(a, caseId) !== notesOf(b, caseId)) throw new Error('the member who joined after compaction did not converge');
  const peak = process.resourceUsage().maxRSS * 1024;
  for (const s of [a, b, c]) s.vault.lock();
  return {
    workMs,
    compactMs,
    joinMs,
    segmentFilesBefore: before.files,
    segmentKiBBefore: before.bytes / 1024,
    segmentFilesAfter: after.files,
    segmentKiBAfter: after.bytes / 1024,
    plainCopyOfBeforeMs: plainCopyMs(before.bytes),
    rssBaselineMiB: rssBaseline / MIB,
    peakRssMiB: peak / MIB,
  };
}

async function main() {
  const r = mode === 'offline' ? await offline() : await rounds();
  process.stdout.write(JSON.stringify(r) + '\n');
}

void main();
