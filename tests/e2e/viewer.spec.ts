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

  // Paging and zoom go through the frame protocol: the pages are one column, scrolled inside the frame.
  const pages = page.frameLocator('iframe.pdf-frame').locator('.page');
  await expect(pages).toHaveCount(3);
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText('Page 2 of 3')).toBeVisible();
  await expect(pages.nth(1).locator('canvas')).toHaveCount(1, { timeout: 15_000 });
  await expect(pages.nth(1)).toBeInViewport({ ratio: 0.5 });
  const before = (await pages.nth(1).boundingBox())!.width;
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(async () => (await pages.nth(1).boundingBox())!.width, { timeout: 15_000 }).toBeGreaterThan(before * 1.2);
  await page.getByRole('button', { name: 'Fit width' }).click();
  await expect.poll(async () => Math.round((await pages.nth(1).boundingBox())!.width), { timeout: 15_000 }).toBe(Math.round(before));
  await screenshot(page, 'viewer-01-isolated-pdf');

  // Requests that arrive while a page is being drawn (a lawyer clicking quickly) end in the last one drawn.
  for (const name of ['Zoom in', 'Next page', 'Zoom in', 'Previous page', 'Zoom out', 'Next page']) await page.getByRole('button', { name }).click();
  await expect(page.getByText('Page 3 of 3')).toBeVisible();
  await expect(page.getByText('Zoom 125 %')).toBeVisible();
  await expect.poll(async () => Math.abs((await pages.nth(2).boundingBox())!.width - before * 1.25), { timeout: 15_000 }).toBeLessThan(3);
  await expect(pages.nth(2).locator('canvas')).toHaveCount(1, { timeout: 15_000 });
  await expect
    .poll(async () => Math.abs((await pages.nth(2).locator('canvas').boundingBox())!.width - before * 1.25), { timeout: 15_000 })
    .toBeLessThan(3);
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

  // The player is inside the media frame (another origin, no preload); it asks that origin for the ranges.
  const audio = page.frameLocator('iframe.media-frame').getByTestId('media-view');
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

  // The stream is served to the media frame's origin, not the app's.
  const src = await audio.evaluate((a: HTMLMediaElement) => a.currentSrc);
  expect(new URL(src).origin).toBe(bridge.mediaFrameOrigin);
  // Locking revokes the stream: the URL the frame held stops working. (Asked from here: neither page may fetch
  // it by script, the app's CSP allows only its own origin and the frame's allows no connection at all.)
  expect((await page.request.get(src, { headers: { range: 'bytes=0-99' } })).status()).toBe(206);
  bridge.services.vault.lock('user');
  const after = (await page.request.get(src)).status();
  expect(after).toBe(404);
  expect(pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
});

/** What of a document's bytes the app page itself shows: every <img>/<audio>/<video>/… with a blob: or data: source. */
function decodedInAppPage(): { tag: string; src: string }[] {
  const found: { tag: string; src: string }[] = [];
  for (const el of document.querySelectorAll('img, picture source, audio, video, source, track, object, embed, input[type="image"]')) {
    const src = (el as HTMLMediaElement).currentSrc || el.getAttribute('src') || el.getAttribute('srcset') || el.getAttribute('data') || '';
    if (/^(blob|data):/i.test(src) || el.tagName === 'AUDIO' || el.tagName === 'VIDEO') found.push({ tag: el.tagName, src: src.slice(0, 40) });
  }
  return found;
}

