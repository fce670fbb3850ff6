import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADER_FILE_BYTES, parseHeader } from '../../electron/vault/header';
import { runCli } from '../helpers/cli';
import { GOLDEN, goldenCopy } from '../helpers/golden';
import { tmpDir } from '../helpers/tmp';

describe('golden format-1 vault', () => {
  it('opens with its passphrase, verifies, and gives back its case and document', async () => {
    const dir = goldenCopy();
    const env = { SAKTA_PASSPHRASE: GOLDEN.passphrase };
    const verify = await runCli(['verify', '--vault', dir], { env });
    expect(verify.code, verify.stderr).toBe(0);
    const list = await runCli(['case', 'list', '--vault', dir], { env });
    expect(list.stdout).toContain(GOLDEN.caseTitle);
    const out = path.join(tmpDir(), 'out.txt');
    const exp = await runCli(['export-doc', '--vault', dir, '--doc', GOLDEN.documentId, '--out', out], { env });
    expect(exp.code, exp.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(GOLDEN.documentText);
  });

  it('opens with its recovery key', async () => {
    const dir = goldenCopy();
    const next = 'новый пароль после восстановления 7';
    const r = await runCli(['recover', '--vault', dir], { env: { SAKTA_RECOVERY_KEY: GOLDEN.recoveryKey, SAKTA_NEW_PASSPHRASE: next } });
    expect(r.code, r.stderr).toBe(0);
    expect((await runCli(['unlock-check', '--vault', dir], { env: { SAKTA_PASSPHRASE: next } })).code).toBe(0);
  });
});

describe('golden format-1 vault: migration to format 2', () => {
  it('the first unlock migrates it in place: two header areas, no format-1 text left, same data, both secrets still open it', async () => {
    const dir = goldenCopy();
    const file = path.join(dir, 'vault.header');
    expect(fs.readFileSync(file).toString('latin1').startsWith('SAKTA-VAULT-HEADER 1\n')).toBe(true);
    const env = { SAKTA_PASSPHRASE: GOLDEN.passphrase };
    const info = await runCli(['info', '--vault', dir, '--json'], { env });
    expect(info.code, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ formatVersion: 2, vaultId: GOLDEN.vaultId });
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBe(HEADER_FILE_BYTES);
    expect(bytes.includes('SAKTA-VAULT-HEADER 1')).toBe(false);
    expect(parseHeader(bytes)).toMatchObject({ formatVersion: 2, generation: 1 });
    expect((await runCli(['verify', '--vault', dir], { env })).code).toBe(0);
    // The format-1 recovery key was carried over and still opens it (recover then rotates the keys).
    const next = 'после миграции новая длинная фраза';
    const r = await runCli(['recover', '--vault', dir], { env: { SAKTA_RECOVERY_KEY: GOLDEN.recoveryKey, SAKTA_NEW_PASSPHRASE: next } });
    expect(r.code, r.stderr).toBe(0);
    const list = await runCli(['case', 'list', '--vault', dir], { env: { SAKTA_PASSPHRASE: next } });
    expect(list.stdout).toContain(GOLDEN.caseTitle);
    // The same recovery key, now sealed to an X25519 key, keeps working after further rotations.
    expect((await runCli(['rotate-keys', '--vault', dir], { env: { SAKTA_PASSPHRASE: next } })).code).toBe(0);
    const again = await runCli(['recover', '--vault', dir], { env: { SAKTA_RECOVERY_KEY: GOLDEN.recoveryKey, SAKTA_NEW_PASSPHRASE: GOLDEN.passphrase + ' и ещё' } });
    expect(again.code, again.stderr).toBe(0);
  });

  it('passwd on a format-1 vault replaces its format-1 recovery key with a new one, shown once; the old one is refused', async () => {
    const dir = goldenCopy();
    const next = 'новая фраза для старого хранилища';
    const r = await runCli(['passwd', '--vault', dir, '--json'], { env: { SAKTA_PASSPHRASE: GOLDEN.passphrase, SAKTA_NEW_PASSPHRASE: next } });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { recoveryKey: string; recoveryKeyReplaced: string };
    expect(out.recoveryKeyReplaced).toBe('format-1');
    const old = await runCli(['recover', '--vault', dir], { env: { SAKTA_RECOVERY_KEY: GOLDEN.recoveryKey, SAKTA_NEW_PASSPHRASE: 'что угодно длинное и новое' } });
    expect(old.code).toBe(3);
    const fresh = await runCli(['recover', '--vault', dir], { env: { SAKTA_RECOVERY_KEY: out.recoveryKey, SAKTA_NEW_PASSPHRASE: 'что угодно длинное и новое' } });
    expect(fresh.code, fresh.stderr).toBe(0);
  });

  it('outside the test suite its fast test KDF parameters are below the floor: refused as damaged (exit 4)', async () => {
    const dir = goldenCopy();
    const r = await runCli(['unlock-check', '--vault', dir], { env: { SAKTA_PASSPHRASE: GOLDEN.passphrase, SAKTA_TEST_FAST_KDF: '0' } });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/below the standard floor/);
  });
});
