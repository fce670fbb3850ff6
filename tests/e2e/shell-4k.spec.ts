import { expect, screenshot, test } from './fixtures';
import { PASS } from './fixtures';

test.use({ viewport: { width: 2560, height: 1440 }, deviceScaleFactor: 1.5 });

test('the shell at 2560×1440: navigation and Lock visible, content kept to a readable width', async ({ app: page, bridge }) => {
  // Created directly through the services: this test is about the shell, not the create form.
  await bridge.services.vault.create(PASS);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();

  const lock = page.getByRole('button', { name: 'Lock', exact: true });
  await expect(lock).toBeInViewport();
  for (const name of ['Dashboard', 'Cases', 'Calendar', 'Search', 'Settings']) {
    await expect(page.getByRole('navigation').getByRole('button', { name })).toBeVisible();
  }
  await page.getByRole('navigation').getByRole('button', { name: 'Cases' }).click();
  const empty = await page.locator('.empty-state').first().boundingBox();
  expect(empty).not.toBeNull();
  // Not stretched across the whole 4K width.
  expect(empty!.width).toBeLessThan(1800);
  await screenshot(page, '05-shell-2560x1440');

  for (const name of ['Dashboard', 'Calendar', 'Search']) {
    await page.getByRole('navigation').getByRole('button', { name }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    // Each page's content keeps a readable measure on a 4K screen.
    const box = await page.locator('main.page > *').last().boundingBox();
    expect(box!.width).toBeLessThan(1800);
  }
});