test('photos and recordings are decoded in a frame of a third origin; the app page makes no element of their bytes', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(120_000);
  // Counts the blob: URLs the app page itself makes (the frames have their own window and their own count).
  await page.addInitScript(() => {
    if (window.top !== window) return;
    const w = window as unknown as { __blobUrls: number };
    w.__blobUrls = 0;
    const original = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (o: Blob | MediaSource) => {
      w.__blobUrls++;
      return original(o);
    };
  });
  await createVaultViaUi(page);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-photo-'));
  const wav = path.join(work, 'witness-statement.wav');
  fs.writeFileSync(wav, wavBytes(20));
  const kase = bridge.services.caseWork.cases.create({ title: 'Photographed injuries' });
  await bridge.services.documents.import({ caseId: kase.id, paths: [path.join(SAMPLES, 'injury-photo-1.png'), wav] });
  fs.rmSync(work, { recursive: true, force: true });
  await page.reload();
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByText('Photographed injuries').first().click();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('button', { name: /^Open injury-photo-1/ }).click();

  const view = page.getByTestId('image-frame-view');
  await expect(view).toHaveAttribute('data-shown', 'true', { timeout: 20_000 });
  await expect(page.getByText('800 × 600 pixels')).toBeVisible();

  // The frame: its own origin (neither the app's nor the PDF frame's), no API, no way into the app, no network.
  const frame = page.frames().find((f) => f.url().startsWith(`${bridge.mediaFrameOrigin}/media-frame.html`));
  expect(frame, 'the media frame is loaded from its own origin').toBeTruthy();
  const frameOrigin = new URL(frame!.url()).origin;
  expect(frameOrigin).not.toBe(new URL(page.url()).origin);
  expect(frameOrigin).not.toBe(bridge.frameOrigin);
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
  const probes = await frame!.evaluate(async (appOrigin) => {
    const attempt = (u: string, init?: RequestInit) => fetch(u, init).then(() => 'reached', () => 'refused');
    return [await attempt(`${appOrigin}/ipc/vault.status`, { method: 'POST', body: '{}' }), await attempt('/media-frame.html'), await attempt('https://example.org/')];
  }, bridge.origin);
  expect(probes).toEqual(['refused', 'refused', 'refused']);
  expect(await page.evaluate(() => (document.querySelector('iframe.media-frame') as HTMLIFrameElement).contentDocument)).toBeNull();
  expect(await page.locator('iframe.media-frame').getAttribute('sandbox')).toBe('allow-scripts allow-same-origin');

  // The picture is decoded there, from a blob: URL of the frame's origin; the app page holds no such element.
  const img = page.frameLocator('iframe.media-frame').getByTestId('image-view');
  expect(await img.evaluate((i: HTMLImageElement) => ({ blob: i.src.startsWith('blob:'), w: i.naturalWidth, done: i.complete }))).toEqual({ blob: true, w: 800, done: true });
  expect(await img.evaluate((i: HTMLImageElement) => new URL(i.src.slice(5)).origin)).toBe(frameOrigin);
  await expect(img).toHaveAttribute('alt', /injury-photo-1.*\(image\)/);
  expect(await page.evaluate(decodedInAppPage)).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __blobUrls: number }).__blobUrls)).toBe(0);

  // Zoom: fit first, then the toolbar's buttons; the frame reports the scale back.
  const zoomOf = async () => Number(await view.getAttribute('data-zoom'));
  await expect(view).toHaveAttribute('data-fit', 'true');
  const fitted = await zoomOf();
  expect(fitted).toBeGreaterThan(10);
  expect(fitted).toBeLessThanOrEqual(100);
  const fittedWidth = (await img.boundingBox())!.width;
  expect(Math.abs(fittedWidth - 8 * fitted)).toBeLessThan(2);
  await screenshot(page, 'viewer-03-photo-fit');
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(zoomOf).toBeGreaterThan(fitted);
  await expect(view).toHaveAttribute('data-fit', 'false');
  const zoomedIn = await zoomOf();
  await expect.poll(async () => Math.abs((await img.boundingBox())!.width - 8 * zoomedIn)).toBeLessThan(2);
  expect((await img.boundingBox())!.width).toBeGreaterThan(fittedWidth + 10);
  await page.getByRole('button', { name: '100 %' }).click();
  await expect.poll(zoomOf).toBe(100);
  await expect(page.getByText('Zoom 100 %')).toBeVisible();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(zoomOf).toBe(150);

  // Pan: dragging the picture scrolls it inside the frame.
  const stage = page.frameLocator('iframe.media-frame').locator('#stage');
  await expect(stage).toHaveClass(/pannable/);
  const scrollOf = () => stage.evaluate((s) => ({ x: s.scrollLeft, y: s.scrollTop }));
  const box = (await page.locator('iframe.media-frame').boundingBox())!;
  const before = await scrollOf();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 80, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => (await scrollOf()).x).toBeGreaterThan(before.x + 60);
  expect((await scrollOf()).y).toBeGreaterThan(before.y + 30);
  await screenshot(page, 'viewer-04-photo-zoomed');

  // Ctrl+wheel zooms in the frame, and the toolbar follows; "Fit" brings the whole picture back.
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  await expect.poll(zoomOf).toBeGreaterThan(150);
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect.poll(zoomOf).toBe(fitted);
  await expect(view).toHaveAttribute('data-fit', 'true');
  await expect(stage).not.toHaveClass(/pannable/);

  // A forged message from the page's own window to itself, shaped like the frame's, is ignored.
  await page.evaluate(() => window.postMessage({ type: 'failed', reason: 'invalid' }, '*'));
  await page.waitForTimeout(300);
  await expect(view).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The recording: played in the media frame too, and the app page still holds no element of document bytes.
  await page.getByRole('button', { name: /Back to the case/ }).click();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('button', { name: /^Open witness-statement/ }).click();
  await expect(page.getByTestId('media-frame-view')).toHaveAttribute('data-loaded', 'true', { timeout: 20_000 });
  const audio = page.frameLocator('iframe.media-frame').getByTestId('media-view');
  expect(await audio.evaluate((a: HTMLMediaElement) => ({ tag: a.tagName, duration: Math.round(a.duration), origin: new URL(a.currentSrc).origin }))).toEqual({
    tag: 'AUDIO',
    duration: 20,
    origin: frameOrigin,
  });
  const player = page.frames().find((f) => f.url().startsWith(`${bridge.mediaFrameOrigin}/media-frame.html`));
  expect(await player!.evaluate(() => typeof (window as unknown as { sakta?: unknown }).sakta)).toBe('undefined');
  expect(await page.evaluate(decodedInAppPage)).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __blobUrls: number }).__blobUrls)).toBe(0);
  await screenshot(page, 'viewer-05-recording');

  // Both opened through documents.open (the custody entry), the recording's stream recorded as well.
  await expect(page.getByTestId('custody').locator('[data-action="document.view"]')).toHaveCount(1);
  // The only errors are the CSP's refusals of the frame's probes above.
  expect(pageErrors.filter((e) => !/ipc\/vault\.status|media-frame\.html|example\.org|Failed to load resource/.test(e))).toEqual([]);
});

