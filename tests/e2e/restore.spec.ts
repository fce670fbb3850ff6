import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBridge } from '../bridge/server';
import { createVaultViaUi, expect, PASS, screenshot, test } from './fixtures';

/**
 * Restoring a backup from the app, as a lawyer would: on a new laptop after the old one was seized (from the
 * first screen), and over the current vault from Settings (in Russian), where the vault that was there is kept.
 */

test('a new laptop: restore the backup from the first screen and work on the same case', async ({ app: page, bridge }) => {
  test.setTimeout(120_000);
  // The old laptop: a vault with a case, backed up to a USB folder.
  const old = await startBridge();
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-usb-'));
  try {
    await old.services.vault.create(PASS);
    old.services.caseWork.cases.create({ title: 'Tursunov v. Pervomaisky police' });
    await old.services.backup.run({ to: usb });
  } finally {
    await old.close();
  }

  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await page.getByRole('button', { name: 'Restore from a backup instead (a new computer)' }).click();
  await expect(page.getByRole('heading', { name: 'Restore from a backup' })).toBeVisible();
  // No folder yet: the restore says what is missing instead of doing nothing.
  await page.getByLabel('Passphrase of the backed-up vault').fill(PASS);
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByTestId('restore-error')).toHaveText('Choose the backup folder first.');

  bridge.dialogs.folders.push(usb);
  await page.getByRole('button', { name: 'Choose the backup folder…' }).click();
  await expect(page.getByTestId('restore-folder')).toHaveText(path.basename(usb));
  // A wrong passphrase restores nothing and says which passphrase is meant.
  await page.getByLabel('Passphrase of the backed-up vault').fill('not the passphrase of that vault');
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByTestId('restore-error')).toContainText('does not open this backup');
  expect(bridge.services.vault.status().exists).toBe(false);

  bridge.dialogs.folders.push(usb);
  await page.getByRole('button', { name: 'Choose the backup folder…' }).click();
  await page.getByLabel('Passphrase of the backed-up vault').fill(PASS);
  await screenshot(page, 'restore-new-laptop-en');
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByTestId('restore-done')).toContainText('was restored, checked page by page, and opened');
  await page.getByRole('button', { name: 'Open Sakta' }).click();
  await page.locator('nav button[data-area="cases"]').click();
  await expect(page.getByText('Tursunov v. Pervomaisky police')).toBeVisible();
  fs.rmSync(usb, { recursive: true, force: true });
});

test('in Russian, from Settings: the current vault is kept aside only after the lawyer confirms', async ({ app: page, bridge }) => {
  test.setTimeout(120_000);
  await createVaultViaUi(page);
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-usb-'));
  bridge.services.caseWork.cases.create({ title: 'Дело Турсунова' });
  await bridge.services.backup.run({ to: usb });
  // Made after the backup: it stays in the vault that is moved aside.
  bridge.services.caseWork.cases.create({ title: 'Дело после копии' });

  await page.locator('nav button[data-area="settings"]').click();
  await page.locator('[data-settings-section="backup"]').click();
  await page.getByRole('button', { name: 'Lock and restore from a backup…' }).click();
  await expect(page.getByRole('heading', { name: 'Restore from a backup' })).toBeVisible();
  expect(bridge.services.vault.status().unlocked).toBe(false);
  await page.getByLabel('Language').selectOption('ru');
  await expect(page.getByRole('heading', { name: 'Восстановление из резервной копии' })).toBeVisible();

  bridge.dialogs.folders.push(usb);
  await page.getByRole('button', { name: 'Выбрать папку резервной копии…' }).click();
  await page.getByLabel('Парольная фраза сохранённого хранилища').fill(PASS);
  await page.getByRole('button', { name: 'Восстановить', exact: true }).click();
  await expect(page.getByTestId('restore-error')).toHaveText('Отметьте флажок, чтобы подтвердить перенос текущего хранилища.');
  const vaultParent = path.dirname(bridge.vaultDir);
  const before = fs.readdirSync(vaultParent).sort();

  await page.getByLabel('Я понимаю: отложить текущее хранилище и восстановить копию на его место').check();
  await screenshot(page, 'restore-settings-ru');
  await page.getByRole('button', { name: 'Восстановить', exact: true }).click();
  await expect(page.getByTestId('restore-done')).toContainText('восстановлен, проверен постранично и открыт');
  await expect(page.getByTestId('restore-done')).toContainText('по-прежнему зашифрованным');
  const aside = fs.readdirSync(vaultParent).filter((n) => !before.includes(n));
  expect(aside).toEqual([expect.stringMatching(/^vault\.before-restore-/)]);
  await page.getByRole('button', { name: 'Открыть Sakta' }).click();
  await page.locator('nav button[data-area="cases"]').click();
  await expect(page.getByText('Дело Турсунова')).toBeVisible();
  await expect(page.getByText('Дело после копии')).toHaveCount(0);
  fs.rmSync(usb, { recursive: true, force: true });
});
