import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { electronSqliteBindingCandidates, findElectronSqliteBinding } from '../../electron/main/native-binding';
import {
  APP_RESPONSE_HEADERS,
  CONTENT_SECURITY_POLICY,
  frameOrigin,
  isFrameNavigationAllowed,
  isNavigationAllowed,
  isRequestAllowed,
  MEDIA_FRAME_CONTENT_SECURITY_POLICY,
  MEDIA_FRAME_RESPONSE_HEADERS,
  PDF_FRAME_CONTENT_SECURITY_POLICY,
  PDF_FRAME_RESPONSE_HEADERS,
  SESSION_PARTITION,
  windowWebPreferences,
} from '../../electron/main/security-policy';

/** A CSP as { directive: sources }. */
function directivesOf(csp: string): Record<string, string> {
  return Object.fromEntries(
    csp.split(';').map((d) => {
      const [k, ...v] = d.trim().split(/\s+/);
      return [k!, v.join(' ')];
    }),
  );
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('window request policy', () => {
  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/x',
    'ws://localhost/socket',
    'wss://example.org/',
    'ftp://example.org/file',
    'file:///etc/passwd',
    'app://evil/index.html',
    'chrome://settings',
    'javascript:alert(1)',
    'blob:https://example.com/abc',
    'devtools://devtools/bundled/inspector.html',
    'garbage',
  ])('blocks %s in a packaged build', (url) => {
    expect(isRequestAllowed(url, { dev: false })).toBe(false);
  });

  it('lets the app load its own files, its own blobs and inline images', () => {
    expect(isRequestAllowed('app://sakta/index.html', { dev: false })).toBe(true);
    expect(isRequestAllowed('blob:app://sakta/4f7c1d3e-0000-4000-8000-000000000000', { dev: false })).toBe(true);
    expect(isRequestAllowed('data:image/png;base64,AAAA', { dev: false })).toBe(true);
  });

  it('allows DevTools only while developing', () => {
    expect(isRequestAllowed('devtools://devtools/bundled/inspector.html', { dev: true })).toBe(true);
    expect(isRequestAllowed('https://example.com/', { dev: true })).toBe(false);
  });

  it('allows navigation only within app://sakta', () => {
    expect(isNavigationAllowed('app://sakta/index.html')).toBe(true);
    expect(isNavigationAllowed('https://sakta/index.html')).toBe(false);
    expect(isNavigationAllowed('file:///tmp/case.pdf')).toBe(false);
    expect(isNavigationAllowed('app://pdfview/pdf-frame.html')).toBe(false);
    expect(isNavigationAllowed('app://mediaview/media-frame.html')).toBe(false);
  });

  it('lets a subframe show only the PDF frame page, and lets that origin load its files', () => {
    expect(isFrameNavigationAllowed('app://pdfview/pdf-frame.html')).toBe(true);
    for (const url of ['app://pdfview/index.html', 'app://sakta/index.html', 'https://example.com/', 'app://pdfview:1/pdf-frame.html', 'javascript:alert(1)', 'about:blank'])
      expect(isFrameNavigationAllowed(url), url).toBe(false);
    expect(isRequestAllowed('app://pdfview/assets/pdf.worker.mjs', { dev: false })).toBe(true);
    expect(isRequestAllowed('blob:app://pdfview/4f7c1d3e-0000-4000-8000-000000000000', { dev: false })).toBe(true);
    expect(isRequestAllowed('blob:app://evil/4f7c1d3e-0000-4000-8000-000000000000', { dev: false })).toBe(false);
  });

  it('lets a subframe show the media frame page, and lets that origin load its files, blobs and streams', () => {
    expect(isFrameNavigationAllowed('app://mediaview/media-frame.html')).toBe(true);
    for (const url of ['app://mediaview/pdf-frame.html', 'app://pdfview/media-frame.html', 'app://mediaview/index.html', 'app://mediaview/media/' + 'a'.repeat(64), 'app://mediaview:1/media-frame.html', 'app://u@mediaview/media-frame.html'])
      expect(isFrameNavigationAllowed(url), url).toBe(false);
    expect(isRequestAllowed('app://mediaview/assets/media-frame.js', { dev: false })).toBe(true);
    expect(isRequestAllowed(`app://mediaview/media/${'a'.repeat(64)}`, { dev: false })).toBe(true);
    expect(isRequestAllowed('blob:app://mediaview/4f7c1d3e-0000-4000-8000-000000000000', { dev: false })).toBe(true);
    expect(isRequestAllowed('blob:app://mediaview.evil/4f7c1d3e-0000-4000-8000-000000000000', { dev: false })).toBe(false);
  });
});

