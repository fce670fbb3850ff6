import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Where OCR language data (Tesseract `.traineddata`, LSTM models) is found, and which of it is usable.
 * There is no npm package with Russian data: Russian comes from Debian's `tesseract-ocr-rus` (copied into
 * the packaged app's `resources/ocr` at build time when the build machine has it); Kyrgyz, whose Cyrillic
 * alphabet contains Russian's, and English come from the `@tesseract.js-data/*` packages. See docs/ocr.md.
 */
export type OcrSource = 'resources' | 'npm' | 'system';

export interface OcrLanguage {
  code: string;
  path: string;
  source: OcrSource;
  size: number;
}

/** Recognised together, in this order: Tesseract tries the first and falls back to the others word by word. */
export const OCR_LANGUAGES = ['rus', 'kir', 'eng'] as const;

/** Tesseract's fast/best_int LSTM models are 1–15 MB; anything outside this is a stray or truncated file. */
const MIN_BYTES = 200 * 1024;
const MAX_BYTES = 64 * 1024 * 1024;

const require = createRequire(import.meta.url);

export interface OcrDir {
  dir: string;
  source: OcrSource;
}

/** Folders of system Tesseract installs: Debian/Ubuntu (one per major version), Fedora/Arch, Homebrew. */
function systemDirs(): string[] {
  const out: string[] = [];
  const debian = '/usr/share/tesseract-ocr';
  try {
    for (const v of fs.readdirSync(debian).sort().reverse()) out.push(path.join(debian, v, 'tessdata'));
  } catch {
    // not installed
  }
  out.push('/usr/share/tessdata', '/usr/local/share/tessdata', '/opt/homebrew/share/tessdata');
  return out;
}

/** The npm data package's LSTM-only model folder, if the package is installed. */
function npmDir(code: string): string | null {
  try {
    return path.join(path.dirname(require.resolve(`@tesseract.js-data/${code}/package.json`)), '4.0.0_best_int');
  } catch {
    return null;
  }
}

/** Where to look, best first: what the packaged app ships, then node_modules, then the system's Tesseract. */
export function ocrDataDirs(): OcrDir[] {
  const dirs: OcrDir[] = [];
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (process.env.SAKTA_OCR_DATA_DIR) dirs.push({ dir: process.env.SAKTA_OCR_DATA_DIR, source: 'resources' });
  if (resources) dirs.push({ dir: path.join(resources, 'ocr'), source: 'resources' });
  for (const code of OCR_LANGUAGES) {
    const d = npmDir(code);
    if (d) dirs.push({ dir: d, source: 'npm' });
  }
  for (const d of systemDirs()) dirs.push({ dir: d, source: 'system' });
  return dirs;
}

/**
 * A plausible language file: a sane size, and either gzip (the npm packages) or a traineddata header,
 * whose first little-endian word counts its components (24 in Tesseract 4/5 files).
 */
export function validLanguageFile(file: string): { size: number } | null {
  let fd: number | undefined;
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size < MIN_BYTES || st.size > MAX_BYTES) return null;
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(4);
    if (fs.readSync(fd, head, 0, 4, 0) !== 4) return null;
    const gzip = head[0] === 0x1f && head[1] === 0x8b;
    const entries = head.readUInt32LE(0);
    return gzip || (entries >= 1 && entries <= 64) ? { size: st.size } : null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The usable language files, one per language, in OCR_LANGUAGES order; the first folder that has a valid file wins. */
export function findOcrLanguages(dirs: OcrDir[] = ocrDataDirs(), wanted: readonly string[] = OCR_LANGUAGES): OcrLanguage[] {
  const found: OcrLanguage[] = [];
  for (const code of wanted) {
    search: for (const { dir, source } of dirs) {
      for (const name of [`${code}.traineddata`, `${code}.traineddata.gz`]) {
        const file = path.join(dir, name);
        const ok = validLanguageFile(file);
        if (ok) {
          found.push({ code, path: file, source, size: ok.size });
          break search;
        }
      }
    }
  }
  return found;
}