test('a video plays in the media frame, sized to its picture', async ({ app: page, bridge, context }) => {
  test.setTimeout(90_000);
  // A real WebM made by Chromium itself (MediaRecorder over a canvas): 320 × 180, two seconds of a moving square.
  const maker = await context.newPage();
  await maker.setContent('<canvas width="320" height="180"></canvas>');
  const webm = Buffer.from(
    await maker.evaluate(async () => {
      const canvas = document.querySelector('canvas')!;
      const ctx = canvas.getContext('2d')!;
      const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm;codecs=vp8' });
      const parts: Blob[] = [];
      recorder.ondataavailable = (e) => parts.push(e.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start();
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        const frame = () => {
          const t = performance.now() - t0;
          ctx.fillStyle = '#dde3ea';
          ctx.fillRect(0, 0, 320, 180);
          ctx.fillStyle = '#1f4e79';
          ctx.fillRect((t / 10) % 280, 70, 40, 40);
          if (t < 2000) requestAnimationFrame(frame);
          else resolve();
        };
        frame();
      });
      recorder.stop();
      await stopped;
      const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      return btoa(bin);
    }),
    'base64',
  );
  await maker.close();
  await createVaultViaUi(page);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-video-'));
  const file = path.join(work, 'detention-centre-yard.webm');
  fs.writeFileSync(file, webm);
  const kase = bridge.services.caseWork.cases.create({ title: 'Filmed yard' });
  const imported = await bridge.services.documents.import({ caseId: kase.id, paths: [file] });
  expect(imported.documents[0]!.kind).toBe('webm');
  fs.rmSync(work, { recursive: true, force: true });
  await page.reload();
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByText('Filmed yard').first().click();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('button', { name: /^Open detention-centre-yard/ }).click();

  await expect(page.getByTestId('media-frame-view')).toHaveAttribute('data-loaded', 'true', { timeout: 20_000 });
  const video = page.frameLocator('iframe.media-frame').getByTestId('media-view');
  expect(await video.evaluate((v: HTMLVideoElement) => ({ tag: v.tagName, w: v.videoWidth, h: v.videoHeight, pip: v.disablePictureInPicture }))).toEqual({
    tag: 'VIDEO',
    w: 320,
    h: 180,
    pip: true,
  });
  // The frame takes the picture's proportions.
  const box = (await page.locator('iframe.media-frame').boundingBox())!;
  expect(Math.abs(box.width / box.height - 16 / 9)).toBeLessThan(0.05);
  expect(await page.evaluate(() => document.querySelectorAll('video, audio').length)).toBe(0);
  await screenshot(page, 'viewer-06-video');
});
