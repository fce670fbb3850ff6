/**
 * The one search box: results grouped by kind, hits marked inside plain-text snippets, and the case,
 * type and date filters narrowing what a lawyer sees.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createVaultViaUi, expect, screenshot, test } from './fixtures';

test('search groups results by kind, marks the hits, and filters by case, type and date', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await createVaultViaUi(page);
  const s = bridge.services;
  const osh = s.caseWork.cases.create({ title: 'Дело о пытках в Оше' });
  const bishkek = s.caseWork.cases.create({ title: 'Бишкек: задержание журналиста' });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-search-e2e-'));
  try {
    const a = path.join(tmp, 'medical-osh.txt');
    const b = path.join(tmp, 'letter-bishkek.txt');
    fs.writeFileSync(a, 'Врач зафиксировал следы пыток на спине и руках задержанного.');
    fs.writeFileSync(b, 'Адвокат сообщил о пытках журналиста в изоляторе временного содержания.');
    const ra = await s.documents.import({ caseId: osh.id, paths: [a] });
    const rb = await s.documents.import({ caseId: bishkek.id, paths: [b] });
    s.documents.update(ra.documents[0]!.id, { type: 'medical-report', date: { precision: 'day', date: '2023-05-02' } });
    s.documents.update(rb.documents[0]!.id, { type: 'correspondence', date: { precision: 'day', date: '2024-02-10' } });
    await expect.poll(() => s.documents.list({ caseId: bishkek.id }).every((d) => d.textStatus === 'done'), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => s.documents.list({ caseId: osh.id }).every((d) => d.textStatus === 'done'), { timeout: 30_000 }).toBe(true);

    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const box = page.getByLabel('Search everything');
    await expect(box).toBeFocused();

    // An empty search is explained beside the box, not sent.
    await box.press('Enter');
    await expect(page.locator('#search-query-error')).toHaveText('Type something to search for');

    // «пытка» finds «пыток» and «пытках» in both cases' documents, and the case titled «пытках».
    await box.fill('пытка');
    await box.press('Enter');
    const docs = page.locator('[data-testid="search-hit"][data-kind="document"]');
    await expect(docs).toHaveCount(2);
    await expect(page.locator('section.search-group[data-kind="case"]')).toContainText('Дело о пытках в Оше');
    await expect(page.locator('section.search-group[data-kind="document"] h2')).toContainText('Documents');
    await expect(docs.locator('mark').first()).toHaveText(/пыт/i);
    await screenshot(page, 'search-01-grouped');

    // Filter by case.
    await page.getByLabel('Case', { exact: true }).selectOption(bishkek.id);
    await page.getByRole('button', { name: 'Search', exact: true }).last().click();
    await expect(docs).toHaveCount(1);
    await expect(docs.first()).toContainText('letter-bishkek');

    // Filter by type across all cases.
    await page.getByLabel('Case', { exact: true }).selectOption('');
    await page.getByLabel('Document type').selectOption('medical-report');
    await page.getByRole('button', { name: 'Search', exact: true }).last().click();
    await expect(docs).toHaveCount(1);
    await expect(docs.first()).toContainText('medical-osh');
    await expect(docs.first()).toContainText('Medical report');

    // Filter by date: only the 2024 letter.
    await page.getByLabel('Document type').selectOption('');
    await page.getByLabel('Dated from').fill('2024-01-01');
    await page.getByRole('button', { name: 'Search', exact: true }).last().click();
    await expect(docs).toHaveCount(1);
    await expect(docs.first()).toContainText('letter-bishkek');

    // Nothing found is said plainly.
    await page.getByLabel('Dated from').fill('');
    await box.fill('кукуруза');
    await box.press('Enter');
    await expect(page.getByText('Nothing found for “кукуруза”.')).toBeVisible();
    expect(pageErrors).toEqual([]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

/** Search as you type, in English and in Russian: results follow the words typed, with the count of every match. */
test('results appear as the words are typed, the newest words win, and the count of all matches is shown', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await createVaultViaUi(page);
  const cw = bridge.services.caseWork;
  const kase = cw.cases.create({ title: 'Дело Эркинбекова' });
  cw.notes.create({ caseId: kase.id, title: 'Torture complaint', body: 'He was tortured in the temporary detention centre.' });
  cw.notes.create({ caseId: kase.id, title: 'Medical record', body: 'Bruises consistent with torture, the doctor wrote.' });
  // More notes with one word than one screen shows: the count says how many there are in all.
  for (let i = 1; i <= 60; i++) cw.notes.create({ caseId: kase.id, title: `Показания ${i}`, body: `Свидетель № ${i} видел задержание у здания суда.` });

  await page.locator('nav button[data-area="search"]').click();
  const box = page.getByLabel('Search everything');
  const hits = page.locator('[data-testid="search-hit"]');
  const total = page.getByTestId('search-total');

  // No Enter: a pause in typing searches.
  await box.pressSequentially('tortur', { delay: 40 });
  await expect(hits).toHaveCount(2);
  await expect(total).toHaveText('2 results');
  await expect(hits.locator('mark').first()).toHaveText(/tortur/i);

  // Typed over quickly: the results are those of the last words, whatever answered first.
  await box.fill('');
  await expect(hits).toHaveCount(0);
  await box.pressSequentially('свидетел', { delay: 10 });
  await expect(total).toHaveText('60 results');
  await expect(hits).toHaveCount(50);
  await expect(hits.first()).toContainText('Свидетель');
  await screenshot(page, 'search-02-as-you-type');

  // A cleared box clears the results and shows no error.
  await box.fill('');
  await expect(hits).toHaveCount(0);
  await expect(total).toHaveCount(0);
  await expect(page.locator('#search-query-error')).toHaveCount(0);

  // The same in Russian.
  await page.locator('nav button[data-area="settings"]').click();
  await page.getByTestId('settings-language').getByRole('combobox').selectOption('ru');
  await page.locator('nav button[data-area="search"]').click();
  const ruBox = page.getByLabel('Искать везде');
  await ruBox.pressSequentially('задержани', { delay: 40 });
  await expect(page.getByTestId('search-total')).toHaveText('60 результатов');
  await expect(hits).toHaveCount(50);
  await ruBox.fill('');
  await ruBox.pressSequentially('torture', { delay: 40 });
  await expect(page.getByTestId('search-total')).toHaveText('2 результата');
  await expect(page.getByText('Результаты появляются по мере ввода.', { exact: false })).toBeVisible();
  await screenshot(page, 'search-03-as-you-type-ru');
  expect(pageErrors).toEqual([]);
});
