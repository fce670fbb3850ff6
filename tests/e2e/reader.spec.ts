import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame, Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Bridge } from '../bridge/server';
import { createVaultViaUi, expect, screenshot, test } from './fixtures';
import { SAMPLES } from '../helpers/samples';

/*
 * The reader (issue 14): a PDF's pages one under the other, drawn as they come into view, with text to select
 * and copy, find (Ctrl+F) with hit n of N, fit width, a details column that folds away, and a search hit that
 * opens where its words are, marked, with Back to the results. In English and in Russian.
 */

async function toRussian(page: Page) {
  await page.locator('nav button[data-area="settings"]').click();
  await page.getByTestId('settings-language').getByRole('combobox').selectOption('ru');
  await expect(page.locator('nav button[data-area="settings"]')).toHaveText('Настройки');
}

async function openCaseDocuments(page: Page, title: string, tab = 'Documents') {
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByText(title).first().click();
  await page.getByRole('tab', { name: tab }).click();
}

function pdfFrame(page: Page, bridge: Bridge): Frame {
  const frame = page.frames().find((f) => f.url().startsWith(`${bridge.frameOrigin}/pdf-frame.html`));
  expect(frame, 'the PDF frame, on its own origin').toBeTruthy();
  return frame!;
}

/** A long record: 60 pages, one line each; "sapphire" only on page 47. */
async function longPdf(): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= 60; i++) {
    const p = doc.addPage([612, 792]);
    p.drawText(`Record page ${i} of the hearing transcript`, { x: 60, y: 700, size: 16, font });
    if (i === 47) p.drawText('The sapphire ring was never returned.', { x: 60, y: 650, size: 16, font });
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-reader-')), 'hearing-transcript.pdf');
  fs.writeFileSync(file, await doc.save());
  return file;
}

