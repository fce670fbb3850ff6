import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveAppFile } from '../../electron/main/protocol-path';
import { tmpDir } from '../helpers/tmp';

/** A real renderer folder on disk with a secret file beside it, as an attacker would aim for. */
let root: string;
let outside: string;
beforeEach(() => {
  const base = tmpDir('sakta-proto-');
  root = path.join(base, 'renderer');
  outside = path.join(base, 'secret.txt');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'font.woff2'), 'x');
  fs.writeFileSync(path.join(root, 'pdf-frame.html'), '<!doctype html><canvas>');
  fs.writeFileSync(path.join(root, 'media-frame.html'), '<!doctype html><div id=stage>');
  fs.writeFileSync(outside, 'vault passphrase notes');
});

const served = (url: string) => {
  const r = resolveAppFile(root, url);
  return r.ok ? fs.readFileSync(r.file, 'utf8') : r.status;
};

describe('app:// path resolution', () => {
  it('serves index.html for the root and files under the renderer folder with their type', () => {
    expect(served('app://sakta/')).toBe('<!doctype html>');
    expect(served('app://sakta')).toBe('<!doctype html>');
    expect(served('app://sakta/index.html?x=1#top')).toBe('<!doctype html>');
    const js = resolveAppFile(root, 'app://sakta/assets/app-1a2b.js');
    expect(js).toMatchObject({ ok: true, mime: 'text/javascript; charset=utf-8' });
    expect(resolveAppFile(root, 'app://sakta/assets/font.woff2')).toMatchObject({ ok: true, mime: 'font/woff2' });
  });

  it('answers 404 for files that are not there and for folders', () => {
    expect(served('app://sakta/missing.js')).toBe(404);
    expect(served('app://sakta/assets')).toBe(404);
    expect(served('app://sakta/assets/')).toBe(404);
  });

  it.each([
    'app://sakta/../secret.txt',
    'app://sakta/assets/../../secret.txt',
    'app://sakta/%2e%2e/secret.txt',
    'app://sakta/%2E%2E/secret.txt',
    'app://sakta/.%2e/secret.txt',
    'app://sakta/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://sakta/%252e%252e/secret.txt',
    'app://sakta/..%5csecret.txt',
    'app://sakta/..\\secret.txt',
    'app://sakta/assets\\..\\..\\secret.txt',
    'app://sakta//etc/passwd',
    'app://sakta/%2fetc%2fpasswd',
    'app://sakta/C:/Windows/win.ini',
    'app://sakta/index.html%00.js',
    'app://sakta/index.html\u0000.js',
    'app://sakta/%E0%A4%A',
  ])('refuses %s and never reads outside the folder', (url) => {
    const r = resolveAppFile(root, url);
    expect(r.ok).toBe(false);
  });

  it('refuses other hosts, schemes and credentials', () => {
    expect(served('app://evil/index.html')).toBe(403);
    expect(served('file:///etc/passwd')).toBe(403);
    expect(served('https://sakta/index.html')).toBe(403);
    expect(served('app://user:pw@sakta/index.html')).toBe(403);
    expect(served('not a url')).toBe(400);
  });

  it('gives the PDF frame origin its one page and the scripts, never the app page', () => {
    expect(resolveAppFile(root, 'app://pdfview/pdf-frame.html')).toMatchObject({ ok: true, site: 'pdf-frame', mime: 'text/html; charset=utf-8' });
    expect(resolveAppFile(root, 'app://pdfview/assets/app-1a2b.js')).toMatchObject({ ok: true, site: 'pdf-frame' });
    expect(resolveAppFile(root, 'app://sakta/index.html')).toMatchObject({ ok: true, site: 'app' });
    expect(served('app://pdfview/')).toBe(404);
    expect(served('app://pdfview/index.html')).toBe(404);
    expect(served('app://pdfview/assets/../index.html')).toBe(404);
    expect(served('app://pdfview/%2e%2e/secret.txt')).toBe(400);
    expect(served('app://pdfview/assets/x/y.js')).toBe(404);
    expect(served('app://pdfview:8080/pdf-frame.html')).toBe(403);
    expect(served('app://pdfview/media-frame.html')).toBe(404);
  });

  it('gives the media frame origin its one page and the scripts, never the app page or the PDF frame', () => {
    expect(resolveAppFile(root, 'app://mediaview/media-frame.html')).toMatchObject({ ok: true, site: 'media-frame', mime: 'text/html; charset=utf-8' });
    expect(resolveAppFile(root, 'app://mediaview/assets/app-1a2b.js')).toMatchObject({ ok: true, site: 'media-frame' });
    expect(served('app://mediaview/')).toBe(404);
    expect(served('app://mediaview/index.html')).toBe(404);
    expect(served('app://mediaview/pdf-frame.html')).toBe(404);
    expect(served('app://mediaview/assets/../index.html')).toBe(404);
    expect(served('app://mediaview/%2e%2e/secret.txt')).toBe(400);
    expect(served('app://mediaview/assets/x/y.js')).toBe(404);
    expect(served('app://mediaview:8080/media-frame.html')).toBe(403);
  });

  it('refuses an absolute path passed as the URL path', () => {
    expect(resolveAppFile(root, `app://sakta/${outside}`).ok).toBe(false);
  });

  it('refuses a symlink inside the renderer folder that points outside it', () => {
    fs.symlinkSync(outside, path.join(root, 'assets', 'link.js'));
    fs.symlinkSync(path.dirname(outside), path.join(root, 'up'));
    expect(served('app://sakta/assets/link.js')).toBe(403);
    expect(served('app://sakta/up/secret.txt')).toBe(403);
  });

  it('follows a symlink that stays inside the folder', () => {
    fs.symlinkSync(path.join(root, 'index.html'), path.join(root, 'alias.html'));
    expect(served('app://sakta/alias.html')).toBe('<!doctype html>');
  });
});
