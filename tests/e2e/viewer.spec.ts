import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createVaultViaUi, expect, screenshot, test } from './fixtures';
import { wavBytes } from '../helpers/media';
import { SAMPLES } from '../helpers/samples';

const CHUNK = 64 * 1024;

test('a PDF is drawn in a frame of another origin that cannot reach the app, its API or the network', async ({ app: page, bridge, pageErrors }) => {
  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Isolation case' });
  await bridge.services.documents.import({ caseId: kase.id, paths: [path.join(SAMPLES, 'forensic-report-318-en.pdf')] });
  await page.reload();
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByText('Isolation case').first().click();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('button', { name: /^Open forensic-report-318-en/ }).click();
  const view = page.getByTestId('pdf-view');
  await expect(view).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  await expect(view).toHaveAttribute('data-pages', '3');

  const frame = page.frames().find((f) => f.url().startsWith(`${bridge.frameOrigin}/pdf-frame.html`));
  expect(frame, 'the PDF frame is loaded from its own origin').toBeTruthy();
  expect(new URL(frame!.url()).origin).not.toBe(new URL(page.url()).origin);
  // No preload in the frame: the app's API does not exist there, and the app's window is out of reach.
  expect(await frame!.evaluate(() => typeof (window as unknown as { sakta?: unknown }).sakta)).toBe('undefined');
  expect(
    await frame!.evaluate(() => {
      try {
        return String((window.parent as unknown as { sakta?: unknown }).sakta ?? window.parent.document.title);
      } catch (e) {
        return `blocked: ${(e as Error).name}`;
      }
    }),
  ).toBe('blocked: SecurityError');
  // Its CSP forbids every connection, the app's IPC endpoint included.
  expect(
    await frame!.evaluate(() =>
      fetch('/ipc/vault.status', { method: 'POST', body: '{}' }).then(
        () => 'reached',
        () => 'refused',
      ),
    ),
  ).toBe('refused');
  // Nor can the app page read into the frame: the decrypted document lives in the frame's memory only.
  expect(await page.evaluate(() => (document.querySelector('iframe.pdf-frame') as HTMLIFrameElement).contentDocument)).toBeNull();
  expect(await page.locator('iframe.pdf-frame').getAttribute('sandbox')).toBe('allow-scripts allow-same-origin');

  // Paging and zoom go through the frame protocol; the page drawn changes.
  const canvas = page.frameLocator('iframe.pdf-frame').locator('canvas');
  const firstPage = await canvas.screenshot();
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText('Page 2 of 3')).toBeVisible();
  await expect.poll(async () => Buffer.compare(await canvas.screenshot(), firstPage) !== 0, { timeout: 15_000 }).toBe(true);
  const before = (await canvas.boundingBox())!.width;
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(async () => (await canvas.boundingBox())!.width, { timeout: 15_000 }).toBeGreaterThan(before * 1.2);
  await page.getByRole('button', { name: 'Fit width' }).click();
  await expect.poll(async () => Math.round((await canvas.boundingBox())!.width), { timeout: 15_000 }).toBe(Math.round(before));
  await screenshot(page, 'viewer-01-isolated-pdf');

  // Requests that arrive while a page is being drawn (a lawyer clicking quickly) end in the last one drawn.
  for (const name of ['Zoom in', 'Next page', 'Zoom in', 'Previous page', 'Zoom out', 'Next page']) await page.getByRole('button', { name }).click();
  await expect(page.getByText('Page 3 of 3')).toBeVisible();
  await expect(page.getByText('Zoom 125 %')).toBeVisible();
  await expect.poll(async () => Math.abs((await canvas.boundingBox())!.width - before * 1.25), { timeout: 15_000 }).toBeLessThan(3);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // A forged message from the page's own window to itself, shaped like the frame's, is ignored.
  await page.evaluate(() => window.postMessage({ type: 'failed', reason: 'invalid' }, '*'));
  await page.waitForTimeout(300);
  await expect(view).toBeVisible();
  // The only errors are the CSP's refusals of the frame's probe above.
  expect(pageErrors.filter((e) => !e.includes('/ipc/vault.status'))).toEqual([]);
  expect(pageErrors.length).toBeGreaterThan(0);
});

test('a recording plays from the vault and seeking near its end decrypts only what is played', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(120_000);
  await createVaultViaUi(page);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-media-'));
  // Five minutes of CD-quality stereo: 53 MB, 800 chunks.
  const wav = wavBytes(300);
  const file = path.join(work, 'interview-2014-07-12.wav');
  fs.writeFileSync(file, wav);
  const kase = bridge.services.caseWork.cases.create({ title: 'Recorded interview' });
  await bridge.services.documents.import({ caseId: kase.id, paths: [file] });
  fs.rmSync(work, { recursive: true, force: true });

  const mediaRequests: { range: string | null; status: number }[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/media/')) mediaRequests.push({ range: r.request().headers()['range'] ?? null, status: r.status() });
  });
  await page.reload();
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByText('Recorded interview').first().click();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('button', { name: /^Open interview-2014-07-12/ }).click();

  const audio = page.getByTestId('media-view');
  await expect(audio).toBeVisible();
  expect(await audio.evaluate((a) => a.tagName)).toBe('AUDIO');
  // The duration comes from the decrypted header, streamed.
  await expect.poll(() => audio.evaluate((a: HTMLMediaElement) => a.duration), { timeout: 20_000 }).toBeGreaterThan(299);
  const decryptedBeforeSeek = bridge.services.media.stats.chunksDecrypted;

  await audio.evaluate(
    (a: HTMLMediaElement) =>
      new Promise<void>((resolve) => {
        a.addEventListener('seeked', () => resolve(), { once: true });
        a.currentTime = 290;
      }),
  );
  await expect.poll(() => audio.evaluate((a: HTMLMediaElement) => a.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  expect(await audio.evaluate((a: HTMLMediaElement) => a.error)).toBeNull();
  expect(await audio.evaluate((a: HTMLMediaElement) => a.currentTime)).toBeGreaterThanOrEqual(289);

  // The seek was answered from a range that starts near the end, with 206 Partial Content.
  const seekAt = Math.floor(wav.length * (280 / 300));
  const seeks = mediaRequests.filter((r) => r.status === 206 && Number(/bytes=(\d+)-/.exec(r.range ?? '')?.[1] ?? 0) > seekAt);
  expect(seeks.length, JSON.stringify(mediaRequests)).toBeGreaterThan(0);
  // And decrypting for it touched a small part of the file, not the whole of it.
  const totalChunks = Math.ceil(wav.length / CHUNK);
  const forSeek = bridge.services.media.stats.chunksDecrypted - decryptedBeforeSeek;
  expect(forSeek).toBeGreaterThan(0);
  expect(bridge.services.media.stats.chunksDecrypted).toBeLessThan(totalChunks / 2);
  await expect(page.getByText('decrypted piece by piece in memory')).toBeVisible();
  await screenshot(page, 'viewer-02-audio');

  // The view is in the chain of custody.
  await expect(page.getByTestId('custody').locator('[data-action="document.view"]')).toHaveCount(1);

  // Locking revokes the stream: the URL the page held stops working.
  const src = await audio.evaluate((a: HTMLMediaElement) => a.currentSrc);
  bridge.services.vault.lock('user');
  const after = await page.evaluate((u) => fetch(u).then((r) => r.status), src);
  expect(after).toBe(404);
  expect(pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
});
