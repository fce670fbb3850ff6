#!/usr/bin/env node
/**
 * First step of `npm test`: checks the runtime and the system tools the tests start, and names each missing
 * one with the command that installs it (Debian and macOS), instead of letting a test fail deep inside with
 * ENOENT. Exit 1 when something is missing; prints one line per check with SAKTA_PREFLIGHT_VERBOSE=1.
 *
 *   node scripts/preflight.mjs
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const NODE_MAJOR = 24;

/** Each tool: how to see it is there, and how to install it where it is not. */
export const TOOLS = [
  { what: 'Chromium (end-to-end tests)', ok: () => fs.existsSync(process.env.SAKTA_CHROMIUM ?? '/usr/bin/chromium'), debian: 'chromium', mac: 'set SAKTA_CHROMIUM to a Chromium or Chrome binary' },
  { what: 'pdfinfo (poppler-utils)', cmd: 'pdfinfo', args: ['-v'], debian: 'poppler-utils', mac: 'brew install poppler' },
  { what: 'qpdf', cmd: 'qpdf', args: ['--version'], debian: 'qpdf', mac: 'brew install qpdf' },
  { what: 'age', cmd: 'age', args: ['--version'], debian: 'age', mac: 'brew install age' },
  { what: 'rg (ripgrep)', cmd: 'rg', args: ['--version'], debian: 'ripgrep', mac: 'brew install ripgrep' },
  // The sync engine of shared cases: its tests run real daemons (SAKTA_SYNCTHING may name another binary).
  { what: 'Syncthing (shared cases\' sync engine)', ok: () => syncthingPresent(), debian: 'syncthing', mac: 'brew install syncthing' },
  // The native OCR engine: found like the app finds it (electron/services/documents/ocr-native.ts), never on PATH.
  {
    what: 'Tesseract 4 or later, the native OCR engine (SAKTA_TESSERACT, /usr/bin, /usr/local/bin or /opt/homebrew/bin)',
    ok: () => nativeTesseract(),
    debian: 'tesseract-ocr',
    mac: 'brew install tesseract tesseract-lang',
  },
  {
    what: 'Russian OCR data (tesseract-ocr-rus)',
    ok: () => ocrRusPresent(),
    debian: 'tesseract-ocr-rus',
    mac: 'brew install tesseract-lang',
  },
  {
    what: 'Python 3 with PyNaCl and cryptography (the reference reader, tools/reference-reader)',
    ok: () => pythonWithCrypto(),
    debian: 'python3-nacl python3-cryptography',
    mac: 'pip3 install pynacl cryptography (or set SAKTA_PYTHON to a Python that has them)',
  },
];

/** The same search as tests/helpers/reference-reader.ts: SAKTA_PYTHON, then Debian's /usr/bin/python3, then PATH. */
export function pythonWithCrypto(candidates = [process.env.SAKTA_PYTHON, '/usr/bin/python3', 'python3']) {
  for (const py of candidates) {
    if (!py || (py.startsWith('/') && !fs.existsSync(py))) continue;
    const r = spawnSync(py, ['-c', 'import nacl.bindings, cryptography.hazmat.primitives.poly1305'], { stdio: 'ignore' });
    if (r.status === 0) return true;
  }
  return false;
}

/** The same candidates as the app's findTesseract (PATH is not searched); true if one runs and is version 4 or later. */
export function nativeTesseract(
  candidates = [process.env.SAKTA_TESSERACT, '/usr/bin/tesseract', '/usr/local/bin/tesseract', '/opt/homebrew/bin/tesseract'],
) {
  for (const bin of candidates) {
    if (!bin || !fs.existsSync(bin)) continue;
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8', env: { OMP_THREAD_LIMIT: '1' }, timeout: 10_000 });
    const m = /tesseract v?(\d+)\./i.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    if (r.status === 0 && m && Number(m[1]) >= 4) return true;
  }
  return false;
}

function syncthingPresent() {
  const r = spawnSync(process.env.SAKTA_SYNCTHING || 'syncthing', ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

function ocrRusPresent() {
  const roots = ['/usr/share/tesseract-ocr', '/opt/homebrew/share', '/usr/local/share'];
  for (const root of roots) {
    if (!fs.existsSync(root)) continue;
    const stack = [root];
    for (let depth = 0; stack.length && depth < 200; depth++) {
      const dir = stack.pop();
      let entries = [];
      try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { continue; }
      for (const e of entries) {
        if (e.isFile() && e.name === 'rus.traineddata') return true;
        if (e.isDirectory() && dir.split('/').length < 8) stack.push(`${dir}/${e.name}`);
      }
    }
  }
  return false;
}

function present(tool) {
  if (tool.ok) return tool.ok();
  const r = spawnSync(tool.cmd, tool.args, { stdio: 'ignore' });
  return !r.error;
}

export function checkNode(version = process.versions.node) {
  const major = Number(version.split('.')[0]);
  if (major >= NODE_MAJOR) return null;
  return (
    `Node ${version} is too old: Sakta's tests run on Node ${NODE_MAJOR}, the runtime Electron 45 ships.\n` +
    `  Install it from the npm registry and put it first on PATH:\n` +
    `    npm install --prefix ~/.cache/sakta-node24 node@24 && export PATH=~/.cache/sakta-node24/node_modules/.bin:$PATH\n` +
    `  then run npm ci again (native modules are built for the Node that installs them).`
  );
}

/** The SQLite module must be the Node build for this Node (a stale install from another runtime crashes). */
function checkSqlite() {
  try {
    const require = createRequire(import.meta.url);
    const Database = require('better-sqlite3-multiple-ciphers');
    const db = new Database(':memory:');
    const v = db.prepare('select sqlite3mc_version() m').get().m;
    db.close();
    return { version: v };
  } catch (e) {
    return { error: `better-sqlite3-multiple-ciphers does not load under Node ${process.version} (${e.message.split('\n')[0]}): run npm ci with this Node.` };
  }
}

function main() {
  const problems = [];
  const nodeProblem = checkNode();
  if (nodeProblem) problems.push(nodeProblem);
  const sqlite = nodeProblem ? {} : checkSqlite();
  if (sqlite.error) problems.push(sqlite.error);
  const missing = TOOLS.filter((t) => !present(t));
  for (const t of missing) {
    problems.push(`Missing: ${t.what}. Debian/Ubuntu: sudo apt-get install ${t.debian}   macOS: ${t.mac}`);
  }
  if (problems.length) {
    process.stderr.write(`npm test cannot run yet:\n${problems.map((p) => `- ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`preflight: Node ${process.version}, ${sqlite.version}, every system tool present\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
