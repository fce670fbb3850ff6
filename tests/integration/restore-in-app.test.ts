import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices } from '../../electron/composition/app-services';
import { tmpDir } from '../helpers/tmp';
import { newVault, PASS } from '../helpers/vault';

/**
 * Restoring from the app, as a lawyer would after a seized laptop or a damaged vault: the backup goes into the
 * app's own vault folder and opens; a vault already there is moved aside only when she confirmed it, and put
 * back when the restore fails.
 */
async function backedUpVault() {
  const v = await newVault();
  const c = v.services.caseWork.cases.create({ title: 'Дело Турсунова — пытки в РОВД' });
  const usb = tmpDir();
  await v.services.backup.run({ to: usb });
  v.vault.lock('user');
  return { ...v, caseId: c.id, usb };
}

const appOn = (dir: string) => createAppServices({ vaultDir: dir, crypto: createNativeCrypto(), allowTestKdf: true });
const titles = (s: ReturnType<typeof appOn>) => s.caseWork.cases.list({}).items.map((c) => c.title);

describe('restore a backup from the app', () => {
  it('on a new laptop: the backup becomes the app vault, opened with its passphrase', async () => {
    const old = await backedUpVault();
    const fresh = path.join(tmpDir(), 'vault');
    const app = appOn(fresh);
    expect(app.vault.status()).toEqual({ exists: false, unlocked: false });
    const r = await app.restore.restore({ from: old.usb, passphrase: PASS, replaceExisting: false });
    expect(r).toMatchObject({ movedAside: null, warnings: [] });
    expect(r.snapshot).toMatch(/\d/);
    expect(app.vault.status()).toEqual({ exists: true, unlocked: true });
    expect(titles(app)).toEqual(['Дело Турсунова — пытки в РОВД']);
  });

  it('over an existing vault: refused without consent; with it, the old vault is kept aside, encrypted', async () => {
    const old = await backedUpVault();
    // The laptop's current vault holds a case made after the backup.
    const here = await newVault();
    here.services.caseWork.cases.create({ title: 'Made after the backup' });
    const before = fs.readdirSync(here.dir).sort();

    await expect(here.services.restore.restore({ from: old.usb, passphrase: PASS, replaceExisting: false })).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
    expect(fs.readdirSync(here.dir).sort()).toEqual(before);
    expect(here.vault.status().unlocked).toBe(true);

    const r = await here.services.restore.restore({ from: old.usb, passphrase: PASS, replaceExisting: true });
    expect(r.movedAside).toMatch(/^vault\.before-restore-/);
    expect(titles(here.services)).toEqual(['Дело Турсунова — пытки в РОВД']);
    // Nothing lost: the vault that was here is beside it, whole, and still opens with its own passphrase.
    const aside = path.join(path.dirname(here.dir), r.movedAside!);
    const keptApp = appOn(aside);
    await keptApp.vault.unlock(PASS);
    expect(titles(keptApp).sort()).toEqual(['Made after the backup']);
  });

  it('a wrong passphrase or a damaged backup restores nothing and puts the vault that was here back', async () => {
    const old = await backedUpVault();
    const here = await newVault();
    here.services.caseWork.cases.create({ title: 'Still here' });
    here.vault.lock('user');
    const parent = path.dirname(here.dir);
    const listing = () => fs.readdirSync(parent).sort();
    const before = listing();

    await expect(here.services.restore.restore({ from: old.usb, passphrase: 'not the passphrase of that vault', replaceExisting: true })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    expect(listing()).toEqual(before);

    // Every snapshot's database altered: no snapshot verifies, and the restore says so.
    for (const snap of fs.readdirSync(path.join(old.usb, fs.readdirSync(old.usb)[0]!, 'snapshots'))) {
      const db = path.join(old.usb, fs.readdirSync(old.usb)[0]!, 'snapshots', snap, 'vault.db');
      if (fs.existsSync(db)) fs.appendFileSync(db, 'x');
    }
    const damaged = await here.services.restore.restore({ from: old.usb, passphrase: PASS, replaceExisting: true }).catch((e: unknown) => e);
    expect(damaged).toMatchObject({ code: expect.stringMatching(/INTEGRITY|NOT_FOUND/) });
    expect(listing()).toEqual(before);
    await here.vault.unlock(PASS);
    expect(titles(here.services)).toEqual(['Still here']);
  });
});
