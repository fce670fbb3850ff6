import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const PREFLIGHT = path.join(ROOT, 'scripts/preflight.mjs');

/** A PATH holding only this Node: every system tool the tests start is then missing. */
function barePath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-preflight-'));
  fs.symlinkSync(process.execPath, path.join(dir, 'node'));
  return dir;
}

describe('npm test preflight', () => {
  it('passes on this machine and names the Node and SQLite3 Multiple Ciphers versions', () => {
    const r = spawnSync(process.execPath, [PREFLIGHT], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Node ${process.version}`);
    expect(r.stdout).toMatch(/SQLite3 Multiple Ciphers 2\.(4|[5-9])/);
  });

  it('names each missing system tool with the Debian and macOS command that installs it', () => {
    const r = spawnSync(process.execPath, [PREFLIGHT], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PATH: barePath(), SAKTA_CHROMIUM: '/nonexistent' },
    });
    expect(r.status).toBe(1);
    for (const line of ['apt-get install qpdf', 'apt-get install age', 'apt-get install ripgrep', 'apt-get install poppler-utils', 'brew install qpdf', 'apt-get install syncthing', 'brew install syncthing']) {
      expect(r.stderr).toContain(line);
    }
  });

  it('looks for a Python with PyNaCl and cryptography (the reference reader) and names the Debian packages', async () => {
    const { TOOLS, pythonWithCrypto } = (await import(PREFLIGHT)) as {
      TOOLS: { what: string; debian: string; mac: string }[];
      pythonWithCrypto: (candidates: (string | undefined)[]) => boolean;
    };
    const tool = TOOLS.find((t) => t.what.includes('PyNaCl'))!;
    expect(tool.debian).toBe('python3-nacl python3-cryptography');
    expect(tool.mac).toContain('pip3 install pynacl cryptography');
    // A Python without the packages (here: a stand-in that fails every import) is not enough.
    const fake = path.join(barePath(), 'python3');
    fs.writeFileSync(fake, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    expect(pythonWithCrypto(['/nonexistent/python3', fake])).toBe(false);
  });

  it('looks for a native Tesseract 4+ where the app does (not on PATH) and names Debian\'s tesseract-ocr', async () => {
    const { TOOLS, nativeTesseract } = (await import(PREFLIGHT)) as {
      TOOLS: { what: string; debian: string; mac: string }[];
      nativeTesseract: (candidates: (string | undefined)[]) => boolean;
    };
    const tool = TOOLS.find((t) => t.what.includes('native OCR engine'))!;
    expect(tool.debian).toBe('tesseract-ocr');
    expect(tool.mac).toBe('brew install tesseract tesseract-lang');
    const dir = barePath();
    const old = path.join(dir, 'tesseract');
    fs.writeFileSync(old, '#!/bin/sh\necho "tesseract 3.05.02"\n', { mode: 0o755 });
    expect(nativeTesseract(['/nonexistent/tesseract', old])).toBe(false);
    const v5 = path.join(dir, 'tesseract5');
    fs.writeFileSync(v5, '#!/bin/sh\necho "tesseract 5.3.0"\n', { mode: 0o755 });
    expect(nativeTesseract([old, v5])).toBe(true);
  });

  it('refuses a Node older than 24 and says how to get Node 24 from the npm registry', async () => {
    const { checkNode } = (await import(PREFLIGHT)) as { checkNode: (v: string) => string | null };
    expect(checkNode('20.20.2')).toMatch(/npm install --prefix .* node@24/);
    expect(checkNode('24.21.0')).toBeNull();
  });
});
