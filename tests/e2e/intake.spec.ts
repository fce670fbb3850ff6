import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Bridge } from '../bridge/server';
import { createVaultViaUi, expect, screenshot, test } from './fixtures';

/*
 * Intake (issue 14): the language of each imported file read from its text and chosen from a list, a type
 * suggested from the title that the lawyer confirms (never set silently), and one edit for several documents.
 * In English and in Russian.
 */

const TEXTS: Record<string, string> = {
  'Постановление об отказе.txt':
    'Следователь рассмотрел материалы проверки и установил, что в действиях сотрудников милиции не было состава преступления, и постановил отказать в возбуждении уголовного дела.',
  'Жалоба на бездействие.txt':
    'Прошу признать незаконным бездействие прокурора, который не провёл проверку по заявлению о пытках и не дал ответа в установленный законом срок.',
  'Арыз.txt':
    'Мен бул арызды прокуратурага жана сотко берип жатам, анткени милиция кызматкерлери тарабынан мага карата күч колдонулду жана медициналык жардам көрсөтүлгөн жок.',
  'Notes from the visit.txt': 'The client was visited in the detention centre on the morning of the third day, and he said that the officers had beaten him during the night.',
};

async function seed(bridge: Bridge, title: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-intake-'));
  const kase = bridge.services.caseWork.cases.create({ title });
  const paths = Object.entries(TEXTS).map(([name, text]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  });
  const { documents } = await bridge.services.documents.import({ caseId: kase.id, paths });
  await bridge.services.documents.scheduleExtraction();
  const byTitle = (t: string) => bridge.services.documents.get(documents.find((d) => d.title === t)!.id);
  return { kase, byTitle };
}

async function toRussian(page: Page) {
  await page.locator('nav button[data-area="settings"]').click();
  await page.getByTestId('settings-language').getByRole('combobox').selectOption('ru');
  await expect(page.locator('nav button[data-area="settings"]')).toHaveText('Настройки');
}

const row = (page: Page, title: string) => page.getByTestId('document-row').filter({ has: page.getByRole('rowheader', { name: new RegExp(title) }) });

test('intake: each file’s language read from its text, a type suggested and confirmed, a bulk edit of type, date, language and tags', async ({ app: page, bridge }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await createVaultViaUi(page);
  const { byTitle } = await seed(bridge, 'Intake case');
  await page.reload();
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByText('Intake case').first().click();
  await page.getByRole('tab', { name: 'Documents' }).click();

  // Languages, read from the text: named, not coded.
  await expect(row(page, 'Постановление об отказе')).toContainText('Russian');
  await expect(row(page, 'Арыз')).toContainText('Kyrgyz');
  await expect(row(page, 'Notes from the visit')).toContainText('English');

  // Types suggested from the titles; only the one confirmed is set.
  await expect(row(page, 'Постановление об отказе')).toContainText('Other');
  await expect(row(page, 'Жалоба на бездействие').getByTestId('type-suggestion')).toHaveText('Set type: Complaint?');
  await expect(row(page, 'Notes from the visit').getByTestId('type-suggestion')).toHaveCount(0);
  await screenshot(page, 'intake-01-suggestions');
  await row(page, 'Постановление об отказе').getByRole('button', { name: 'Set type: Decision or ruling?' }).click();
  await expect(row(page, 'Постановление об отказе')).toContainText('Decision or ruling');
  await expect(row(page, 'Постановление об отказе').getByTestId('type-suggestion')).toHaveCount(0);
  expect(byTitle('Постановление об отказе').type).toBe('decision');
  expect(byTitle('Жалоба на бездействие').type).toBe('other');

  // Bulk edit: two documents ticked, one edit.
  await page.getByRole('checkbox', { name: 'Select “Жалоба на бездействие”' }).check();
  await page.getByRole('checkbox', { name: 'Select “Notes from the visit”' }).check();
  const bulk = page.getByTestId('bulk-edit');
  await expect(bulk).toContainText('2 documents selected');
  await bulk.getByLabel('Type').selectOption({ label: 'Witness statement' });
  await bulk.getByLabel('Document date').fill('20.02.2024');
  await bulk.getByLabel('Language').selectOption({ label: 'Uzbek' });
  await bulk.getByLabel('Add tags').fill('prosecutor, 2024');
  await screenshot(page, 'intake-02-bulk-edit');
  await bulk.getByRole('button', { name: 'Apply to 2 documents' }).click();
  await expect(page.getByText('2 documents changed.')).toBeVisible();
  await expect(page.getByTestId('bulk-edit')).toHaveCount(0);
  for (const title of ['Жалоба на бездействие', 'Notes from the visit']) {
    await expect(row(page, title)).toContainText('Witness statement');
    await expect(row(page, title)).toContainText('Uzbek');
    const d = byTitle(title);
    expect([d.type, d.language, d.date, d.tags]).toEqual(['witness-statement', 'uz', { precision: 'day', date: '2024-02-20' }, ['prosecutor', '2024']]);
  }
  // Untouched by the bulk edit.
  expect(byTitle('Арыз').language).toBe('ky');

  // The edit form: the language is chosen from the list.
  await page.getByRole('button', { name: 'Open Арыз' }).click();
  await page.getByRole('button', { name: 'Edit details' }).click();
  const language = page.getByLabel('Language');
  await expect(language).toHaveValue('ky');
  await expect(language.locator('option')).toContainText(['Not set', 'Russian', 'Kyrgyz', 'Uzbek', 'English']);
  await language.selectOption({ label: 'English' });
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('.document-facts')).toContainText('English');
  expect(byTitle('Арыз').language).toBe('en');
});

