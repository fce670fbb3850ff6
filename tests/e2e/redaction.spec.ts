import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { createVaultViaUi, expect, screenshot, test } from './fixtures';
import { KEPT, LATIN_NAME, mupdf, NAME, PASSPORT, photoJpeg, textPdf } from '../helpers/redaction-samples';

test('the lawyer marks an area and names a word in the viewer; a redacted version appears, labelled and linked both ways', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(120_000);
  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Redaction case' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-e2e-'));
  const file = path.join(dir, 'statement.pdf');
  fs.writeFileSync(file, await textPdf());
  const orig = (await bridge.services.documents.import({ caseId: kase.id, paths: [file] })).documents[0]!;
  await page.reload();
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByText('Redaction case').first().click();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('button', { name: /^Open statement/ }).click();
  const view = page.getByTestId('pdf-view');
  await expect(view).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });

  await page.getByTestId('redact-toggle').click();
  await expect(page.getByTestId('redact-panel')).toBeVisible();
  // Drag over the first line (PDF points 40,128 to 560,146 on an A4 page 595 points wide).
  // The first page of the column (its canvas, not the text layer's hidden measuring one).
  const canvas = page.frameLocator('iframe.pdf-frame').locator('.page canvas').first();
  await page.locator('iframe.pdf-frame').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const box = (await canvas.boundingBox())!;
  const s = box.width / 595;
  await page.mouse.move(box.x + 40 * s, box.y + 128 * s);
  await page.mouse.down();
  await page.mouse.move(box.x + 300 * s, box.y + 140 * s, { steps: 5 });
  await page.mouse.move(box.x + 560 * s, box.y + 146 * s, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('redact-count')).toHaveText('1 area marked');
  // The mark is drawn over the page inside the frame.
  await expect(page.frameLocator('iframe.pdf-frame').locator('.mark')).toHaveCount(1);

  await page.getByLabel('Redact every occurrence of…').fill(NAME.toLowerCase());
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await screenshot(page, 'redaction-01-marked');
  await page.getByTestId('redact-make').click();
  await expect(page.getByTestId('redact-made')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('redact-count')).toHaveText('0 areas marked');

  const made = bridge.services.documents.list({ caseId: kase.id }).find((d) => d.redactedFrom === orig.id)!;
  expect(made).toBeTruthy();
  const out = path.join(dir, 'redacted.pdf');
  await bridge.services.documents.export(made.id, out);
  const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
  expect(text).not.toMatch(/Иван|Петров|ИВАН|ПЕТРОВ/);
  expect(text).not.toContain(PASSPORT);
  expect(text).toContain(KEPT);

  // The new version: labelled, and linked to its original, which links back.
  await page.getByRole('button', { name: 'Open it' }).click();
  await expect(page.getByTestId('redacted-from')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('h1 .document-redacted-label')).toHaveText('redacted');
  await screenshot(page, 'redaction-02-version');
  await page.getByTestId('redacted-from').getByRole('button').click();
  await expect(page.getByTestId('redacted-versions')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: /Back/ }).first().click();
  await expect(page.getByTestId('redacted-label')).toHaveCount(1);
  expect(pageErrors).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('in the scrolling column, an area is marked on the second page (not a text selection); only that page loses it', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(120_000);
  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Two pages case' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-e2e-'));
  // The statement twice: the same lines at the same places on page 1 and page 2.
  const one = await PDFDocument.load(await textPdf());
  const two = await PDFDocument.create();
  for (const p of await two.copyPages(one, [0, 0])) two.addPage(p);
  const file = path.join(dir, 'two-pages.pdf');
  fs.writeFileSync(file, await two.save());
  const orig = (await bridge.services.documents.import({ caseId: kase.id, paths: [file] })).documents[0]!;
  await page.reload();
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByText('Two pages case').first().click();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('button', { name: /^Open two-pages/ }).click();
  const view = page.getByTestId('pdf-view');
  await expect(view).toHaveAttribute('data-pages', '2', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(view).toHaveAttribute('data-page', '2');
  await page.getByTestId('redact-toggle').click();

  // Drag over page 2's first line (PDF points 40,128 to 560,146), across its text layer.
  const frame = page.frameLocator('iframe.pdf-frame');
  const canvas = frame.locator('.page[data-page="2"] canvas');
  await expect(canvas).toHaveCount(1, { timeout: 15_000 });
  await page.locator('iframe.pdf-frame').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const box = (await canvas.boundingBox())!;
  const s = box.width / 595;
  await page.mouse.move(box.x + 40 * s, box.y + 128 * s);
  await page.mouse.down();
  await page.mouse.move(box.x + 560 * s, box.y + 146 * s, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('redact-count')).toHaveText('1 area marked');
  // The mark is drawn over page 2, and the drag selected no text.
  await expect(frame.locator('.page[data-page="2"] .mark')).toHaveCount(1);
  await expect(frame.locator('.page[data-page="1"] .mark')).toHaveCount(0);
  expect(await frame.locator('body').evaluate(() => document.getSelection()?.toString() ?? '')).toBe('');

  await page.getByTestId('redact-make').click();
  await expect(page.getByTestId('redact-made')).toBeVisible({ timeout: 60_000 });
  const made = bridge.services.documents.list({ caseId: kase.id }).find((d) => d.redactedFrom === orig.id)!;
  const out = path.join(dir, 'redacted.pdf');
  await bridge.services.documents.export(made.id, out);
  const pageText = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), out, '-'], { encoding: 'utf8' });
  expect(pageText(2)).not.toContain(PASSPORT);
  expect(pageText(2)).toContain(KEPT);
  expect(pageText(1)).toContain(PASSPORT);
  expect(pageErrors).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a photo: the lawyer drags over the picture; the redacted copy is black there and carries no EXIF', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(120_000);
  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Photo case' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-e2e-'));
  const file = path.join(dir, 'photo.jpg');
  fs.writeFileSync(file, await photoJpeg());
  const orig = (await bridge.services.documents.import({ caseId: kase.id, paths: [file] })).documents[0]!;
  await page.reload();
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByText('Photo case').first().click();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('button', { name: /^Open photo/ }).click();
  await expect(page.getByTestId('image-frame-view')).toHaveAttribute('data-shown', 'true', { timeout: 30_000 });
  await page.getByTestId('redact-toggle').click();
  await expect(page.getByTestId('redact-panel')).toBeVisible();

  // The picture is 1190 pixels wide; mark pixels 260,266 to 430,296 (the name on the first line).
  const img = page.frameLocator('iframe.media-frame').locator('img');
  await page.locator('iframe.media-frame').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const box = (await img.boundingBox())!;
  const s = box.width / 1190;
  await page.mouse.move(box.x + 260 * s, box.y + 266 * s);
  await page.mouse.down();
  await page.mouse.move(box.x + 430 * s, box.y + 296 * s, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('redact-count')).toHaveText('1 area marked');
  await page.getByTestId('redact-make').click();
  await expect(page.getByTestId('redact-made')).toBeVisible({ timeout: 60_000 });

  const made = bridge.services.documents.list({ caseId: kase.id }).find((d) => d.redactedFrom === orig.id)!;
  const out = path.join(dir, 'redacted.jpg');
  await bridge.services.documents.export(made.id, out);
  const bytes = fs.readFileSync(out);
  expect(bytes.toString('latin1')).not.toContain('Exif');
  expect(bytes.toString('latin1')).not.toContain(LATIN_NAME);
  const m = await mupdf();
  const pix = new m.Image(bytes).toPixmap().convertToColorSpace(m.ColorSpace.DeviceGray, false);
  const px = Uint8Array.from(pix.getPixels());
  const stride = pix.getStride();
  // Inside what was dragged (a pixel in from each edge, the drag is drawn at screen resolution): black.
  let max = 0;
  for (let y = 270; y < 292; y++) for (let x = 265; x < 425; x++) max = Math.max(max, px[y * stride + x]!);
  expect(max).toBeLessThan(8);
  expect(pageErrors).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});
