import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { tmpDir } from '../helpers/tmp';
import { mupdf } from '../helpers/redaction-samples';

export * from '../helpers/redaction-samples';

// --- checks --------------------------------------------------------------------------------------------

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

export const pdftotext = (file: string) => run('pdftotext', ['-layout', file, '-']);

/** Every page's text as pdf.js reads it, and the annotations it finds (form fields included). */
export async function pdfjsText(bytes: Uint8Array): Promise<{ text: string; annotations: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  let annotations = 0;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    text += content.items.map((it) => ('str' in it ? it.str : '')).join(' ') + '\n';
    annotations += (await page.getAnnotations()).length;
  }
  await doc.destroy();
  return { text, annotations };
}

/**
 * The file as bytes an attacker would scan: the raw file plus every stream that inflates, whether or not any
 * object still points at it (an earlier revision's objects included).
 */
export function rawScan(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes);
  const parts = [raw.toString('latin1')];
  const re = /stream\r?\n/g;
  const s = parts[0]!;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    if (end < 0) break;
    try {
      parts.push(inflateSync(raw.subarray(start, end)).toString('latin1'));
    } catch {
      // Not Flate, or not a stream: the raw bytes are already in parts[0].
    }
  }
  return parts.join('\n');
}

/** The ways a word can sit in PDF bytes: Latin-1, UTF-8, UTF-16BE (text strings), and hex of each. */
export function encodings(word: string): string[] {
  const forms = [Buffer.from(word, 'utf8'), Buffer.from(word, 'latin1'), Buffer.concat([...word].map((c) => Buffer.from([c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])))];
  return forms.flatMap((b) => [b.toString('latin1'), b.toString('hex'), b.toString('hex').toUpperCase()]);
}

/** The file decompressed by qpdf (reachable objects only, object streams expanded): what a reader can reach. */
export function qpdfExpanded(file: string): string {
  const out = path.join(tmpDir(), 'expanded.pdf');
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', '--decode-level=all', file, out]);
  return fs.readFileSync(out).toString('latin1');
}

/** Grey levels of a page rendered by poppler at 72 dpi (one pixel per point). */
export async function renderGray(file: string, page = 1): Promise<{ width: number; height: number; at: (x: number, y: number) => number }> {
  const prefix = path.join(tmpDir(), 'render');
  execFileSync('pdftoppm', ['-r', '72', '-gray', '-png', '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
  return decodeGray(fs.readFileSync(`${prefix}.png`));
}

/** A picture decoded by MuPDF to grey levels. */
export async function decodeGray(bytes: Uint8Array): Promise<{ width: number; height: number; at: (x: number, y: number) => number }> {
  const m = await mupdf();
  const pix = new m.Image(bytes).toPixmap().convertToColorSpace(m.ColorSpace.DeviceGray, false);
  const width = pix.getWidth();
  const height = pix.getHeight();
  const stride = pix.getStride();
  const px = Uint8Array.from(pix.getPixels());
  return { width, height, at: (x, y) => px[y * stride + x]! };
}

/** The brightest pixel inside a rectangle, one pixel in from its edges (anti-aliasing lies on the edge). */
export function maxIn(img: { at: (x: number, y: number) => number }, r: { x: number; y: number; w: number; h: number }, scale = 1): number {
  let max = 0;
  for (let y = Math.ceil(r.y * scale) + 1; y < Math.floor((r.y + r.h) * scale) - 1; y++) {
    for (let x = Math.ceil(r.x * scale) + 1; x < Math.floor((r.x + r.w) * scale) - 1; x++) max = Math.max(max, img.at(x, y));
  }
  return max;
}

/** The darkest pixel inside a rectangle, one pixel in from its edges. */
export function minIn(img: { at: (x: number, y: number) => number }, r: { x: number; y: number; w: number; h: number }, scale = 1): number {
  let min = 255;
  for (let y = Math.ceil(r.y * scale) + 1; y < Math.floor((r.y + r.h) * scale) - 1; y++) {
    for (let x = Math.ceil(r.x * scale) + 1; x < Math.floor((r.x + r.w) * scale) - 1; x++) min = Math.min(min, img.at(x, y));
  }
  return min;
}