describe('IPC caller origin', () => {
  it('uses Chromium\'s frame origin when Electron provides it', () => {
    expect(frameOrigin({ origin: 'app://sakta', url: 'app://sakta/index.html' })).toBe('app://sakta');
    expect(frameOrigin({ origin: 'https://evil.example', url: 'app://sakta/' })).toBe('https://evil.example');
  });

  it('derives app://sakta from the URL, which Node\'s URL alone reports as "null"', () => {
    expect(new URL('app://sakta/index.html').origin).toBe('null');
    expect(frameOrigin({ url: 'app://sakta/index.html' })).toBe('app://sakta');
    expect(frameOrigin({ url: 'https://evil.example/x' })).toBe('https://evil.example');
    expect(frameOrigin({ url: 'about:blank' })).toBe('');
    expect(frameOrigin({ url: 'not a url' })).toBe('');
    expect(frameOrigin(null)).toBe('');
  });
});

describe('window settings', () => {
  it('isolates the page from Node and keeps the session in memory', () => {
    const prefs = windowWebPreferences({ preload: '/x/preload.cjs', packaged: true });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: false,
      webviewTag: false,
      preload: '/x/preload.cjs',
    });
    expect(prefs.partition).toBe(SESSION_PARTITION);
    expect(SESSION_PARTITION.startsWith('persist:')).toBe(false);
    expect(windowWebPreferences({ preload: 'p', packaged: false }).devTools).toBe(true);
  });

  it('sends a CSP that forbids remote code, inline script, framing and decoding documents in the app page', () => {
    expect(directivesOf(CONTENT_SECURITY_POLICY)).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      // No blob:, no data:, no media: images, audio and video of documents are decoded in the media frame only.
      'img-src': "'self'",
      'font-src': "'self'",
      'connect-src': "'self'",
      'media-src': "'none'",
      'frame-src': 'app://pdfview app://mediaview',
      'worker-src': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(APP_RESPONSE_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('gives the PDF frame no network, no frames and no media, embeddable only by the app', () => {
    expect(directivesOf(PDF_FRAME_CONTENT_SECURITY_POLICY)).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      'worker-src': "'self'",
      'connect-src': "'none'",
      'media-src': "'none'",
      'frame-src': "'none'",
      'object-src': "'none'",
      'form-action': "'none'",
      'frame-ancestors': 'app://sakta',
    });
    expect(PDF_FRAME_RESPONSE_HEADERS['Content-Security-Policy']).toBe(PDF_FRAME_CONTENT_SECURITY_POLICY);
  });

  it('gives the media frame no network, workers or frames; images from its own blobs, media from its own origin only', () => {
    expect(directivesOf(MEDIA_FRAME_CONTENT_SECURITY_POLICY)).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': 'blob:',
      'media-src': "'self'",
      'font-src': "'none'",
      'connect-src': "'none'",
      'worker-src': "'none'",
      'frame-src': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': 'app://sakta',
    });
    expect(MEDIA_FRAME_RESPONSE_HEADERS['Content-Security-Policy']).toBe(MEDIA_FRAME_CONTENT_SECURITY_POLICY);
  });

  it('keeps the CSP meta tags of the built pages in step with the headers', () => {
    const meta = (file: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(fs.readFileSync(path.join(REPO, 'renderer', file), 'utf8'))?.[1];
    const withoutAncestors = (csp: string) => csp.split('; ').filter((d) => !d.startsWith('frame-ancestors')).sort().join('; ');
    expect(withoutAncestors(meta('index.html')!)).toBe(withoutAncestors(CONTENT_SECURITY_POLICY));
    expect(withoutAncestors(meta('pdf-frame.html')!)).toBe(withoutAncestors(PDF_FRAME_CONTENT_SECURITY_POLICY));
    expect(withoutAncestors(meta('media-frame.html')!)).toBe(withoutAncestors(MEDIA_FRAME_CONTENT_SECURITY_POLICY));
  });
});

describe('Electron SQLite build lookup', () => {
  const root = path.join(path.sep, 'repo');
  it('prefers the build for the running Electron version in development', () => {
    const versioned = path.join(root, '.native', 'electron', '45.6.1', 'better_sqlite3.node');
    const flat = path.join(root, '.native', 'electron', 'better_sqlite3.node');
    const loc = { appRoot: root, electronVersion: '45.6.1', packaged: false };
    expect(findElectronSqliteBinding({ ...loc, exists: () => true })).toBe(versioned);
    expect(findElectronSqliteBinding({ ...loc, exists: (p) => p === flat })).toBe(flat);
    expect(findElectronSqliteBinding({ ...loc, exists: () => false })).toBeUndefined();
  });

  it('uses the unpacked module next to app.asar when packaged', () => {
    const res = path.join(path.sep, 'opt', 'Sakta', 'resources');
    const [only] = electronSqliteBindingCandidates({ appRoot: '/x', resourcesPath: res, electronVersion: '45.6.1', packaged: true });
    expect(only).toBe(path.join(res, 'app.asar.unpacked', 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node'));
  });
});
