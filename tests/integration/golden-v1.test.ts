import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
