import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, DROP_CHANNEL } from '../../shared/ipc/contract';
import { wavBytes } from '../helpers/media';

/**
 * Loads the real bundled main process (dist/main.cjs) under Node with a recording stand-in for the
 * `electron` module (the Electron binary cannot be downloaded here). Everything below the stand-in
 * is real: services, dispatcher, SQLite, libsodium, files. It proves the wiring a user relies on:
 * the IPC gate, the window's security settings, and locking on suspend / screen lock / quit.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PASS = 'correct horse battery staple — Бишкек 2014';

type Fn = (...a: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
const calls: string[] = [];
const appHandlers = new Map<string, Fn[]>();
const ipcHandlers = new Map<string, Fn>();
const powerHandlers = new Map<string, Fn>();
const sent: [string, unknown][] = [];
const contentsHandlers = new Map<string, Fn>();
let windowOptions: Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
let windowOpenHandler: Fn | undefined;
let partition: string | undefined;
let protocolHandler: Fn | undefined;
let beforeRequest: Fn | undefined;
let permissionRequest: Fn | undefined;
let permissionCheck: Fn | undefined;
let scratch: string;
const dialogAnswers: string[][] = [];

const mainFrame = { url: 'app://sakta/index.html' };
const webContents = {
  mainFrame,
  send: (ch: string, payload: unknown) => sent.push([ch, payload]),
  isDestroyed: () => false,
  on: (ev: string, fn: Fn) => contentsHandlers.set(ev, fn),
  setWindowOpenHandler: (fn: Fn) => (windowOpenHandler = fn),
};

const fakeElectron = {
  app: {
    isPackaged: false,
    setName: (n: string) => calls.push(`setName:${n}`),
    setPath: (k: string, p: string) => calls.push(`setPath:${k}:${p}`),
    getPath: (k: string) => path.join(scratch, k),
    requestSingleInstanceLock: () => (calls.push('singleInstanceLock'), true),
    exit: () => calls.push('exit'),
    quit: () => calls.push('quit'),
    commandLine: { appendSwitch: (n: string, v?: string) => calls.push(`switch:${n}${v ? `=${v}` : ''}`) },
    on: (ev: string, fn: Fn) => appHandlers.set(ev, [...(appHandlers.get(ev) ?? []), fn]),
    whenReady: () => (calls.push('whenReady'), Promise.resolve()),
    clearRecentDocuments: () => calls.push('clearRecentDocuments'),
    addRecentDocument: () => calls.push('addRecentDocument'),
  },
  protocol: { registerSchemesAsPrivileged: (s: unknown) => calls.push(`registerSchemes:${JSON.stringify(s)}`) },
  session: {
    fromPartition: (p: string) => {
      partition = p;
      return {
        protocol: { handle: (_scheme: string, fn: Fn) => (protocolHandler = fn) },
        webRequest: { onBeforeRequest: (fn: Fn) => (beforeRequest = fn) },
        setPermissionRequestHandler: (fn: Fn) => (permissionRequest = fn),
        setPermissionCheckHandler: (fn: Fn) => (permissionCheck = fn),
        setDevicePermissionHandler: () => {},
        setDisplayMediaRequestHandler: () => {},
        setSpellCheckerEnabled: (on: boolean) => calls.push(`spellchecker:${on}`),
        on: () => {},
      };
    },
  },
  BrowserWindow: class {
    webContents = webContents;
    constructor(opts: Record<string, unknown>) {
      windowOptions = opts;
    }
    on() {}
    once() {}
    setTitle(t: string) {
      calls.push(`title:${t}`);
    }
    setContentProtection(on: boolean) {
      calls.push(`contentProtection:${on}`);
    }
    loadURL(u: string) {
      calls.push(`loadURL:${u}`);
      return Promise.resolve();
    }
    static getAllWindows() {
      return [];
    }
  },
  ipcMain: { handle: (ch: string, fn: Fn) => ipcHandlers.set(ch, fn), removeHandler: (ch: string) => ipcHandlers.delete(ch) },
  // The OS file dialog: answers with what a test queued, as if the user picked it.
  dialog: { showOpenDialog: async () => ({ canceled: false, filePaths: dialogAnswers.shift() ?? [] }) },
  // The idle-lock poll (every 5 s while armed) asks for the OS idle time: someone is at the keyboard.
  powerMonitor: { on: (ev: string, fn: Fn) => powerHandlers.set(ev, fn), getSystemIdleTime: () => 0 },
  Menu: { setApplicationMenu: () => calls.push('menu'), buildFromTemplate: (t: unknown) => t },
  // Reminders check 3 s after each unlock (electron/main/reminders.ts); on a slow machine that falls inside this
  // file's tests, and without the stand-in the check threw an uncaught TypeError that failed the whole run.
  Notification: class {
    static isSupported() {
      return true;
    }
    constructor(readonly opts: { title: string; body: string }) {}
    show() {
      calls.push(`notification:${this.opts.title}`);
    }
  },
};

const invoke = (channel: string, payload: unknown, frame: { url: string } = mainFrame) =>
  ipcHandlers.get(channel)!({ senderFrame: frame, sender: webContents }, payload);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => any };
const originalLoad = loader._load;
const savedEnv = { vault: process.env.SAKTA_VAULT_DIR, userData: process.env.SAKTA_USER_DATA_DIR };

beforeAll(async () => {
  // The renderer too when it is missing (a fresh clone): the protocol tests read the built viewer frame pages.
  const targets = ['pdf-frame.html', 'media-frame.html'].every((f) => fs.existsSync(path.join(root, 'dist', 'renderer', f))) ? ['main'] : ['main', 'renderer'];
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), ...targets], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-main-'));
  process.env.SAKTA_VAULT_DIR = path.join(scratch, 'vault');
  delete process.env.SAKTA_USER_DATA_DIR;
  loader._load = function (request, parent, isMain) {
    if (request === 'electron') return fakeElectron;
    return originalLoad.call(this, request, parent, isMain);
  };
  createRequire(import.meta.url)(path.join(root, 'dist', 'main.cjs'));
  await new Promise((r) => setTimeout(r, 0));
}, 60_000);

afterAll(() => {
  loader._load = originalLoad;
  for (const fn of appHandlers.get('before-quit') ?? []) fn();
  if (savedEnv.vault === undefined) delete process.env.SAKTA_VAULT_DIR;
  else process.env.SAKTA_VAULT_DIR = savedEnv.vault;
  if (savedEnv.userData !== undefined) process.env.SAKTA_USER_DATA_DIR = savedEnv.userData;
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('main process start-up', () => {
  it('fixes the profile folder before taking the single-instance lock, which lives in it', () => {
    const setPath = calls.findIndex((c) => c.startsWith('setPath:userData:'));
    expect(setPath).toBeGreaterThanOrEqual(0);
    expect(setPath).toBeLessThan(calls.indexOf('singleInstanceLock'));
    expect(calls[setPath]).toBe(`setPath:userData:${path.join(scratch, 'appData', 'Sakta')}`);
  });

  it('turns off Chromium networking, registers app:// as privileged before ready, and keeps no recent documents', () => {
    expect(calls).toEqual(expect.arrayContaining(['switch:disable-background-networking', 'switch:disable-component-update', 'clearRecentDocuments']));
    expect(calls).not.toContain('addRecentDocument');
    const reg = calls.findIndex((c) => c.startsWith('registerSchemes:'));
    expect(reg).toBeLessThan(calls.indexOf('whenReady'));
    expect(JSON.parse(calls[reg]!.slice('registerSchemes:'.length))).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, stream: true }) }),
    ]);
  });

  it('opens one sandboxed, isolated window on app://sakta with an in-memory session and a fixed title', () => {
    expect(windowOptions?.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: true,
      preload: path.join(root, 'dist', 'preload.cjs'),
    });
    expect(partition).toBe(windowOptions?.webPreferences.partition);
    expect(partition!.startsWith('persist:')).toBe(false);
    expect(calls).toEqual(expect.arrayContaining(['title:Sakta', 'contentProtection:true', 'loadURL:app://sakta/index.html', 'spellchecker:false']));
  });

  it('refuses navigation, new windows, remote requests and every permission', () => {
    let prevented = false;
    contentsHandlers.get('will-navigate')!({ preventDefault: () => (prevented = true) }, 'https://example.com');
    expect(prevented).toBe(true);
    expect(windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const decisions: unknown[] = [];
    beforeRequest!({ url: 'https://example.com/x' }, (d: unknown) => decisions.push(d));
    beforeRequest!({ url: 'app://sakta/index.html' }, (d: unknown) => decisions.push(d));
    expect(decisions).toEqual([{ cancel: true }, { cancel: false }]);
    let granted: boolean | undefined;
    permissionRequest!({}, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    expect(permissionCheck!({}, 'clipboard-read')).toBe(false);
  });

  it('serves app:// with the CSP and never a file outside dist/renderer', async () => {
    const index: Response = await protocolHandler!({ url: 'app://sakta/index.html', method: 'GET' });
    expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
    const escape: Response = await protocolHandler!({ url: 'app://sakta/%2e%2e/%2e%2e/package.json', method: 'GET' });
    expect(escape.status).toBeGreaterThanOrEqual(400);
    expect(escape.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('IPC and locking', () => {
  it('registers every contract channel and answers only the app main frame', async () => {
    // Every contract channel, plus the preload's private channel for dropped files.
    expect([...ipcHandlers.keys()].sort()).toEqual([...CHANNELS, DROP_CHANNEL].sort());
    expect(await invoke('vault.status', {}, { url: 'https://evil.example/' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await invoke('vault.status', {}, { url: 'app://sakta/pdf-viewer.html' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    const first = await invoke('vault.status', {});
    expect(first, JSON.stringify(first)).toEqual({ ok: true, value: { exists: false, unlocked: false } });
  });

  it('turns the paths of dropped files into import tokens for the app main frame only, never echoing a path', async () => {
    const dropped = path.join(scratch, 'dropped.txt');
    const tokens = await invoke(DROP_CHANNEL, [dropped, 42, '']);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toEqual({ token: expect.stringMatching(/^[0-9a-f]{64}$/), name: 'dropped.txt' });
    expect(await invoke(DROP_CHANNEL, [dropped], { url: 'app://pdfview/pdf-frame.html' })).toEqual([]);
    expect(await invoke(DROP_CHANNEL, [dropped], { url: 'https://evil.example/' })).toEqual([]);
    expect(await invoke(DROP_CHANNEL, 'not a list')).toEqual([]);
  });

  it('locks the vault and tells the window on suspend, screen lock and quit', async () => {
    const created = await invoke('vault.create', { passphrase: PASS });
    expect(created.ok).toBe(true);
    expect(fs.existsSync(path.join(scratch, 'vault'))).toBe(true);

    powerHandlers.get('suspend')!();
    expect(await invoke('vault.status', {})).toEqual({ ok: true, value: { exists: true, unlocked: false } });
    expect(sent).toContainEqual(['vault.locked', { reason: 'suspend' }]);

    expect(await invoke('vault.unlock', { passphrase: `${PASS}x` })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect((await invoke('vault.unlock', { passphrase: PASS })).ok).toBe(true);
    powerHandlers.get('lock-screen')!();
    expect(sent).toContainEqual(['vault.locked', { reason: 'screen-lock' }]);

    expect((await invoke('vault.unlock', { passphrase: PASS })).ok).toBe(true);
    for (const fn of appHandlers.get('before-quit') ?? []) fn();
    expect(await invoke('vault.status', {})).toEqual({ ok: true, value: { exists: true, unlocked: false } });
    expect(sent).toContainEqual(['vault.locked', { reason: 'shutdown' }]);
  }, 60_000);
});

describe('the viewer frames and media on app://', () => {
  it('serves the PDF frame on its own origin with its own CSP, embeddable only by the app', async () => {
    const frame: Response = await protocolHandler!({ url: 'app://pdfview/pdf-frame.html', method: 'GET' });
    expect(frame.status).toBe(200);
    const csp = frame.headers.get('content-security-policy')!;
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain('frame-ancestors app://sakta');
    const appPage: Response = await protocolHandler!({ url: 'app://pdfview/index.html', method: 'GET' });
    expect(appPage.status).toBe(404);
  });

  it('serves the media frame on a third origin with its own CSP: no network, images from blobs, media from itself', async () => {
    const frame: Response = await protocolHandler!({ url: 'app://mediaview/media-frame.html', method: 'GET' });
    expect(frame.status).toBe(200);
    const csp = frame.headers.get('content-security-policy')!;
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain('img-src blob:');
    expect(csp).toContain("media-src 'self'");
    expect(csp).toContain('frame-ancestors app://sakta');
    expect((await protocolHandler!({ url: 'app://mediaview/index.html', method: 'GET' })).status).toBe(404);
    expect((await protocolHandler!({ url: 'app://mediaview/pdf-frame.html', method: 'GET' })).status).toBe(404);
  });

  it('streams a recording as decrypted byte ranges to a granted URL, and stops at the lock', async () => {
    expect((await invoke('vault.unlock', { passphrase: PASS })).ok).toBe(true);
    const kase = await invoke('cases.create', { title: 'Recorded interview' });
    const wav = wavBytes(3);
    const file = path.join(scratch, 'interview.wav');
    fs.writeFileSync(file, wav);
    // A path the page names is refused; the one the file dialog returned is imported, by token.
    expect((await invoke('documents.import', { caseId: kase.value.id, paths: [file] })).error.code).toBe('BAD_REQUEST');
    dialogAnswers.push([file]);
    const picked = await invoke('dialog.openFiles', { purpose: 'import-documents' });
    expect(picked.value.files.map((f: { name: string }) => f.name)).toEqual(['interview.wav']);
    expect(JSON.stringify(picked)).not.toContain(scratch);
    const imported = await invoke('documents.import', { caseId: kase.value.id, files: picked.value.files.map((f: { token: string }) => f.token) });
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    // A token is good once.
    const again = await invoke('documents.import', { caseId: kase.value.id, files: picked.value.files.map((f: { token: string }) => f.token) });
    expect(again.error.code).toBe('VALIDATION');
    await invoke('documents.open', { id: imported.value.documents[0].id });
    const granted = await invoke('viewer.media', { id: imported.value.documents[0].id });
    expect(granted.ok).toBe(true);
    // Streamed to the media frame's origin only: the app page's origin plays no document.
    const onApp: Response = await protocolHandler!({ url: `app://sakta/${granted.value.src}`, method: 'GET', headers: new Headers({ range: 'bytes=0-' }) });
    expect(onApp.status).toBe(404);
    const url = `app://mediaview/${granted.value.src}`;
    const part: Response = await protocolHandler!({ url, method: 'GET', headers: new Headers({ range: 'bytes=1000-70999' }) });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-70999/${wav.length}`);
    expect(part.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await part.arrayBuffer()).equals(wav.subarray(1000, 71_000))).toBe(true);

    powerHandlers.get('suspend')!();
    const after: Response = await protocolHandler!({ url, method: 'GET', headers: new Headers({ range: 'bytes=0-' }) });
    expect(after.status).toBe(404);
  }, 60_000);
});