/** Drags across a text span of the frame's text layer, as a reader selects a line with the mouse. */
async function selectSpan(page: Page, text: string) {
  const span = page.frameLocator('iframe.pdf-frame').locator('.textLayer span', { hasText: text }).first();
  await expect(span).toBeVisible();
  const box = (await span.boundingBox())!;
  await page.mouse.move(box.x + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
}

test('a long PDF scrolls as one column, drawn only where it is read; fit width and a details column that folds away', async ({ app: page, bridge }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Long record' });
  await bridge.services.documents.import({ caseId: kase.id, paths: [await longPdf()] });
  await page.reload();
  await openCaseDocuments(page, 'Long record');
  await page.getByRole('button', { name: /^Open hearing-transcript/ }).click();
  const view = page.getByTestId('pdf-view');
  await expect(view).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  await expect(view).toHaveAttribute('data-pages', '60');
  const frame = pdfFrame(page, bridge);
  const pages = page.frameLocator('iframe.pdf-frame').locator('.page');
  // Every page has its place in the column; only those near the view are drawn.
  await expect(pages).toHaveCount(60);
  const drawn = () => frame.evaluate(() => document.querySelectorAll('.page canvas').length);
  expect(await drawn()).toBeGreaterThan(0);
  expect(await drawn()).toBeLessThan(8);
  // The toolbar is one line at 1280 px: "Page 1 of 60" and "Zoom 100 %" do not wrap.
  for (const text of ['Page 1 of 60', 'Zoom 100 %']) expect((await page.getByText(text, { exact: true }).boundingBox())!.height).toBeLessThan(30);
  // The page is as wide as the frame allows (fit width), not a narrow image.
  const frameWidth = (await page.locator('iframe.pdf-frame').boundingBox())!.width;
  expect((await pages.first().boundingBox())!.width).toBeGreaterThan(frameWidth * 0.85);
  await screenshot(page, 'reader-01-continuous');

  // Scrolling the frame to the end: the counter follows, the last page is drawn, the first ones let go.
  await frame.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(page.getByText('Page 60 of 60')).toBeVisible();
  await expect(pages.nth(59).locator('canvas')).toHaveCount(1, { timeout: 15_000 });
  await expect(pages.first().locator('canvas')).toHaveCount(0);
  expect(await drawn()).toBeLessThan(8);
  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(page.getByText('Page 59 of 60')).toBeVisible();

  // Zoom in widens the pages; Fit width brings them back to the frame's width.
  const before = (await pages.nth(58).boundingBox())!.width;
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(async () => (await pages.nth(58).boundingBox())!.width).toBeGreaterThan(before * 1.2);
  await expect(page.getByText('Page 59 of 60')).toBeVisible();
  await page.getByRole('button', { name: 'Fit width' }).click();
  await expect.poll(async () => Math.round((await pages.nth(58).boundingBox())!.width)).toBe(Math.round(before));

  // The details column folds away and the document takes the width.
  await page.getByRole('button', { name: 'Hide details' }).click();
  await expect(page.locator('#document-side')).toBeHidden();
  await expect.poll(async () => (await page.locator('iframe.pdf-frame').boundingBox())!.width).toBeGreaterThan(frameWidth + 200);
  await screenshot(page, 'reader-02-details-folded');
  await page.getByRole('button', { name: 'Show details' }).click();
  await expect(page.locator('#document-side')).toBeVisible();
});

test('Ctrl+F finds in the document with hit n of N, next and previous; selected text is copied through the clipboard guard', async ({ app: page, bridge }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Forensic record' });
  await bridge.services.documents.import({ caseId: kase.id, paths: [path.join(SAMPLES, 'forensic-report-318-en.pdf')] });
  await page.reload();
  await openCaseDocuments(page, 'Forensic record');
  await page.getByRole('button', { name: /^Open forensic-report-318-en/ }).click();
  const view = page.getByTestId('pdf-view');
  await expect(view).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  const inFrame = page.frameLocator('iframe.pdf-frame');

  // Select a line with the mouse and copy it with Ctrl+C, inside the frame.
  await selectSpan(page, 'Examinee: N. M. Erkinbekov');
  await page.keyboard.press('Control+C');
  await expect(page.getByTestId('pdf-copied')).toHaveText('Copied. Sakta clears the clipboard in 30 s.');
  expect(bridge.clipboard.text).toContain('Examinee: N. M. Erkinbekov');

  // Ctrl+F with the focus in the frame opens the find box; "consistent" is twice on page 2, once on page 3.
  await page.keyboard.press('Control+f');
  const box = page.getByRole('searchbox', { name: 'Find in document' });
  await expect(box).toBeFocused();
  await box.fill('consistent');
  const status = page.getByTestId('pdf-find-status');
  await expect(status).toHaveText('1 of 3');
  await expect(page.getByText('Page 2 of 3')).toBeVisible();
  // Marks are drawn on the pages drawn: both hits of page 2, the first one current.
  await expect(inFrame.locator('.page[data-page="2"] mark.hit')).toHaveCount(2);
  await expect(inFrame.locator('mark.hit.current')).toBeInViewport();
  await screenshot(page, 'reader-03-find');
  await box.press('Enter');
  await expect(status).toHaveText('2 of 3');
  await box.press('Enter');
  await expect(status).toHaveText('3 of 3');
  await expect(page.getByText('Page 3 of 3')).toBeVisible();
  await expect(inFrame.locator('.page[data-page="3"] mark.hit.current')).toHaveText('consistent');
  await box.press('Shift+Enter');
  await expect(status).toHaveText('2 of 3');
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(status).toHaveText('3 of 3');
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(status).toHaveText('1 of 3');
  await box.fill('no such words');
  await expect(status).toHaveText('No matches');
  await expect(inFrame.locator('mark.hit')).toHaveCount(0);
  // Escape closes the find box and takes the marks away.
  // A new find starts from the page in view (page 2): "baton" is on pages 1 and 2, so its second hit is current.
  await box.fill('baton');
  await expect(status).toHaveText('2 of 2');
  await expect(page.getByText('Page 2 of 3')).toBeVisible();
  await box.press('Escape');
  await expect(page.getByTestId('pdf-find')).toHaveCount(0);
  await expect(inFrame.locator('mark.hit')).toHaveCount(0);
});

test('a search hit opens the PDF at its page with the words marked; Back returns to the results', async ({ app: page, bridge }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Forensic record' });
  await bridge.services.documents.import({ caseId: kase.id, paths: [path.join(SAMPLES, 'forensic-report-318-en.pdf')] });
  await bridge.services.documents.scheduleExtraction();
  await page.reload();
  await page.locator('nav button[data-area="search"]').click();
  await page.locator('#search-query').fill('falanga');
  await page.locator('#search-query').press('Enter');
  await page.getByRole('button', { name: 'forensic-report-318-en' }).click();
  const view = page.getByTestId('pdf-view');
  await expect(view).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  // "falanga" is on page 2 only: the viewer opens there, the word marked and in view.
  await expect(view).toHaveAttribute('data-page', '2');
  await expect(page.getByTestId('pdf-find-status')).toHaveText('1 of 1');
  const mark = page.frameLocator('iframe.pdf-frame').locator('.page[data-page="2"] mark.hit.current');
  await expect(mark).toHaveText('falanga');
  await expect(mark).toBeInViewport();
  await screenshot(page, 'reader-04-search-hit');
  await page.getByRole('button', { name: 'Back to search results' }).click();
  await expect(page.locator('#search-query')).toHaveValue('falanga');
  await expect(page.getByTestId('search-hit')).toHaveCount(1);
});

test('in Russian: a search hit opens marked, find counts «1 из 2», a copy says when the clipboard is cleared', async ({ app: page, bridge }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Эркинбеков против Кара-Суйского РОВД' });
  await bridge.services.documents.import({ caseId: kase.id, paths: [path.join(SAMPLES, 'complaint-to-prosecutor-ru.pdf')] });
  await bridge.services.documents.scheduleExtraction();
  await page.reload();
  await toRussian(page);
  await page.locator('nav button[data-area="search"]').click();
  await page.locator('#search-query').fill('Стамбульского');
  await page.locator('#search-query').press('Enter');
  await page.getByRole('button', { name: 'complaint-to-prosecutor-ru' }).click();
  const view = page.getByTestId('pdf-view');
  await expect(view).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  const inFrame = page.frameLocator('iframe.pdf-frame');
  await expect(page.getByTestId('pdf-find-status')).toHaveText('1 из 1');
  await expect(inFrame.locator('mark.hit.current')).toHaveText('Стамбульского');

  // Ctrl+F, a Russian word twice on the page.
  const box = page.getByRole('searchbox', { name: 'Найти в документе' });
  await box.fill('пыток');
  await expect(page.getByTestId('pdf-find-status')).toHaveText('1 из 2');
  await box.press('Enter');
  await expect(page.getByTestId('pdf-find-status')).toHaveText('2 из 2');
  await screenshot(page, 'reader-05-find-ru');

  await selectSpan(page, 'временного содержания');
  await page.keyboard.press('Control+C');
  await expect(page.getByTestId('pdf-copied')).toHaveText('Скопировано. Sakta очистит буфер обмена через 30 с.');
  expect(bridge.clipboard.text).toContain('временного содержания');

  await page.getByRole('button', { name: 'Скрыть сведения' }).click();
  await expect(page.locator('#document-side')).toBeHidden();
  await page.getByRole('button', { name: 'Показать сведения' }).click();
  await page.getByRole('button', { name: 'К результатам поиска' }).click();
  await expect(page.locator('#search-query')).toHaveValue('Стамбульского');
});
