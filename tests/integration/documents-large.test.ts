import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { vaultWithCase } from './documents-fixtures';

const GIB = 1024 * 1024 * 1024;

/** Writes `size` bytes of a non-repeating pattern (fast, no 1 GiB buffer) and returns its SHA-256. */
function writeBigFile(file: string, size: number): string {
  const h = createHash('sha256');
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(8 * 1024 * 1024);
  for (let off = 0, i = 0; off < size; off += block.length, i++) {
    for (let j = 0; j < block.length; j += 4096) block.writeUInt32LE(i * 4096 + j, j);
    const n = Math.min(block.length, size - off);
    fs.writeSync(fd, block, 0, n);
    h.update(block.subarray(0, n));
  }
  fs.closeSync(fd);
  return h.digest('hex');
}

/**
 * Memory stays flat in the file size. Node 24's own baseline is higher than Node 20's (verify of 1 GiB peaked at
 * 212 MiB on Node 24, import at 181 MiB), so the bound is 256 MiB: still far below the 1 GiB a whole-file read needs.
 */
const RSS_LIMIT_KIB = 256 * 1024;

/** The real bundled CLI in a child; reports the child's own peak RSS (KiB) from resourceUsage. */
function cliWithPeakRss(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; maxRssKiB: number }> {
  // The documented entry runs the CLI as soon as it is loaded; the peak is read as the process exits.
  const script = `process.on('exit', () => process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + '\\n'));
process.argv.splice(1, 0, ${JSON.stringify(CLI)});
require(${JSON.stringify(CLI)});`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, ...args], { env: { ...process.env, SAKTA_PASSPHRASE: PASS, SAKTA_TEST_FAST_KDF: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, maxRssKiB: Number(/MAXRSS (\d+)/.exec(stderr)?.[1] ?? NaN) }));
  });
}

describe('a 1 GiB file', () => {
  it('imports through the CLI with peak RSS under 256 MiB and decrypts to the same SHA-256', async () => {
    const v = await vaultWithCase();
    v.services.vault.lock();
    const file = path.join(tmpDir(), 'interview.mp4.bin');
    const sha = writeBigFile(file, GIB);
    const r = await cliWithPeakRss(['import', '--vault', v.dir, '--case', v.caseId, '--json', file]);
    fs.rmSync(file);
    expect(r.code, r.stderr).toBe(0);
    const [doc] = JSON.parse(r.stdout).documents as { id: string; sha256: string; size: number }[];
    expect(doc!.size).toBe(GIB);
    expect(doc!.sha256).toBe(sha);
    console.log(`[measure] 1 GiB import peak RSS ${(r.maxRssKiB / 1024).toFixed(0)} MiB`);
    expect(r.maxRssKiB).toBeLessThan(RSS_LIMIT_KIB);
    // Verify decrypts all of it again, chunk by chunk, and compares the fingerprint.
    const verify = await cliWithPeakRss(['verify', '--vault', v.dir]);
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.maxRssKiB).toBeLessThan(RSS_LIMIT_KIB);
  }, 180_000);
});
