import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createVaultViaUi, expect, PASS, screenshot, test } from './fixtures';

/** Strings only this test's case holds, so finding any of them in the page means case data survived. */
const CASE = {
  title: 'Idle-lock probe Zhyldyz Osmonalieva v. Chui district police',
  summary: 'Beaten at the Sokuluk station on 14 March; marks photographed by the forensic expert.',
  person: 'Nurbek Tashtanbekovich Idleprobe',
  note: 'Witness at the station saw the duty officer with the baton — idle-lock note probe.',
};

test('after the idle time the app locks by itself, keeps no case data in the page, and unlocking returns to the case', async ({ app: page, bridge, pageErrors }) => {
  await createVaultViaUi(page);
  const { cases, persons, notes } = bridge.services.caseWork;
  const created = cases.create({ title: CASE.title, summary: CASE.summary });
  const person = persons.create({ name: CASE.person });
  persons.addRole({ caseId: created.id, personId: person.id, role: 'victim' });
  notes.create({ caseId: created.id, body: CASE.note });
  // Made behind the page's back: a reload lets the (still unlocked) app load them.
  await page.reload();

  await page.locator('nav').getByRole('button', { name: 'Cases' }).click();
  await page.getByText(CASE.title).first().click();
  await expect(page.getByRole('heading', { name: CASE.title })).toBeVisible();
  const before = await page.evaluate(() => document.documentElement.outerHTML);
  expect(before).toContain(CASE.title);
  const caseRoute = await page.locator('main.page').getAttribute('data-area');

  // The test-only override (seconds) is refused unless SAKTA_TEST_FAST_KDF=1, which the Playwright config sets.
  await bridge.services.settings.update({ autoLockTestSeconds: 2 });

  // Nobody touches the page: the bridge's idle policy (the same LockPolicy as Electron's) locks the vault.
  await expect(page.getByRole('heading', { name: 'Unlock Sakta' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Sakta locked itself after a period of inactivity.')).toBeVisible();
  expect(bridge.services.vault.status().unlocked).toBe(false);

  const after = await page.evaluate(() => document.documentElement.outerHTML);
  for (const s of Object.values(CASE)) expect(after).not.toContain(s);
  // Nothing was parked in browser storage either.
  const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
  expect(stored).toEqual({ local: 0, session: 0 });

  await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('heading', { name: CASE.title })).toBeVisible();
  expect(await page.locator('main.page').getAttribute('data-area')).toBe(caseRoute);
  expect(pageErrors).toEqual([]);
});

test('settings: auto-lock and shortcut are validated, a backup runs and verifies, the reminder goes away', async ({ app: page, bridge, pageErrors }) => {
  const backupTo = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-e2e-backup-'));
  try {
    await createVaultViaUi(page);
    // A fresh vault has never been backed up: the shell says so on every page.
    await expect(page.getByTestId('backup-reminder')).toContainText('never been backed up');

    await page.locator('nav').getByRole('button', { name: 'Settings' }).click();
    await page.locator('[data-settings-section="security"]').click();
    const locking = page.getByTestId('locking-form');
    const minutes = locking.getByLabel('Lock after this many idle minutes');
    await expect(minutes).toHaveValue('5');
    await minutes.fill('0');
    // The shortcut is recorded by pressing it; a key alone is refused with a hint, and nothing is saved.
    const shortcut = locking.getByLabel('Panic shortcut');
    await expect(shortcut).toHaveValue('Ctrl+Alt+L');
    await shortcut.click();
    await page.keyboard.press('l');
    await expect(locking.getByText('Hold Ctrl, Alt or Shift while pressing the key.')).toBeVisible();
    await expect(shortcut).toHaveValue('Ctrl+Alt+L');
    await locking.getByRole('button', { name: 'Save' }).click();
    await expect(locking.getByText('At least 1 minute')).toBeVisible();
    expect(bridge.services.settings.get().autoLockMinutes).toBe(5);

    await minutes.fill('12');
    await shortcut.click();
    await page.keyboard.press('Control+Shift+F12');
    await expect(shortcut).toHaveValue('Ctrl+Shift+F12');
    await locking.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('locking-form-message')).toHaveText('Saved.');
    expect(bridge.services.settings.get()).toMatchObject({ autoLockMinutes: 12, panicShortcut: 'CommandOrControl+Shift+F12' });

    await page.locator('[data-settings-section="backup"]').click();
    const backup = page.getByTestId('settings-backup');
    await expect(backup.getByRole('button', { name: 'Back up now' })).toBeDisabled();
    bridge.dialogs.folders.push(backupTo);
    await backup.getByRole('button', { name: 'Choose folder…' }).click();
    await expect(page.getByTestId('backup-folder')).toHaveText(backupTo);
    await expect(page.getByTestId('backup-last')).toHaveText('Never');
    await expect(backup.getByText('No backup yet. Make the first one now')).toBeVisible();
    await screenshot(page, 'protection-01-settings');

    await backup.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByTestId('backup-message')).toContainText('Backup finished');
    await expect(page.getByTestId('backup-last')).not.toHaveText('Never');
    await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
    expect(fs.readdirSync(backupTo).some((n) => n.startsWith('sakta-backup-'))).toBe(true);

    await backup.getByRole('button', { name: 'Verify backup' }).click();
    await expect(page.getByTestId('verify-report')).toContainText('1 backup checked: intact.');
    await page.getByTestId('settings-backup').scrollIntoViewIfNeeded();
    await screenshot(page, 'protection-02-backup-done');

    await page.locator('[data-settings-section="erase"]').click();
    await page.getByRole('button', { name: 'Erase this vault…' }).click();
    await page.getByLabel('Type ERASE to confirm').fill('erase');
    await expect(page.getByRole('button', { name: 'Erase the vault now' })).toBeDisabled();
    await screenshot(page, 'protection-03-erase');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(bridge.services.vault.status()).toEqual({ exists: true, unlocked: true });

    // Key strength: a wrong passphrase changes nothing and says why.
    await page.locator('[data-settings-section="security"]').click();
    const level = page.getByTestId('settings-level');
    await level.getByLabel(/^High risk/).check();
    await level.getByLabel('Your passphrase', { exact: true }).fill('not the passphrase');
    await level.getByRole('button', { name: 'Apply key strength' }).click();
    await expect(level.getByText('That passphrase does not open this vault', { exact: false })).toBeVisible();
    await expect(level.getByLabel('Your passphrase', { exact: true })).toHaveValue('');
    expect(bridge.services.settings.get().kdfProfile).toBe('test');
    expect(pageErrors).toEqual([]);
  } finally {
    fs.rmSync(backupTo, { recursive: true, force: true });
  }
});

