import { expect, PASS, screenshot, test } from './fixtures';
import { startBridge } from '../bridge/server';

test('the language switcher changes the UI; Kyrgyz is not offered until its translation is complete; dates follow the UI language', async ({ page }) => {
  // A fixed creation time: midday in Bishkek, so the date is the same in every time zone the test might use.
  const bridge = await startBridge({ now: () => new Date('2026-03-15T06:00:00Z') });
  try {
    await page.goto(bridge.url);
    await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();

    await page.getByLabel('Language').selectOption('ru');
    await expect(page.getByRole('heading', { name: 'Создание хранилища' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');

    // No reviewed Kyrgyz strings yet: a "Кыргызча" choice that shows Russian would mislead, so it is not offered.
    await expect(page.getByLabel('Язык').locator('option')).toHaveText(['English', 'Русский']);
    await page.getByLabel('Парольная фраза', { exact: true }).fill(PASS);
    await page.getByLabel('Повторите парольную фразу').fill(PASS);
    await expect(page.getByTestId('strength')).toHaveAttribute('data-score', /[34]/);
    await screenshot(page, '06-create-ru');
    await page.getByRole('button', { name: 'Создать хранилище' }).click();
    await page.getByLabel('Я записал(а) ключ восстановления и надёжно его храню').check();
    await page.getByRole('button', { name: 'Перейти в Sakta' }).click();
    await expect(page.getByRole('heading', { name: 'Дела' })).toBeVisible();
    await expect(page.getByText('Дел пока нет')).toBeVisible();

    await page.getByRole('button', { name: 'Настройки' }).click();
    await expect(page.getByTestId('vault-info')).toContainText('15 марта 2026');
    await screenshot(page, '07-settings-ru');
  } finally {
    await bridge.close();
  }
});
