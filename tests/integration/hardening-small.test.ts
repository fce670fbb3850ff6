import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreLimitIsZero, DEV_ONLY_ENV, launchOverrides, preventCoreDumps, scrubEnvironment } from '../../electron/main/launch-env';
import { passphraseBytes } from '../../electron/base/encoding';
import { CLI, runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { dispatcherFor } from '../helpers/ipc';
import { newVault, PASS } from '../helpers/vault';

const env = { SAKTA_PASSPHRASE: 'small findings — Талас' };
const KEY = /([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5,})/;

/** Runs the CLI with its standard output's reader gone before anything is written (EPIPE on every write). */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** Many whole CLI processes in a row: minutes, not seconds, on a loaded 2-core machine. */
const CLI_TIMEOUT = 300_000;

describe('smaller findings of issue 13, each as its attack', () => {
  it('init whose output nobody reads fails non-zero and leaves no vault behind with a key no one saw', async () => {
    for (const json of [false, true]) {
      const dir = path.join(tmpDir(), 'vault');
      const r = await runWithClosedStdout(['init', '--vault', dir, ...(json ? ['--json'] : [])]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/The recovery key could not be written out \(.*EPIPE.*\), so the new vault was erased again/);
      expect(fs.existsSync(path.join(dir, 'vault.header'))).toBe(false);
      expect(fs.existsSync(path.join(dir, 'vault.db'))).toBe(false);
    }
  }, CLI_TIMEOUT);

  it('`sakta init | head -1` keeps the recovery key, and that key recovers the vault', async () => {
    const dir = path.join(tmpDir(), 'vault');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" init --vault "${dir}" | head -1`], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const key = KEY.exec(r.stdout)?.[1];
    expect(key, r.stdout).toBeDefined();
    const rec = await runCli(['recover', '--vault', dir], { env: { SAKTA_RECOVERY_KEY: key!, SAKTA_NEW_PASSPHRASE: 'после восстановления' } });
    expect(rec.code, rec.stderr).toBe(0);
  });

  it('docs and search with a --case that names no case exit 2 with a message, not 0 with an empty list', async () => {
    const dir = path.join(tmpDir(), 'vault');
    expect((await runCli(['init', '--vault', dir], { env })).code).toBe(0);
    for (const args of [
      ['docs', '--case', 'garbage'],
      ['docs', '--case', '7d0f2f6e-1c1a-4c39-9b0e-6b2d3c1f0a11'],
      ['search', 'арест', '--case', 'garbage'],
    ]) {
      const r = await runCli([...args, '--vault', dir], { env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--case: there is no case ".*" in this vault/);
      expect(r.stdout).toBe('');
    }
  }, CLI_TIMEOUT);

  it('the IPC size cap measures the structured clone: a 10 MB Map is refused, not read as {}', async () => {
    const { services } = await newVault();
    const dispatch = dispatcherFor(services, { allowedOrigins: ['app://sakta'] });
    const big = new Map<number, string>();
    for (let i = 0; i < 10_000; i++) big.set(i, 'x'.repeat(1000));
    expect(JSON.stringify(big)).toBe('{}');
    const r = await dispatch('vault.lock', big, { origin: 'app://sakta', isMainFrame: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(services.vault.status().unlocked).toBe(true);
    const typed = await dispatch('vault.lock', { blob: new Uint8Array(1024 * 1024) }, { origin: 'app://sakta', isMainFrame: true });
    expect(typed).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('a packaged build ignores the development and test overrides and removes them from its environment', () => {
    const hostile = {
      SAKTA_SQLITE_BINDING: '/tmp/evil.node',
      SAKTA_VAULT_DIR: '/tmp/attacker-vault',
      SAKTA_USER_DATA_DIR: '/tmp/attacker-profile',
      SAKTA_TEST_FAST_KDF: '1',
      HOME: '/home/lawyer',
    };
    const packaged = launchOverrides(hostile, true);
    expect(packaged).toEqual({ sqliteBinding: null, vaultDir: null, userDataDir: null, testKdf: false, ignored: [...DEV_ONLY_ENV] });
    const envCopy: Record<string, string | undefined> = { ...hostile };
    scrubEnvironment(envCopy, packaged);
    expect(envCopy).toEqual({ HOME: '/home/lawyer' });

    const dev = launchOverrides(hostile, false);
    expect(dev).toEqual({ sqliteBinding: '/tmp/evil.node', vaultDir: '/tmp/attacker-vault', userDataDir: '/tmp/attacker-profile', testKdf: true, ignored: [] });
    expect(launchOverrides({}, true).ignored).toEqual([]);
  });

  it('core dumps are turned off for a running process (Linux: RLIMIT_CORE 0 via prlimit, read back from /proc)', () => {
    if (process.platform !== 'linux') {
      expect(preventCoreDumps(process.pid)).not.toBe('disabled');
      return;
    }
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const pid = child.pid!;
      expect(preventCoreDumps(pid)).toBe('disabled');
      expect(coreLimitIsZero(pid)).toBe(true);
      expect(fs.readFileSync(`/proc/${pid}/limits`, 'utf8')).toMatch(/^Max core file size\s+0\s+0\s+bytes/m);
    } finally {
      child.kill();
    }
    // And it says so when it could not: a process that is gone has no limit to lower.
    expect(preventCoreDumps(2 ** 22 + 12345)).toBe('not-possible');
  });

  it('passphrase bytes have a buffer of their own (not a slice of the shared pool a later zeroing would miss), and vaults still open', async () => {
    const b = passphraseBytes('Пароль й') as Buffer;
    expect(b.byteOffset).toBe(0);
    expect(b.buffer.byteLength).toBe(b.byteLength);
    expect(Buffer.from(b).toString('utf8')).toBe('Пароль й'.normalize('NFC'));
    const { services } = await newVault();
    services.vault.lock();
    await services.vault.unlock(PASS);
    expect(services.vault.checkDatabase()).toEqual([]);
  });
});
