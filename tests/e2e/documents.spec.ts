/**
 * Issue 4, "Done when": the sample files are imported through the UI, a Russian word found only
 * inside the complaint PDF is found by search with a snippet, the PDF renders in the viewer, and the
 * document's custody history shows the import and the view. Plus: a hostile file name and content
 * stay text everywhere, a duplicate is linked, and a decrypted copy is saved only after a warning.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createVaultViaUi, expect, PASS, screenshot, test } from './fixtures';

// The shared samples folder beside the repository (../shared/samples).
const SAMPLES = path.resolve('../shared/samples');
const SAMPLE_FILES = fs.existsSync(SAMPLES) ? fs.readdirSync(SAMPLES).filter((f) => !f.startsWith('.')).sort() : [];
const PDF = path.join(SAMPLES, 'complaint-to-prosecutor-ru.pdf');
const XSS_NAME = '<img src=x onerror=window.__xss=1>.txt';
const CASE_TITLE = 'Эркинбеков против Кара-Суйского РОВД';

async function openCaseDocuments(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByLabel('Search everything').fill('Эркинбеков');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await page.locator('[data-testid="search-hit"][data-kind="case"]').getByRole('button').first().click();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await expect(page.getByTestId('documents-tab')).toBeVisible();
}

test('import the samples, find a word inside the PDF, view it, see its chain of custody', async ({ app: page, bridge, pageErrors, requests }) => {
  test.setTimeout(120_000);
  expect(SAMPLE_FILES.length).toBeGreaterThanOrEqual(6);
  await page.setViewportSize({ width: 1280, height: 720 });
  await createVaultViaUi(page);
  bridge.services.caseWork.cases.create({ title: CASE_TITLE });

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-docs-e2e-'));
  const hostile = path.join(tmp, XSS_NAME);
  fs.writeFileSync(hostile, '<script>window.__xss=1</script> протокол задержания');

  try {
    await openCaseDocuments(page);
    await expect(page.getByText('No documents in this case yet')).toBeVisible();

    // The OS dialog answers with every sample plus the hostile file.
    bridge.dialogs.files.push([...SAMPLE_FILES.map((f) => path.join(SAMPLES, f)), hostile]);
    await page.getByRole('button', { name: 'Import files…' }).click();
    await expect(page.getByTestId('import-result')).toContainText(`${SAMPLE_FILES.length + 1} documents imported.`);
    const rows = page.getByTestId('document-row');
    await expect(rows).toHaveCount(SAMPLE_FILES.length + 1);
    // The hostile name is listed as plain text.
    await expect(page.getByTestId('documents-table')).toContainText(XSS_NAME);
    // Background extraction finishes and the list says so without a reload.
    await expect(rows.filter({ hasText: 'complaint-to-prosecutor-ru' })).toContainText('Searchable', { timeout: 60_000 });
    // The photo's text came from OCR, and the list says so quietly; the PDF's text layer is not marked.
    await expect(rows.filter({ hasText: 'injury-photo-1' }).getByTestId('text-ocr')).toHaveText('recognised (OCR)', { timeout: 60_000 });
    await expect(rows.filter({ hasText: 'complaint-to-prosecutor-ru' }).getByTestId('text-ocr')).toHaveCount(0);
    await screenshot(page, 'docs-01-documents-tab');

    // The same bytes again: linked, not stored twice.
    bridge.dialogs.files.push([PDF]);
    await page.getByRole('button', { name: 'Import files…' }).click();
    await expect(page.getByTestId('import-duplicate')).toContainText('already in the vault — linked');
    await expect(rows).toHaveCount(SAMPLE_FILES.length + 2);

    // A word that occurs only inside the complaint PDF's text layer.
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const box = page.getByLabel('Search everything');
    await box.fill('полиэтиленовый');
    await box.press('Enter');
    const docHits = page.locator('[data-testid="search-hit"][data-kind="document"]');
    await expect(docHits.first()).toBeVisible();
    await expect(docHits.first()).toContainText('complaint-to-prosecutor-ru');
    await expect(docHits.first().locator('mark').first()).toHaveText(/полиэтиленов/i);
    await screenshot(page, 'docs-02-search-pdf-word');

    // Open the PDF from the hit: the isolated viewer frame draws it on a canvas.
    await docHits.first().getByRole('button').first().click();
    await expect(page.getByTestId('pdf-view')).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
    const canvas = page.frameLocator('iframe.pdf-frame').locator('.page canvas').first();
    const box2 = await canvas.boundingBox();
    expect(box2?.width ?? 0).toBeGreaterThan(300);
    // The canvas holds drawn text, not a blank page: some pixels are dark.
    const dark = await canvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! < 100 && d[i + 1]! < 100 && d[i + 2]! < 100) n++;
      return n;
    });
    expect(dark).toBeGreaterThan(1000);
    await expect(page.getByTestId('document-page').locator('.document-facts')).toContainText('From the file');

    // Custody: the import and this view.
    const custody = page.getByTestId('custody');
    await expect(custody.locator('[data-action="document.import"]')).toHaveCount(1);
    await expect(custody.locator('[data-action="document.view"]')).toHaveCount(1);
    await expect(custody).toContainText('Imported');
    await expect(custody).toContainText('Viewed');
    await screenshot(page, 'docs-03-pdf-viewer-custody');

    // The hostile file shows up in search snippets as text, and its content opens as text.
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await box.fill('script');
    // The title is derived from the file name (extension dropped, underscores to spaces).
    const xssHit = page.locator('[data-testid="search-hit"][data-kind="document"]').filter({ hasText: '<img src=x onerror=window.' });
    // Its text is read in the background, after the photo's OCR: search again until it is indexed, as a user would.
    await expect(async () => {
      await box.press('Enter');
      await expect(xssHit).toHaveCount(1, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await expect(xssHit.getByTestId('search-snippet')).toContainText('<script>');
    await screenshot(page, 'docs-04-search-hostile-as-text');
    await xssHit.getByRole('button').first().click();
    await expect(page.getByTestId('text-view')).toHaveText(/<script>window\.__xss=1<\/script>/);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    // Only the app's origin and the PDF frame's (another origin on purpose) were ever asked for anything.
    expect(requests.filter((u) => !u.startsWith(bridge.origin + '/') && !u.startsWith(bridge.frameOrigin + '/'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('metadata edit, a decrypted copy only after the warning, trash and restore', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await createVaultViaUi(page);
  bridge.services.caseWork.cases.create({ title: CASE_TITLE });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-docs-e2e-'));
  try {
    await openCaseDocuments(page);
    bridge.dialogs.files.push([PDF]);
    await page.getByRole('button', { name: 'Import files…' }).click();
    await expect(page.getByTestId('document-row')).toHaveCount(1);
    // Its text read in the background: the language comes from it (Russian), recorded in custody.
    await bridge.services.documents.scheduleExtraction();
    await page.getByRole('button', { name: /^Open complaint-to-prosecutor-ru/ }).click();
    await expect(page.getByTestId('document-page')).toBeVisible();
    await expect(page.locator('.document-facts')).toContainText('Russian');

    // Edit: a bad date is caught beside its field; a good edit saves and is in custody.
    await page.getByRole('button', { name: 'Edit details' }).click();
    await expect(page.getByLabel('Language')).toHaveValue('ru');
    await page.getByLabel('Title').fill('Заявление прокурору о пытках');
    await page.getByLabel('Type').selectOption('complaint');
    await page.getByLabel('Document date').fill('31.02.2024');
    await page.getByLabel('Language').selectOption({ label: 'Kyrgyz' });
    await page.getByLabel('Exhibit number').fill('A-1');
    await page.getByLabel('Tags').fill('пытки, ИВС');
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect(page.locator('#doc-date-error')).toBeVisible();
    await page.getByLabel('Document date').fill('18.03.2024');
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect(page.getByRole('heading', { name: 'Заявление прокурору о пытках' })).toBeVisible();
    await expect(page.locator('.document-facts')).toContainText('A-1');
    await expect(page.locator('.document-facts')).toContainText('18 March 2024');
    await expect(page.locator('.document-facts')).toContainText('Kyrgyz');
    // The language read from the text, then the lawyer's edit.
    await expect(page.getByTestId('custody').locator('[data-action="document.update"]')).toHaveCount(2);
    await screenshot(page, 'docs-05-details-edited');

    // Export: declining the warning writes nothing.
    const out = path.join(tmp, 'copy.pdf');
    bridge.dialogs.saves.push(out);
    await page.getByRole('button', { name: 'Save a decrypted copy…' }).click();
    await expect(page.getByTestId('export-confirm')).toContainText('will NOT be encrypted');
    await screenshot(page, 'docs-06-export-warning');
    await page.getByRole('button', { name: 'Keep it encrypted' }).click();
    expect(fs.existsSync(out)).toBe(false);
    await page.getByRole('button', { name: 'Save a decrypted copy…' }).click();
    await page.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(page.getByTestId('export-result')).toContainText(out);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(fs.readFileSync(out))).toBe(sha(fs.readFileSync(PDF)));
    await expect(page.getByTestId('custody').locator('[data-action="document.export"]')).toHaveCount(1);

    // Trash and restore from the case's list.
    await page.getByRole('button', { name: /Back to the case/ }).click();
    await page.getByRole('button', { name: 'Move to trash' }).click();
    await expect(page.getByText('No documents in this case yet')).toBeVisible();
    await page.getByRole('button', { name: 'Show the trash' }).click();
    await expect(page.getByTestId('document-row')).toHaveCount(1);
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect(page.getByText('The trash is empty')).toBeVisible();
    await page.getByRole('button', { name: 'Show documents' }).click();
    await expect(page.getByTestId('document-row')).toHaveCount(1);
    expect(pageErrors).toEqual([]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('in Russian: the list, the custody history and the export warning read in Russian', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByLabel('Language').selectOption('ru');
  await page.getByLabel('Парольная фраза', { exact: true }).fill(PASS);
  await page.getByLabel('Повторите парольную фразу').fill(PASS);
  await expect(page.getByTestId('strength')).toHaveAttribute('data-score', /[34]/);
  await page.getByRole('button', { name: 'Создать хранилище' }).click();
  await page.getByLabel('Я записал(а) ключ восстановления и надёжно его храню').check();
  await page.getByRole('button', { name: 'Перейти в Sakta' }).click();
  const c = bridge.services.caseWork.cases.create({ title: CASE_TITLE });
  await bridge.services.documents.import({ caseId: c.id, paths: [PDF] });

  await page.getByRole('button', { name: 'Поиск', exact: true }).click();
  await page.getByLabel('Искать везде').fill('Эркинбеков');
  await page.getByLabel('Искать везде').press('Enter');
  await page.locator('[data-testid="search-hit"][data-kind="case"]').getByRole('button').first().click();
  await page.getByRole('tab', { name: 'Документы' }).click();
  await expect(page.getByTestId('documents-table')).toContainText('Другое');
  await expect(page.getByRole('button', { name: 'Импортировать файлы…' })).toBeVisible();
  await screenshot(page, 'docs-07-documents-tab-ru');

  await page.getByRole('button', { name: /^Открыть complaint-to-prosecutor-ru/ }).click();
  await expect(page.getByTestId('pdf-view')).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  const custody = page.getByTestId('custody');
  await expect(custody).toContainText('Цепочка хранения');
  await expect(custody.locator('[data-action="document.import"]')).toContainText('Импортирован');
  await expect(custody.locator('[data-action="document.view"]')).toContainText('Просмотрен');
  await page.getByRole('button', { name: 'Сохранить расшифрованную копию…' }).click();
  await expect(page.getByTestId('export-confirm')).toContainText('НЕ будет зашифрована');
  await screenshot(page, 'docs-08-export-warning-ru');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-confirm')).toBeHidden();
  expect(pageErrors).toEqual([]);
});

test('a large import shows its progress and Cancel leaves nothing behind', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(120_000);
  await createVaultViaUi(page);
  bridge.services.caseWork.cases.create({ title: CASE_TITLE });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-docs-e2e-'));
  // Sparse: costs no disk to create, and at ~200 MiB/s its import runs for seconds, long enough to cancel.
  const big = path.join(tmp, 'interview-video.bin');
  fs.closeSync(fs.openSync(big, 'w'));
  fs.truncateSync(big, 768 * 1024 * 1024);
  const filesIn = (dir: string): string[] =>
    fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
  const blobsBefore = filesIn(path.join(bridge.vaultDir, 'blobs')).length;
  try {
    await openCaseDocuments(page);
    bridge.dialogs.files.push([big]);
    await page.getByRole('button', { name: 'Import files…' }).click();
    const progress = page.getByTestId('import-progress');
    await expect(progress).toContainText(/Encrypting: .+ of 768 MB/);
    await screenshot(page, 'docs-09-import-progress');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('The import was cancelled. Nothing from it was kept.')).toBeVisible();
    await expect(progress).toHaveCount(0);
    await expect(page.getByText('No documents in this case yet')).toBeVisible();
    expect(filesIn(path.join(bridge.vaultDir, 'blobs')).length).toBe(blobsBefore);
    expect(filesIn(path.join(bridge.vaultDir, 'tmp'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
