/**
 * Each test gets its own bridge (real services, real dispatcher) over its own temp vault folder,
 * and a page already opened on it. `requests` collects every URL the page asked for, so a test can
 * assert that nothing left the page's own origin.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startBridge, type Bridge } from '../bridge/server';

export const PASS = 'quiet river under Ala-Too — 2014 Бишкек';
export const SCREENS = path.resolve('test-results/screens');

interface Fixtures {
  bridge: Bridge;
  requests: string[];
  /** The page's console errors and uncaught exceptions (CSP violations show up here). */
  pageErrors: string[];
  app: Page;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  bridge: async ({}, use) => {
    const bridge = await startBridge();
    await use(bridge);
    await bridge.close();
  },
  requests: async ({ page }, use) => {
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await use(urls);
  },
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await use(errors);
  },
  app: async ({ page, bridge, requests, pageErrors }, use) => {
    void requests;
    void pageErrors;
    await page.goto(bridge.url);
    await use(page);
  },
});

export { expect };

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENS, { recursive: true });
  const file = path.join(SCREENS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Through the UI: passphrase twice, create, read the recovery key, confirm, land on the dashboard, open Cases. */
export async function createVaultViaUi(page: Page, opts: { shots?: boolean } = {}): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await page.getByLabel('Repeat the passphrase').fill(PASS);
  await expect(page.getByTestId('strength')).toHaveAttribute('data-score', /[34]/);
  if (opts.shots) await screenshot(page, '01-create-vault');
  await page.getByRole('button', { name: 'Create vault' }).click();
  const key = page.getByTestId('recovery-key');
  await expect(key).toBeVisible();
  const groups = await key.locator('.recovery-group').allTextContents();
  if (opts.shots) await screenshot(page, '02-recovery-key');
  await page.getByLabel('I have written down the recovery key and stored it safely').check();
  await page.getByRole('button', { name: 'Continue to Sakta' }).click();
  // The dashboard is the first screen; the specs then start their work from the case list.
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await page.locator('nav button[data-area="cases"]').click();
  await expect(page.getByRole('heading', { name: 'Cases' })).toBeVisible();
  return groups.join('-');
}