test('emergency erase: typing ERASE destroys the vault and the app offers to create a new one', async ({ app: page, bridge }) => {
  await createVaultViaUi(page);
  await page.locator('nav').getByRole('button', { name: 'Settings' }).click();
  await page.locator('[data-settings-section="erase"]').click();
  await page.getByRole('button', { name: 'Erase this vault…' }).click();
  await page.getByLabel('Type ERASE to confirm').fill('ERASE');
  await page.getByRole('button', { name: 'Erase the vault now' }).click();
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  expect(bridge.services.vault.status()).toEqual({ exists: false, unlocked: false });
  await expect(bridge.services.vault.unlock(PASS)).rejects.toMatchObject({ code: expect.any(String) });
});

test('the travel-safety page reads as plain advice in English and Russian; the chosen language is kept in the vault', async ({ app: page, bridge }) => {
  await createVaultViaUi(page);
  await page.locator('nav').getByRole('button', { name: 'Travel safety' }).click();
  await expect(page.getByRole('heading', { name: 'Travel safety', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Before you leave' })).toBeVisible();
  await expect(page.getByText(/full-disk encryption/).first()).toBeVisible();
  await screenshot(page, 'protection-04-travel-safety');

  await page.locator('nav').getByRole('button', { name: 'Settings' }).click();
  await page.getByTestId('settings-language').getByLabel('Language of the app').selectOption('ru');
  await page.locator('nav').getByRole('button', { name: 'Безопасность в поездке' }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Travel safety');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await screenshot(page, 'protection-05-travel-safety-ru');
  expect(bridge.services.settings.get().language).toBe('ru');

  // The language is the vault's: switched to English on the lock screen, it comes back as Russian after unlock.
  await page.getByTestId('lock').click();
  await page.getByLabel('Язык').selectOption('en');
  await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Travel safety');
});
