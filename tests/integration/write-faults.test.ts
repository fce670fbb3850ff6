import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { reportCounts } from '../helpers/kill';
import { tmpDir } from '../helpers/tmp';
import { SAMPLES } from '../helpers/samples';

/**
 * Write faults on real file systems: a small tmpfs that fills up, and the same tmpfs remounted read-only.
 * Mounting needs root (CI and these machines run as root); elsewhere the suite says why it skips.
 */
function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = tmpDir('sakta-mount-probe-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const mounted: string[] = [];
function smallDisk(sizeMiB: number): string {
  const dir = tmpDir('sakta-small-disk-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir]);
  mounted.push(dir);
  return dir;
}
afterEach(() => {
  while (mounted.length) execFileSync('umount', ['-l', mounted.pop()!]);
});

const env = { SAKTA_PASSPHRASE: 'write faults' };
const mountable = canMount();
const suite = mountable ? describe : describe.skip;
if (!mountable) console.warn('write-faults: skipped — needs root on Linux to mount a small tmpfs (CI runs as root)');

async function json(args: string[]) {
  const r = await runCli(args, { env });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

suite('write faults', () => {
  it('a full disk: import and record saves fail with a clear "disk is full", and the vault stays as it was', async () => {
    const disk = smallDisk(6);
    const dir = path.join(disk, 'vault');
    expect((await runCli(['init', '--vault', dir], { env })).code).toBe(0);
    const c = await json(['case', 'add', '--vault', dir, '--title', 'Before the disk filled', '--json']);
    const small = path.join(tmpDir(), 'small.txt');
    fs.writeFileSync(small, 'статья 305: заявление о пытках\n');
    expect((await runCli(['import', '--vault', dir, '--case', c.id, small], { env })).code).toBe(0);

    // An 8 MiB file cannot fit on a 6 MiB disk.
    const big = path.join(tmpDir(), 'video.bin');
    fs.writeFileSync(big, Buffer.alloc(8 * 1024 * 1024, 1));
    const r = await runCli(['import', '--vault', dir, '--case', c.id, big], { env });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/disk is full/i);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);

    // Fill what is left, then try a record save.
    const filler = path.join(disk, 'filler');
    try {
      fs.writeFileSync(filler, Buffer.alloc(16 * 1024 * 1024));
    } catch {
      /* ENOSPC is the point: the disk is now full */
    }
    let saves = 0;
    let refused = 0;
    for (let i = 0; i < 20; i++) {
      saves++;
      const s = await runCli(['case', 'add', '--vault', dir, '--title', `After ${i} ${'x'.repeat(2000)}`], { env });
      if (s.code !== 0) {
        refused++;
        expect(s.stderr).toMatch(/disk is full|cannot be written|disk error/i);
      }
    }
    expect(refused).toBeGreaterThan(0);
    fs.rmSync(filler, { force: true });

    const v = await runCli(['verify', '--vault', dir, '--json'], { env });
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const docs = await json(['docs', '--vault', dir, '--case', c.id, '--json']);
    const list = Array.isArray(docs) ? docs : (docs.items ?? docs.documents);
    expect(list.map((d: { originalName?: string; fileName?: string; title: string }) => d.originalName ?? d.fileName ?? d.title).join(' ')).not.toMatch(/video/);
    const cases = await json(['case', 'list', '--vault', dir, '--json']);
    expect(cases.items.map((x: { title: string }) => x.title)).toContain('Before the disk filled');
    reportCounts('write-faults-disk-full', { imports: 1, recordSaves: saves, refused });
  });

  it('a read-only folder: changes are refused with a clear message and nothing is half-written', async () => {
    const disk = smallDisk(16);
    const dir = path.join(disk, 'vault');
    expect((await runCli(['init', '--vault', dir], { env })).code).toBe(0);
    const c = await json(['case', 'add', '--vault', dir, '--title', 'Written before', '--json']);
    const before = fs.readdirSync(dir).sort();
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const attempts = [
      ['case', 'add', '--vault', dir, '--title', 'Refused'],
      ['passwd', '--vault', dir],
      ['import', '--vault', dir, '--case', c.id, path.join(SAMPLES, 'hrw-letter-2017-12-20.txt')],
    ];
    for (const args of attempts) {
      const r = await runCli(args, { env: { ...env, SAKTA_NEW_PASSPHRASE: 'never written passphrase 5' } });
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(/cannot be written|read-only|cannot be opened/i);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    execFileSync('mount', ['-o', 'remount,rw', disk]);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
    expect((await runCli(['unlock-check', '--vault', dir], { env })).code).toBe(0);
    const cases = await json(['case', 'list', '--vault', dir, '--json']);
    expect(cases.items.map((x: { title: string }) => x.title)).toEqual(['Written before']);
    reportCounts('write-faults-read-only', { refusedOperations: attempts.length });
  });
});
