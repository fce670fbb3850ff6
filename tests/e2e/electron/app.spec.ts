import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { SaktaApi } from '../../../shared/ipc/contract';
import { wavBytes } from '../../helpers/media';

/**
 * The real Electron app on dist/main.cjs: sandboxed window, preload bridge, IPC, and the native
 * SQLite and libsodium builds loaded inside Electron. Needs `npm install` with internet access
 * (Electron's binary) and `node scripts/native-electron.mjs`; without the binary it skips itself.
 */
const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '..', '..', '..');
const requireHere = createRequire(here);

/**
 * The Electron executable, or null. Since Electron 42 `require('electron')` downloads the binary on first use,
 * so the test looks at what is installed (path.txt names it) without requiring the package.
 */
function electronBinary(): string | null {
  const pkg = path.dirname(requireHere.resolve('electron/package.json'));
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const bin = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(bin) ? bin : null;
}

const binary = electronBinary();
const PASS = 'correct horse battery staple — Бишкек 2014';

test.describe('Electron shell', () => {
  test.skip(!binary, "Electron's binary is not installed (it is downloaded on first use, which needs internet): run npx install-electron, or npm start once, with internet access");
  test.setTimeout(120_000);

  let app: ElectronApplication;
  let page: Page;
  let scratch: string;

  test.beforeEach(async () => {
    for (const f of ['dist/main.cjs', 'dist/preload.cjs', 'dist/renderer/index.html']) {
      if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: run node scripts/build.mjs first`);
    }
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-electron-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
    app = await _electron.launch({
      executablePath: binary!,
      args: [path.join(root, 'dist', 'main.cjs')],
      cwd: root,
      env: { ...env, SAKTA_VAULT_DIR: path.join(scratch, 'vault'), SAKTA_USER_DATA_DIR: path.join(scratch, 'profile') },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterEach(async () => {
    await app?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** Calls window.sakta in the page (Playwright evaluates over the DevTools protocol, outside the page's CSP). */
  type Api = SaktaApi;
  const call = <T>(fn: (arg: string) => Promise<T>, arg = ''): Promise<T> => page.evaluate(fn, arg);

  test('creates a vault, locks, refuses a wrong passphrase and unlocks with the right one', async () => {
    const created = await call((p) => (window as unknown as { sakta: Api }).sakta.vault.create({ passphrase: p }), PASS);
    expect(created.ok).toBe(true);
    expect(fs.existsSync(path.join(scratch, 'vault'))).toBe(true);

    const lockedEvents = await page.evaluate(() => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const w = window as any;
      w.__locked = [];
      w.sakta.on('vault.locked', (p: unknown) => w.__locked.push(p));
      return w.sakta.vault.lock({});
    });
    expect(lockedEvents).toEqual({ ok: true, value: { done: true } });
    await expect.poll(() => page.evaluate(() => (window as unknown as { __locked: unknown[] }).__locked)).toEqual([{ reason: 'user' }]);

    const wrong = await call((p) => (window as unknown as { sakta: Api }).sakta.vault.unlock({ passphrase: `${p}x` }), PASS);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });

    const right = await call((p) => (window as unknown as { sakta: Api }).sakta.vault.unlock({ passphrase: p }), PASS);
    expect(right.ok).toBe(true);
    const status = await call(() => (window as unknown as { sakta: Api }).sakta.vault.status({}));
    expect(status).toEqual({ ok: true, value: { exists: true, unlocked: true } });
  });

  test('the page has no Node, no network and a fixed title', async () => {
    const probe = await page.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const w = window as any;
      let fetched = 'blocked';
      try {
        await fetch('https://example.com/');
        fetched = 'reached';
      } catch {
        fetched = 'blocked';
      }
      return { require: typeof w.require, process: typeof w.process, ipc: typeof w.ipcRenderer, fetched, origin: location.origin, keys: Object.keys(w.sakta).sort() };
    });
    expect(probe).toMatchObject({ require: 'undefined', process: 'undefined', ipc: 'undefined', fetched: 'blocked', origin: 'app://sakta' });
    expect(probe.keys).toContain('on');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toBe('Sakta');
    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("default-src 'none'");
  });

  test('a PDF is drawn in app://pdfview without the preload; a recording plays in app://mediaview, streamed and seeked through its media/', async () => {
    const samples = path.resolve(root, '..', 'shared', 'samples');
    const wav = path.join(scratch, 'interview.wav');
    fs.writeFileSync(wav, wavBytes(120));
    const paths = [path.join(samples, 'forensic-report-318-en.pdf'), wav];
    // The OS file dialog answers with these files (as if the user picked them); the page gets tokens only.
    await app.evaluate(({ dialog }, files) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: files })) as typeof dialog.showOpenDialog;
    }, paths);
    const imported = await page.evaluate(
      async ({ pass }) => {
        const s = (window as unknown as { sakta: Api }).sakta;
        await s.vault.create({ passphrase: pass });
        const kase = await s.cases.create({ title: 'Electron viewer case' });
        if (!kase.ok) return kase;
        const picked = await s.dialog.openFiles({ purpose: 'import-documents' });
        if (!picked.ok) return picked;
        return s.documents.import({ caseId: kase.value.id, files: picked.value.files.map((f) => f.token) });
      },
      { pass: PASS },
    );
    expect(imported.ok).toBe(true);
    await page.reload();
    await page.locator('nav button[data-area="cases"]').click();
    await page.getByText('Electron viewer case').first().click();
    await page.getByRole('tab', { name: 'Documents' }).click();

    await page.getByRole('button', { name: /^Open forensic-report-318-en/ }).click();
    await expect(page.getByTestId('pdf-view')).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
    const frame = page.frames().find((f) => f.url() === 'app://pdfview/pdf-frame.html');
    expect(frame).toBeTruthy();
    expect(await frame!.evaluate(() => typeof (window as unknown as { sakta?: unknown }).sakta)).toBe('undefined');

    await page.getByRole('button', { name: /Back to the case/ }).click();
    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByRole('button', { name: /^Open interview/ }).click();
    // The player is in the media frame (app://mediaview, no preload), streaming from that origin's media/<token>.
    const audio = page.frameLocator('iframe.media-frame').getByTestId('media-view');
    await expect.poll(() => audio.evaluate((a: HTMLMediaElement) => a.duration), { timeout: 20_000 }).toBeGreaterThan(119);
    expect(await audio.evaluate((a: HTMLMediaElement) => a.currentSrc)).toMatch(/^app:\/\/mediaview\/media\/[0-9a-f]{64}$/);
    const player = page.frames().find((f) => f.url() === 'app://mediaview/media-frame.html');
    expect(player).toBeTruthy();
    expect(await player!.evaluate(() => typeof (window as unknown as { sakta?: unknown }).sakta)).toBe('undefined');
    expect(await page.locator('audio, video').count()).toBe(0);
    await audio.evaluate((a: HTMLMediaElement) => new Promise<void>((resolve) => {
      a.addEventListener('seeked', () => resolve(), { once: true });
      a.currentTime = 110;
    }));
    await expect.poll(() => audio.evaluate((a: HTMLMediaElement) => a.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(await audio.evaluate((a: HTMLMediaElement) => a.error)).toBeNull();
  });
});