test('in Russian: языки по-русски, «Указать тип», массовое изменение', async ({ app: page, bridge }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await createVaultViaUi(page);
  const { byTitle } = await seed(bridge, 'Дело о приёме документов');
  await page.reload();
  await toRussian(page);
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByText('Дело о приёме документов').first().click();
  await page.getByRole('tab', { name: 'Документы' }).click();

  await expect(row(page, 'Постановление об отказе')).toContainText('русский');
  await expect(row(page, 'Арыз')).toContainText('кыргызский');
  await expect(row(page, 'Notes from the visit')).toContainText('английский');
  await row(page, 'Жалоба на бездействие').getByRole('button', { name: 'Указать тип: Жалоба?' }).click();
  await expect(row(page, 'Жалоба на бездействие')).toContainText('Жалоба');
  await expect(row(page, 'Жалоба на бездействие').getByTestId('type-suggestion')).toHaveCount(0);
  expect(byTitle('Жалоба на бездействие').type).toBe('complaint');
  expect(byTitle('Постановление об отказе').type).toBe('other');

  await page.getByRole('checkbox', { name: 'Выбрать все документы' }).check();
  const bulk = page.getByTestId('bulk-edit');
  await expect(bulk).toContainText('Выбрано 4 документа');
  await bulk.getByLabel('Добавить метки').fill('приём');
  await screenshot(page, 'intake-03-bulk-ru');
  await bulk.getByRole('button', { name: 'Применить к 4 документам' }).click();
  await expect(page.getByText('Изменено 4 документа.')).toBeVisible();
  for (const title of Object.keys(TEXTS).map((n) => n.replace(/\.txt$/, ''))) expect(byTitle(title).tags).toEqual(['приём']);
  // Only tags were given: each document keeps its own type and language.
  expect(byTitle('Жалоба на бездействие').type).toBe('complaint');
  expect(byTitle('Арыз').language).toBe('ky');

  await page.getByRole('button', { name: 'Открыть Постановление об отказе' }).click();
  await expect(page.getByTestId('type-suggestion')).toHaveText('Указать тип: Решение или постановление?');
  await page.getByTestId('type-suggestion').getByRole('button').click();
  await expect(page.locator('.document-facts')).toContainText('Решение или постановление');
  await expect(page.getByTestId('custody')).toContainText('Сведения изменены');
});
