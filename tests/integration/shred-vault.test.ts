import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { listFiles } from '../../electron/services/backup/files';
import { shredVault } from '../../electron/services/shred/shred-vault';
import { createAppServices } from '../../electron/composition/app-services';
import { isSaktaError } from '../../shared/errors';
import { tmpDir } from '../helpers/tmp';
import { newVault, PASS } from '../helpers/vault';
import { SAMPLES } from '../helpers/samples';
import { dispatcherFor } from '../helpers/ipc';

async function code(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
    return 'ok';
  } catch (e) {
    if (isSaktaError(e)) return e.code;
    throw e;
  }
}

describe('emergency erase', () => {
  it('through the IPC channel: needs the typed confirmation, locks, and leaves no file of the vault', async () => {
    const v = await newVault();
    const c = v.services.caseWork.cases.create({ title: 'To be erased' });
    await v.services.documents.import({ caseId: c.id, paths: [path.join(SAMPLES, 'injury-photo-1.png')] });
    const dispatch = dispatcherFor(v.services, { allowedOrigins: ['app://sakta'] });
    const caller = { origin: 'app://sakta', isMainFrame: true };
    const refused = await dispatch('protection.erase', { confirm: 'erase' }, caller);
    expect(refused.ok).toBe(false);
    expect(fs.existsSync(path.join(v.dir, 'vault.header'))).toBe(true);

    const r = await dispatch('protection.erase', { confirm: 'ERASE' }, caller);
    expect(r).toMatchObject({ ok: true, value: { erased: true } });
    expect(v.vault.status()).toEqual({ exists: false, unlocked: false });
    expect(fs.existsSync(v.dir)).toBe(false);

    const again = createAppServices({ vaultDir: v.dir, crypto: createNativeCrypto(), allowTestKdf: true });
    expect(await code(again.vault.unlock(PASS))).toBe('VAULT_NOT_FOUND');
    expect(await code(again.vault.recover(v.recoveryKey, 'new passphrase'))).toBe('VAULT_NOT_FOUND');
  });

  it('destroys the header first: an erase cut short after step 1 already makes every key useless', async () => {
    const v = await newVault();
    v.vault.lock();
    const header = fs.readFileSync(path.join(v.dir, 'vault.header'));
    // Simulate the first step alone by keeping a copy of the database and blobs before erasing.
    const keep = tmpDir();
    fs.cpSync(v.dir, keep, { recursive: true });
    fs.rmSync(path.join(keep, 'vault.header'));
    const removed: string[] = [];
    const real = fs.rmSync;
    const watch = vi.spyOn(fs, 'rmSync').mockImplementation((p, o) => {
      removed.push(path.relative(v.dir, String(p)));
      real(p, o);
    });
    const res = shredVault(v.dir);
    watch.mockRestore();
    expect(removed[0]).toBe('vault.header');
    expect(removed.indexOf('vault.db')).toBeGreaterThan(0);
    expect(res.folderRemoved).toBe(true);
    expect(res.bytesOverwritten).toBeGreaterThan(header.length);
    // Without the header, the remaining files are not a vault: nothing opens them.
    const s = createAppServices({ vaultDir: keep, crypto: createNativeCrypto(), allowTestKdf: true });
    expect(await code(s.vault.unlock(PASS))).toBe('VAULT_NOT_FOUND');
  });

  it('refuses a folder that is not a vault, and keeps files that are not Sakta’s', async () => {
    const notVault = tmpDir();
    fs.writeFileSync(path.join(notVault, 'thesis.docx'), 'mine');
    expect(await code(() => shredVault(notVault))).toBe('VAULT_NOT_FOUND');
    expect(fs.readFileSync(path.join(notVault, 'thesis.docx'), 'utf8')).toBe('mine');

    const v = await newVault();
    v.vault.lock();
    fs.writeFileSync(path.join(v.dir, 'notes-of-my-own.txt'), 'mine');
    const r = shredVault(v.dir);
    expect(r.folderRemoved).toBe(false);
    expect(listFiles(v.dir)).toEqual(['notes-of-my-own.txt']);
  });
});
