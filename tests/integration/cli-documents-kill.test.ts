import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { reportCounts, runAndKill, STRESS } from '../helpers/kill';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { sample, sha256File, vaultWithCase } from './documents-fixtures';

const env = { SAKTA_PASSPHRASE: PASS, SAKTA_TEST_FAST_KDF: '1' };
const KILLS = STRESS ? 60 : 20;

describe('sakta import killed with SIGKILL', () => {
  it(`at ${KILLS}+ random moments leaves a vault that verifies, each import wholly present or absent`, async () => {
    const v = await vaultWithCase();
    v.services.vault.lock();
    const src = tmpDir();
    let kills = 0;
    let completed = 0;
    const expected = new Map<string, string>(); // original name → sha256 of what was imported
    for (let i = 0; kills < KILLS && i < KILLS * 3; i++) {
      // Fresh bytes every run, so each run really writes a blob (no duplicate linking).
      const big = path.join(src, `big-${i}.bin`);
      fs.writeFileSync(big, randomBytes(12 * 1024 * 1024));
      const note = path.join(src, `note-${i}.txt`);
      fs.writeFileSync(note, `Записка ${i}: ${randomBytes(8).toString('hex')}`);
      expected.set(`big-${i}.bin`, sha256File(big));
      expected.set(`note-${i}.txt`, sha256File(note));
      // Node start + unlock take a few hundred ms; the write and commit come after.
      const delay = 150 + Math.floor(Math.random() * 1200);
      const r = await runAndKill(['import', '--vault', v.dir, '--case', v.caseId, big, note, sample('complaint-to-prosecutor-ru.pdf')], env, delay);
      if (r.killed) kills++;
      else {
        expect(r.code).toBe(0);
        completed++;
      }
      fs.rmSync(big);

      const verify = await runCli(['verify', '--vault', v.dir, '--json'], { env });
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
      const docs = JSON.parse((await runCli(['docs', '--vault', v.dir, '--case', v.caseId, '--json'], { env })).stdout).documents as {
        originalName: string;
        sha256: string;
      }[];
      // One transaction per import: its three documents land together or not at all.
      const names = new Set(docs.map((d) => d.originalName));
      expect(names.has(`big-${i}.bin`)).toBe(names.has(`note-${i}.txt`));
      expect(docs.length % 3).toBe(0);
      for (const d of docs) if (expected.has(d.originalName)) expect(d.sha256).toBe(expected.get(d.originalName));
    }
    reportCounts('documents-import-kill', { kills, completed });
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    // Orphans of killed runs are swept at the next unlock: only committed files remain.
    const info = JSON.parse((await runCli(['info', '--vault', v.dir, '--json'], { env })).stdout);
    const files = fs.readdirSync(path.join(v.dir, 'blobs')).flatMap((d) => fs.readdirSync(path.join(v.dir, 'blobs', d)));
    expect(files.length).toBe(info.counts.blobs);
  }, 600_000);
});
