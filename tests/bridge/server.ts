/**
 * Test-only bridge: serves the built renderer over HTTP on 127.0.0.1 and exposes the REAL services
 * through the REAL dispatcher, so Playwright drives the same code paths the Electron window does.
 * Never packaged. Never logs payloads (they hold passphrases and case data).
 *
 *   POST /ipc/<channel>     token header + Origin of this server → dispatcher → Result JSON
 *   GET  /events            token header → server-sent events (vault.locked, job.progress)
 *   GET  /bridge-preload.js defines window.sakta with the preload's shape
 *   GET  /…                 dist/renderer/, index.html with the preload script added
 *   http://localhost:<port>/pdf-frame.html   the isolated PDF viewer, on another origin (app://pdfview in Electron)
 *   http://localhost:<port2>/media-frame.html  the isolated image, audio and video viewer, on a third origin
 *                           (app://mediaview in Electron), with a second listening port of its own
 *   http://localhost:<port2>/media/<token>     decrypted audio/video ranges (the same MediaStreams as
 *                           app://mediaview/media/), served to the media frame's origin only
 *
 * Run by hand: `npx tsx tests/bridge/server.ts [vaultDir]` prints the URL to open.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable, pipeline } from 'node:stream';
import { MAX_PAYLOAD_BYTES } from '../../shared/ipc/contract';
import type { PickPurpose } from '../../shared/schemas/picked';
import { APP_ORIGIN, MEDIA_FRAME_ORIGIN, MEDIA_FRAME_PAGE, MEDIA_PATH_PREFIX, PDF_FRAME_ORIGIN, PDF_FRAME_PAGE } from '../../shared/origins';
import { MEDIA_FRAME_CONTENT_SECURITY_POLICY, PDF_FRAME_CONTENT_SECURITY_POLICY } from '../../electron/main/security-policy';
import { events, type EventName, type EventPayload } from '../../shared/ipc/events';
import { createNativeCrypto } from '../../electron/crypto/native';
import type { Dispatch } from '../../electron/ipc/dispatcher';
import { knownDbError } from '../../electron/db/connection';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../electron/composition/app-services';
import { ScriptedDialogs } from '../../electron/services/dialogs';
import { RecordingShell } from '../../electron/services/shell';
import { systemClock } from '../../electron/services/lock/clock';
import { wireLockPolicy } from '../../electron/services/lock/lock-wiring';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TOKEN_HEADER = 'x-sakta-bridge-token';

export interface BridgeOptions {
  /** Vault folder; default: `vault` inside a fresh temp folder that close() removes. */
  vaultDir?: string;
  /** Built renderer; default dist/renderer. */
  rendererDir?: string;
  now?: () => Date;
  /** Sakta's own Syncthing for this vault (tests: a 127.0.0.1 listen port of tests/helpers/ports.ts). */
  team?: AppServicesOptions['team'];
}

