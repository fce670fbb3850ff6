import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const env = (pass: string, extra: Record<string, string> = {}) => ({ SAKTA_PASSPHRASE: pass, ...extra });

async function init(pass = 'first passphrase') {
  const dir = path.join(tmpDir(), 'vault');
  const r = await runCli(['init', '--vault', dir, '--json'], { env: env(pass) });
  expect(r.code, r.stderr).toBe(0);
  const { recoveryKey, vaultId } = JSON.parse(r.stdout) as { recoveryKey: string; vaultId: string };
  return { dir, recoveryKey, vaultId, pass };
}

describe('sakta CLI: vault commands', () => {
  it('init then info shows the format, KDF parameters and counts, and nothing secret', async () => {
    const v = await init();
    const r = await runCli(['info', '--vault', v.dir, '--json'], { env: env(v.pass) });
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({ formatVersion: 2, vaultId: v.vaultId, kdf: { algorithm: 'argon2id13' } });
    expect(r.stdout).not.toContain(v.pass);
    expect(r.stdout).not.toContain(v.recoveryKey);
  });

  it('init with the real default parameters records Argon2id ops 3 / 256 MiB, and --high-risk ops 4 / 1 GiB', async () => {
    const dir = path.join(tmpDir(), 'v');
    const noTest = { SAKTA_TEST_FAST_KDF: '0' };
    const strong = 'длинная фраза из пяти случайных слов';
    expect((await runCli(['init', '--vault', dir], { env: env(strong, noTest) })).code).toBe(0);
    const std = JSON.parse((await runCli(['info', '--vault', dir, '--json'], { env: env(strong, noTest) })).stdout);
    expect(std.kdf).toEqual({ algorithm: 'argon2id13', opslimit: 3, memlimit: 256 * 1024 * 1024, profile: 'standard' });
    const hr = path.join(tmpDir(), 'v');
    expect((await runCli(['init', '--vault', hr, '--high-risk'], { env: env(strong, noTest) })).code).toBe(0);
    const high = JSON.parse((await runCli(['info', '--vault', hr, '--json'], { env: env(strong, noTest) })).stdout);
    expect(high.kdf).toMatchObject({ opslimit: 4, memlimit: 1024 ** 3, profile: 'high-risk' });
  });

  it('passwd: afterwards unlock-check passes with the new passphrase and exits 3 with the old one', async () => {
    const v = await init();
    const r = await runCli(['passwd', '--vault', v.dir], { env: env(v.pass, { SAKTA_NEW_PASSPHRASE: 'второй пароль' }) });
    expect(r.code, r.stderr).toBe(0);
    expect((await runCli(['unlock-check', '--vault', v.dir], { env: env('второй пароль') })).code).toBe(0);
    const old = await runCli(['unlock-check', '--vault', v.dir], { env: env(v.pass) });
    expect(old.code).toBe(3);
    expect(old.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('recover with the recovery key sets a new passphrase', async () => {
    const v = await init();
    const r = await runCli(['recover', '--vault', v.dir], { env: { SAKTA_RECOVERY_KEY: v.recoveryKey, SAKTA_NEW_PASSPHRASE: 'after recovery' } });
    expect(r.code, r.stderr).toBe(0);
    expect((await runCli(['unlock-check', '--vault', v.dir], { env: env('after recovery') })).code).toBe(0);
    expect((await runCli(['unlock-check', '--vault', v.dir], { env: env(v.pass) })).code).toBe(3);
  });

  it('a wrong recovery key exits 3; a mistyped one exits 2', async () => {
    const v = await init();
    const other = await init();
    expect((await runCli(['recover', '--vault', v.dir], { env: { SAKTA_RECOVERY_KEY: other.recoveryKey, SAKTA_NEW_PASSPHRASE: 'a fine new passphrase' } })).code).toBe(3);
    expect((await runCli(['recover', '--vault', v.dir], { env: { SAKTA_RECOVERY_KEY: 'ABCD-EFGH', SAKTA_NEW_PASSPHRASE: 'x' } })).code).toBe(2);
  });

  it('reads the passphrase from --passphrase-file', async () => {
    const v = await init('from a file');
    const f = path.join(tmpDir(), 'pass.txt');
    fs.writeFileSync(f, 'from a file\n', { mode: 0o600 });
    expect((await runCli(['unlock-check', '--vault', v.dir, '--passphrase-file', f])).code).toBe(0);
  });

  it('bad usage exits 2 with one line and no stack trace; no passphrase and no TTY is bad usage', async () => {
    for (const args of [['no-such-command'], ['info'], ['info', '--vault', '/x', '--bogus']]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    }
    const v = await init();
    const r = await runCli(['unlock-check', '--vault', v.dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SAKTA_PASSPHRASE/);
  });

  it('a flipped byte in the header, or in a database page, exits 4 with a clear message', async () => {
    const v = await init();
    const header = path.join(v.dir, 'vault.header');
    const original = fs.readFileSync(header);
    // The header text, the middle of its zero padding, and the last byte of its area (area 0 is current after init).
    for (const pos of [30, 4000, 8191]) {
      const bad = Buffer.from(original);
      bad[pos] = bad[pos]! ^ 0x01;
      fs.writeFileSync(header, bad);
      const r = await runCli(['unlock-check', '--vault', v.dir], { env: env(v.pass) });
      expect(r.code, `byte ${pos}`).toBe(4);
      expect(r.stderr).toMatch(/damaged or was altered/);
    }
    fs.writeFileSync(header, original);

    const db = path.join(v.dir, 'vault.db');
    const bytes = fs.readFileSync(db);
    expect(bytes.length).toBeGreaterThan(8192);
    bytes[4096 + 1000] = bytes[4096 + 1000]! ^ 0x40; // inside page 2
    fs.writeFileSync(db, bytes);
    const r = await runCli(['unlock-check', '--vault', v.dir], { env: env(v.pass) });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/damaged or was altered/i);
  });
});

describe('sakta CLI: weak passphrases', () => {
  it.each(['пароль123', 'йцукен12345', 'Бишкек2024'])('init and passwd refuse %s with exit 2 and a reason; nothing is created or changed', async (weak) => {
    const dir = path.join(tmpDir(), 'vault');
    const r = await runCli(['init', '--vault', dir], { env: env(weak) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/too short|too easy to guess/);
    expect(fs.existsSync(path.join(dir, 'vault.header'))).toBe(false);
    const v = await init();
    const header = fs.readFileSync(path.join(v.dir, 'vault.header'));
    const p = await runCli(['passwd', '--vault', v.dir], { env: env(v.pass, { SAKTA_NEW_PASSPHRASE: weak }) });
    expect(p.code).toBe(2);
    expect(p.stderr.trim().split('\n')).toHaveLength(1);
    expect(p.stderr).toMatch(/too short|too easy to guess/);
    expect(fs.readFileSync(path.join(v.dir, 'vault.header')).equals(header)).toBe(true);
  });
});
