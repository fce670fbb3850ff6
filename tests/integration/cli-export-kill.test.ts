import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { reportCounts, runAndKill, STRESS, timeCommand } from '../helpers/kill';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { vaultWithCase, writeFile } from './documents-fixtures';

const env = { SAKTA_PASSPHRASE: PASS, SAKTA_TEST_FAST_KDF: '1' };
const KILLS = STRESS ? 120 : 50;
const MIB = 1024 * 1024;

/** A document whose every 64 KiB block starts with a marker, so any piece of its plaintext can be found on disk. */
function markedDocument(size: number): { bytes: Buffer; marker: Buffer } {
  const marker = randomBytes(32);
  const bytes = randomBytes(size);
  for (let at = 0; at < size; at += 64 * 1024) marker.copy(bytes, at);
  return { bytes, marker };
}

/** Every regular file under `dir` (hidden ones too), to `depth` levels; unreadable entries are skipped. */
function filesUnder(dir: string, depth: number): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isFile()) return [p];
    if (e.isDirectory() && depth > 0) return filesUnder(p, depth - 1);
    return [];
  });
}

/**
 * Whether the first 8 MiB of `file` hold the marker. Any piece of the plaintext longer than 64 KiB holds one, and
 * a copy is written from its start, so a leftover of any size that matters is found without reading it all.
 */
function holdsMarker(file: string, marker: Buffer): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    if (!fs.fstatSync(fd).isFile()) return false;
    const buf = Buffer.alloc(8 * MIB);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).includes(marker);
  } catch {
    return false; // gone meanwhile (another test's temp file), or not ours to read
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

describe('sakta export-doc killed with SIGKILL', () => {
  it(`at ${KILLS}+ random moments leaves no plaintext beyond the finished copies, and custody shows every attempt`, async () => {
    const v = await vaultWithCase();
    const doc = markedDocument(24 * MIB);
    const src = writeFile(tmpDir(), 'recording.bin', doc.bytes);
    const id = (await v.services.documents.import({ caseId: v.caseId, paths: [src] })).documents[0]!.id;
    v.services.vault.lock();
    fs.rmSync(src);
    const out = tmpDir();

    // Kill moments spread from just before the export starts writing to just after it ends, on this machine now.
    const startup = await timeCommand(['custody', '--vault', v.dir, '--doc', id], env);
    const whole = await timeCommand(['export-doc', '--vault', v.dir, '--doc', id, '--out', path.join(out, 'calibration.bin')], env);
    fs.rmSync(path.join(out, 'calibration.bin'));
    let lo = Math.max(50, Math.floor(startup * 0.8));
    // Up to just before the end: most runs are killed (a few still finish, as timing varies), so 50 kills come soon.
    let hi = Math.max(lo + 50, Math.ceil(whole * 0.95));

    let kills = 0;
    let completed = 0;
    const finished = new Set<string>(); // copies whose export ran to the end (recorded in custody)
    for (let i = 0; kills < KILLS && i < KILLS * 3; i++) {
      const target = path.join(out, `copy-${i}.bin`);
      const delay = lo + Math.floor(Math.random() * (hi - lo));
      const t0 = Date.now();
      const r = await runAndKill(['export-doc', '--vault', v.dir, '--doc', id, '--out', target], env, delay);
      if (r.killed) kills++;
      else {
        expect(r.code).toBe(0);
        completed++;
        // The machine got faster than at calibration: move the window to this run's real length.
        hi = Math.max(100, Math.floor((Date.now() - t0) * 0.95));
        lo = Math.min(lo, Math.floor(hi * 0.6));
      }
      // The next start (any command that unlocks) sweeps what the killed run left.
      const c = await runCli(['custody', '--vault', v.dir, '--doc', id, '--json'], { env });
      expect(c.code, c.stderr).toBe(0);
      const entries = JSON.parse(c.stdout).entries as { seq: number; action: string; detail: { to?: string; started?: number } }[];
      for (const e of entries) if (e.action === 'document.export' && typeof e.detail.to === 'string') finished.add(e.detail.to);
      // Every export that started has an outcome: finished, or abandoned (and its leftovers removed).
      const started = entries.filter((e) => e.action === 'document.export.started').map((e) => e.seq);
      const outcomes = new Set(entries.filter((e) => typeof e.detail.started === 'number').map((e) => e.detail.started));
      expect(started.filter((s) => !outcomes.has(s))).toEqual([]);
      // No plaintext anywhere but in the copies custody says were made: not in the output folder (hidden files
      // included), not in the vault's own folders, not in the system temp folder.
      const holders = [...filesUnder(out, 2), ...filesUnder(v.dir, 2), ...filesUnder(os.tmpdir(), 0)].filter((f) => holdsMarker(f, doc.marker));
      expect(holders.filter((f) => !finished.has(f))).toEqual([]);
      // The finished copies are the user's; they go here only so the next scans stay short.
      for (const f of holders) fs.rmSync(f);
    }

    const entries = JSON.parse((await runCli(['custody', '--vault', v.dir, '--doc', id, '--json'], { env })).stdout).entries as { action: string }[];
    const count = (a: string) => entries.filter((e) => e.action === a).length;
    reportCounts('export-doc-kill', { kills, completed, started: count('document.export.started'), abandoned: count('document.export.abandoned') });
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    // Some kills landed while the copy was being written (otherwise this test proved nothing), and each left a trace.
    expect(count('document.export.abandoned')).toBeGreaterThan(0);
    expect((await runCli(['verify', '--vault', v.dir], { env })).code).toBe(0);
  }, 1_800_000);
});
