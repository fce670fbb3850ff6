import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { VaultService } from '../../electron/services/vault-service';
import { readHeader } from '../../electron/vault/header';
import { newVault, PASS } from '../helpers/vault';

describe('VaultService', () => {
  it('creates a vault that a fresh service unlocks with the passphrase and refuses a wrong one', async () => {
    const { dir, vault } = await newVault();
    expect(vault.status()).toEqual({ exists: true, unlocked: true });
    vault.lock();
    expect(vault.status().unlocked).toBe(false);
    const again = new VaultService({ dir, crypto: createNativeCrypto(), allowTestKdf: true });
    await expect(again.unlock('wrong passphrase')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const info = await again.unlock(PASS);
    expect(info.formatVersion).toBe(2);
    expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
  });

  it('refuses to work while locked', async () => {
    const { vault } = await newVault();
    vault.lock();
    expect(() => vault.current()).toThrowError(expect.objectContaining({ code: 'VAULT_LOCKED' }));
  });

  it('changes the passphrase (and the master key): the old one fails, the new one opens the same data', async () => {
    const { dir, vault } = await newVault();
    const s = vault.current();
    s.db.prepare(`INSERT INTO meta (key, value) VALUES ('probe', 'kept')`).run();
    vault.lock();
    await vault.changePassphrase(PASS, 'a brand new passphrase');
    await expect(vault.unlock(PASS)).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await vault.unlock('a brand new passphrase');
    expect(vault.current().db.prepare(`SELECT value FROM meta WHERE key = 'probe'`).get()).toEqual({ value: 'kept' });
    expect(fs.existsSync(path.join(dir, 'vault.header.next'))).toBe(false);
  });

  it('recovers with the recovery key (typed in lower case, with spaces) and sets a new passphrase', async () => {
    const { vault, recoveryKey } = await newVault();
    expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}$/);
    vault.lock();
    await vault.recover(recoveryKey.toLowerCase().replace(/-/g, ' '), 'after recovery');
    vault.lock();
    await expect(vault.unlock(PASS)).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await vault.unlock('after recovery');
  });

  it('tells a mistyped recovery key from a wrong one', async () => {
    const { vault, recoveryKey } = await newVault();
    const other = await newVault();
    vault.lock();
    const typo = (recoveryKey[0] === 'A' ? 'B' : 'A') + recoveryKey.slice(1);
    await expect(vault.recover(typo, 'x')).rejects.toMatchObject({ code: 'RECOVERY_KEY_MALFORMED' });
    await expect(vault.recover(other.recoveryKey, 'x')).rejects.toMatchObject({ code: 'WRONG_RECOVERY_KEY' });
  });

  it('re-wraps under the high-risk profile and records it in the header', async () => {
    const { dir, vault } = await newVault({ realKdf: true });
    const info = await vault.setKdfProfile(PASS, 'high-risk');
    expect(info.kdf).toMatchObject({ opslimit: 4, memlimit: 1024 * 1024 * 1024, profile: 'high-risk' });
    const slot = readHeader(path.join(dir, 'vault.header')).slots.find((s) => s.kind === 'passphrase')!;
    expect(slot.kdf).toMatchObject({ opslimit: 4, memlimit: 1024 ** 3 });
  });

  it('refuses a header of a newer format version with a clear message', async () => {
    const { dir, vault } = await newVault();
    vault.lock();
    const file = path.join(dir, 'vault.header');
    const bytes = fs.readFileSync(file);
    bytes.write('3', 'SAKTA-VAULT-HEADER '.length, 'latin1');
    fs.writeFileSync(file, bytes);
    await expect(vault.unlock(PASS)).rejects.toMatchObject({ code: 'FORMAT_TOO_NEW', message: expect.stringMatching(/newer version/) });
  });

  it('does not create a vault in a folder that holds other files', async () => {
    const { dir } = await newVault();
    const v = new VaultService({ dir: path.dirname(dir), crypto: createNativeCrypto(), allowTestKdf: true });
    await expect(v.create(PASS)).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
  });
});