export interface Bridge {
  /** Page URL (index.html). */
  url: string;
  origin: string;
  /** The isolated PDF frame's origin: the same server reached as localhost (app://pdfview in Electron). */
  frameOrigin: string;
  /**
   * The isolated media frame's origin (app://mediaview in Electron): a second port of the bridge, reached as
   * localhost, so it is another origin than both the app's and the PDF frame's, and another site than the app's.
   */
  mediaFrameOrigin: string;
  token: string;
  vaultDir: string;
  /** The same service instances the page talks to, for assertions and for simulating main-process events. */
  services: AppServices;
  /**
   * Scripted OS dialogs: push the paths the next dialog should answer. As in Electron, the page then gets
   * one-time tokens for them (`dialog.*` channels), never the paths.
   */
  dialogs: ScriptedDialogs;
  /** The OS shell's stand-in: every "open" and "show in folder" the page asked for, with its path; nothing is opened. */
  shell: RecordingShell;
  /** The clipboard the services write to (in memory: tests must not touch the machine's). */
  clipboard: { text: string };
  /**
   * The stand-in for a dialog answered at once (test bridge only): registers `path` for `purpose` in the main
   * process's table and returns the token the page would have received, for tests that call the API directly.
   */
  pick(purpose: PickPurpose, path: string): string;
  /** Sends a main → renderer event to every open page. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Pages currently listening for events (a page subscribes once its app has started). */
  eventStreams(): number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

/** Maps a URL path to a file strictly inside `root`, or null (traversal, NUL, encoded tricks, symlinks out). */
export function resolveStatic(root: string, urlPath: string): string | null {
  let p: string;
  try {
    p = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (p.includes('\0') || p.includes('\\')) return null;
  const full = path.resolve(root, '.' + path.posix.normalize('/' + p));
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  try {
    const real = fs.realpathSync(full);
    const realRoot = fs.realpathSync(root);
    if (!real.startsWith(realRoot + path.sep)) return null;
    return fs.statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

let preloadBundle: string | null = null;

/** tests/bridge/page-preload.ts bundled for the browser once per process; the token is filled in per bridge. */
async function preloadScript(token: string, viewerFrameUrl: string, mediaFrameUrl: string): Promise<string> {
  if (preloadBundle === null) {
    const esbuild = await import('esbuild');
    const out = await esbuild.build({
      entryPoints: [path.join(REPO, 'tests/bridge/page-preload.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'chrome130',
      define: {
        __SAKTA_BRIDGE_TOKEN__: '"@@SAKTA_BRIDGE_TOKEN@@"',
        __SAKTA_TOKEN_HEADER__: JSON.stringify(TOKEN_HEADER),
        __SAKTA_VIEWER_FRAME_URL__: '"@@SAKTA_VIEWER_FRAME_URL@@"',
        __SAKTA_MEDIA_FRAME_URL__: '"@@SAKTA_MEDIA_FRAME_URL@@"',
      },
      logLevel: 'silent',
    });
    preloadBundle = out.outputFiles[0]!.text;
  }
  return preloadBundle
    .replace('@@SAKTA_BRIDGE_TOKEN@@', token)
    .replace('@@SAKTA_VIEWER_FRAME_URL@@', viewerFrameUrl)
    .replace('@@SAKTA_MEDIA_FRAME_URL@@', mediaFrameUrl);
}

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const refuse = (res: http.ServerResponse, status: number, code: string, message: string) =>
  sendJson(res, status, { ok: false, error: { code, message } });

function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startBridge(opts: BridgeOptions = {}): Promise<Bridge> {
  const ownTemp = opts.vaultDir ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-bridge-'));
  const vaultDir = opts.vaultDir ?? path.join(ownTemp!, 'vault');
  const rendererDir = path.resolve(opts.rendererDir ?? path.join(REPO, 'dist/renderer'));
  const indexFile = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) throw new Error(`No built renderer at ${rendererDir}; run: node scripts/build.mjs renderer`);

  const dialogs = new ScriptedDialogs();
  const shell = new RecordingShell();
  // In memory, as Electron's plain-text clipboard is to the guard: copies are read back by tests from here.
  const clipboard = { text: '' };
  const services = createAppServices({
    vaultDir,
    crypto: createNativeCrypto(),
    allowTestKdf: true,
    now: opts.now,
    ...(opts.team ? { team: opts.team } : {}),
    dialogs,
    shell,
    clipboard: { readText: () => clipboard.text, writeText: (t) => void (clipboard.text = t), clear: () => void (clipboard.text = '') },
  });
  const handlers = createHandlers(services);
  const token = randomBytes(32).toString('hex');
  const streams = new Set<http.ServerResponse>();
  let origin = '';
  let host = '';
  // Replaced once the port (and so the origin) is known; nothing is served before that.
  let dispatch: Dispatch = async () => ({ ok: false, error: { code: 'INTERNAL', message: 'The bridge is starting.' } });

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    const checked = events[event].parse(payload);
    const line = `data: ${JSON.stringify({ event, payload: checked })}\n\n`;
    for (const s of streams) s.write(line);
  };
  // Every event the services announce reaches the page, as Electron's main process sends them to the window.
  const offEvents = services.events.onAny((name, payload) => emit(name, payload));
  // The same idle-lock policy as the Electron main process; here "activity" is any request from the page,
  // since the bridge cannot see the user's input events.
  const idleLock = wireLockPolicy({ vault: services.vault, settings: services.settings, clock: systemClock });

  const html = fs.readFileSync(indexFile, 'utf8');
  const csp = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  if (!csp) throw new Error('dist/renderer/index.html has no CSP meta tag');
  const appFrameSrc = `frame-src ${PDF_FRAME_ORIGIN} ${MEDIA_FRAME_ORIGIN}`;
  if (!csp.includes(appFrameSrc)) throw new Error('dist/renderer/index.html does not allow the viewer frames');
  const frameHtml = fs.readFileSync(path.join(rendererDir, PDF_FRAME_PAGE.slice(1)), 'utf8');
  const mediaFrameHtml = fs.readFileSync(path.join(rendererDir, MEDIA_FRAME_PAGE.slice(1)), 'utf8');
  // Filled in once the port is known. In Electron the frame is app://pdfview; here it is the same server
  // reached as "localhost" instead of "127.0.0.1": another origin to Chromium, so the isolation is real.
  let page = '';
  let preload = '';
  let frameOrigin = '';
  let frameHost = '';
  let pageHeaders: Record<string, string> = {};
  let frameHeaders: Record<string, string> = {};
  let mediaFrameOrigin = '';
  let mediaFrameHost = '';
  let mediaFrameHeaders: Record<string, string> = {};

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'Bridge failure.');
      else res.destroy();
    });
  };
  const server = http.createServer(onRequest);
  // The media frame's origin needs a port of its own: "localhost:<port>" is already the PDF frame's.
  const mediaServer = http.createServer(onRequest);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding: only requests addressed to this exact host:port (or a frame's).
    if (req.headers.host === frameHost && frameHost) return serveFrame(req, res);
    if (req.headers.host === mediaFrameHost && mediaFrameHost) return serveMediaFrame(req, res);
    if (req.headers.host !== host) return refuse(res, 421, 'FORBIDDEN_SENDER', 'Wrong host.');
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname.startsWith('/ipc/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'BAD_REQUEST', 'POST only.');
      if (!sameToken(req.headers[TOKEN_HEADER], token)) return refuse(res, 401, 'FORBIDDEN_SENDER', 'Missing or wrong bridge token.');
      if (req.headers.origin !== origin) return refuse(res, 403, 'FORBIDDEN_SENDER', 'This request did not come from the Sakta page.');
      idleLock.policy.activity();
      const body = await readBody(req, MAX_PAYLOAD_BYTES * 2);
      if (body === null) return refuse(res, 413, 'PAYLOAD_TOO_LARGE', 'The request is too large.');
      let payload: unknown;
      try {
        payload = body ? JSON.parse(body) : {};
      } catch {
        return refuse(res, 400, 'BAD_REQUEST', 'The request could not be read.');
      }
      const channel = decodeURIComponent(url.pathname.slice('/ipc/'.length));
      // The origin passed on is the one the browser stated, so the dispatcher's own check is exercised too.
      return sendJson(res, 200, await dispatch(channel, payload, { origin: req.headers.origin, isMainFrame: true }));
    }

    if (url.pathname === '/events') {
      if (!sameToken(req.headers[TOKEN_HEADER], token)) return refuse(res, 401, 'FORBIDDEN_SENDER', 'Missing or wrong bridge token.');
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'BAD_REQUEST', 'GET only.');
    if (url.pathname === '/bridge-preload.js') {
      res.writeHead(200, { 'content-type': TYPES['.js']!, 'cache-control': 'no-store' });
      return void res.end(preload);
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { 'content-type': TYPES['.html']!, ...pageHeaders });
      return void res.end(page);
    }
    if (url.pathname === PDF_FRAME_PAGE) return refuse(res, 404, 'NOT_FOUND', 'The PDF frame lives on its own origin.');
    if (url.pathname === MEDIA_FRAME_PAGE) return refuse(res, 404, 'NOT_FOUND', 'The media frame lives on its own origin.');
    const file = resolveStatic(rendererDir, url.pathname);
    if (!file) return refuse(res, 404, 'NOT_FOUND', 'Not found.');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    fs.createReadStream(file).pipe(res);
  }

  /** The frame's origin serves its one page and the bundled assets, with the frame's own CSP; nothing else. */
  function serveFrame(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'BAD_REQUEST', 'GET only.');
    const url = new URL(req.url ?? '/', frameOrigin);
    if (url.pathname === PDF_FRAME_PAGE) {
      res.writeHead(200, { 'content-type': TYPES['.html']!, ...frameHeaders });
      return void res.end(frameHtml);
    }
    const file = url.pathname.startsWith('/assets/') ? resolveStatic(rendererDir, url.pathname) : null;
    if (!file) return refuse(res, 404, 'NOT_FOUND', 'Not found.');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...frameHeaders });
    fs.createReadStream(file).pipe(res);
  }

  /**
   * The media frame's origin: its one page, the bundled assets (with the frame's own CSP) and the media streams
   * (with theirs), as app://mediaview in Electron; nothing else.
   */
  async function serveMediaFrame(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', mediaFrameOrigin);
    if (url.pathname.startsWith(MEDIA_PATH_PREFIX)) {
      const r = await services.media.respond({ method: req.method ?? 'GET', token: url.pathname.slice(MEDIA_PATH_PREFIX.length), range: req.headers.range });
      res.writeHead(r.status, r.headers);
      if (!r.body) return void res.end();
      // Pulled as the browser reads; a seek closes this response and so stops the decryption.
      pipeline(Readable.from(r.body), res, () => undefined);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'BAD_REQUEST', 'GET only.');
    if (url.pathname === MEDIA_FRAME_PAGE) {
      res.writeHead(200, { 'content-type': TYPES['.html']!, ...mediaFrameHeaders });
      return void res.end(mediaFrameHtml);
    }
    const file = url.pathname.startsWith('/assets/') ? resolveStatic(rendererDir, url.pathname) : null;
    if (!file) return refuse(res, 404, 'NOT_FOUND', 'Not found.');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...mediaFrameHeaders });
    fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  await new Promise<void>((resolve, reject) => {
    mediaServer.once('error', reject);
    mediaServer.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  frameHost = `localhost:${port}`;
  frameOrigin = `http://${frameHost}`;
  mediaFrameHost = `localhost:${(mediaServer.address() as { port: number }).port}`;
  mediaFrameOrigin = `http://${mediaFrameHost}`;
  const appCsp = csp.replace(appFrameSrc, `frame-src ${frameOrigin} ${mediaFrameOrigin}`);
  // The test preload must run before the app's module script, exactly as Electron's preload does.
  page = html
    .replace(csp, appCsp)
    .replace(/<script /, '<script src="./bridge-preload.js"></script>\n    <script ');
  preload = await preloadScript(token, `${frameOrigin}${PDF_FRAME_PAGE}`, `${mediaFrameOrigin}${MEDIA_FRAME_PAGE}`);
  // Same policy as the meta tag, sent as a header so directives a meta tag cannot carry also apply.
  pageHeaders = { 'content-security-policy': `${appCsp}; frame-ancestors 'none'`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  // Exactly the policy Electron sends for app://pdfview, with the embedding origin mapped to this server's.
  frameHeaders = {
    'content-security-policy': PDF_FRAME_CONTENT_SECURITY_POLICY.replace(`frame-ancestors ${APP_ORIGIN}`, `frame-ancestors ${origin}`),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  // And exactly the policy Electron sends for app://mediaview, mapped the same way.
  mediaFrameHeaders = {
    'content-security-policy': MEDIA_FRAME_CONTENT_SECURITY_POLICY.replace(`frame-ancestors ${APP_ORIGIN}`, `frame-ancestors ${origin}`),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  dispatch = createDispatcher(handlers, { allowedOrigins: [origin], mapError: knownDbError });

  let closed = false;
  return {
    url: `${origin}/`,
    origin,
    frameOrigin,
    mediaFrameOrigin,
    token,
    vaultDir,
    services,
    dialogs,
    shell,
    clipboard,
    pick: (purpose, p) => services.picked.grant(purpose, p).token,
    emit,
    eventStreams: () => streams.size,
    async close() {
      if (closed) return;
      closed = true;
      offEvents();
      idleLock.dispose();
      services.vault.lock('shutdown');
      // The lock stops Sakta's Syncthing without waiting; wait for it here, before its folders are removed.
      await services.teamSync.stop();
      for (const s of streams) s.end();
      streams.clear();
      server.closeAllConnections();
      mediaServer.closeAllConnections();
      await Promise.all([server, mediaServer].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
      if (ownTemp) fs.rmSync(ownTemp, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.env.SAKTA_TEST_FAST_KDF ??= '1';
  const bridge = await startBridge({ vaultDir: process.argv[2] });
  process.stdout.write(`Sakta test bridge: ${bridge.url}\nvault: ${bridge.vaultDir}\n`);
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
