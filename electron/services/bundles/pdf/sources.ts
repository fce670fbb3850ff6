import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { PDFDocument as MupdfDocument } from 'mupdf';
import { SaktaError } from '../../../../shared/errors';
import type { SourceDocument } from '../source';
import type { Fonts } from './fonts';
import type { Geometry } from './table';
import { loadMupdf } from '../../../base/mupdf';
import { drawable, wrapText } from './text';
import { drawImage, drawLine, rgb, type GeneratedPages, type GenPage } from './draw';

/** A source document turned into something that yields a known number of pages. */
export type LoadedSource =
  | { kind: 'pdf'; doc: SourceDocument; pages: number }
  | { kind: 'image'; doc: SourceDocument; bytes: Uint8Array; format: 'png' | 'jpeg'; w: number; h: number; pages: 1 }
  | { kind: 'text'; doc: SourceDocument; lines: string[][]; pages: number };

export const sourceError = (doc: SourceDocument, code: 'UNSUPPORTED' | 'INTEGRITY', why: string) =>
  new SaktaError(code, `Document "${doc.title}" (${doc.originalName}) ${why} No bundle was written.`, { [`documents.${doc.id}`]: why });

const TEXT = { size: 10.5, line: 14, header: 8 };

const require = createRequire(import.meta.url);

/** Takes a source PDF's pages while it is open (the bundle's volume grafts them); it is closed after. */
export type AdoptPdf = (src: LoadedSource & { kind: 'pdf' }, pdf: MupdfDocument) => void;

/**
 * Opens a PDF with MuPDF to check it and count its pages, hands it to `adopt` (when building, so its pages
 * are copied by this one open), then lets it go: a bundle of many sources never holds them all at once.
 */
async function loadPdf(doc: SourceDocument, bytes: Uint8Array, adopt?: AdoptPdf): Promise<LoadedSource> {
  return withSourcePdf(doc, bytes, (pdf) => {
    const n = pdf.countPages();
    if (n === 0) throw sourceError(doc, 'UNSUPPORTED', 'is a damaged PDF (no readable pages). Import a good copy, or leave it out.');
    const src = { kind: 'pdf' as const, doc, pages: n };
    // Every page is looked up now, so a broken page tree fails here, before anything is rendered: by the
    // graft, or else one by one.
    if (adopt) adopt(src, pdf);
    else for (let i = 0; i < n; i++) pdf.findPage(i);
    return src;
  }).catch((e: unknown) => {
    throw e instanceof SaktaError ? e : sourceError(doc, 'UNSUPPORTED', 'is a damaged PDF that could not be read. Import a good copy, or leave it out.');
  });
}

/**
 * Opens a source PDF from memory (decrypted bytes never touch a temp file), refuses an encrypted one,
 * runs `use` and frees MuPDF's copy whatever happens.
 */
async function withSourcePdf<T>(doc: SourceDocument, bytes: Uint8Array, use: (pdf: MupdfDocument) => T): Promise<T> {
  const mupdf = await loadMupdf();
  let pdf: MupdfDocument;
  try {
    pdf = new mupdf.PDFDocument(bytes);
  } catch {
    throw sourceError(doc, 'UNSUPPORTED', 'is a damaged PDF that could not be read. Import a good copy, or leave it out.');
  }
  try {
    // Only a user password stops MuPDF; a PDF with just an owner password (permissions) opens and is copied.
    if (pdf.needsPassword())
      throw sourceError(doc, 'UNSUPPORTED', 'is an encrypted (password-protected) PDF, so it cannot be copied into a bundle. Import an unprotected copy, or leave it out.');
    return use(pdf);
  } finally {
    pdf.destroy();
  }
}

function imageSize(bytes: Uint8Array, format: 'png' | 'jpeg'): { w: number; h: number } | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'png') return b.length > 24 ? { w: b.readUInt32BE(16), h: b.readUInt32BE(20) } : null;
  // JPEG: walk the markers to the first start-of-frame.
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const m = b[i + 1]!;
    const len = b.readUInt16BE(i + 2);
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) return { h: b.readUInt16BE(i + 5), w: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  return null;
}

/** Lines of a text rendering, cut into pages of the bundle's paper size. */
export function paginateText(text: string, fonts: Fonts, g: Geometry): string[][] {
  const lines = wrapText(drawable(text, fonts.supported), fonts.regular, TEXT.size, g.width - 2 * g.margin);
  const perPage = Math.max(1, Math.floor((g.height - g.top - g.bottom - TEXT.header - 10) / TEXT.line));
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage));
  return pages.length ? pages : [['']];
}

/**
 * Reads and checks one document. Bytes are compared with the SHA-256 recorded at import, so the
 * bundle and its manifest can only ever contain exactly what the case file holds.
 */
function checkSha(doc: SourceDocument, bytes: Uint8Array): void {
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== doc.sha256) throw sourceError(doc, 'INTEGRITY', 'does not match the SHA-256 recorded when it was imported (the stored copy is damaged).');
}

export async function loadSource(doc: SourceDocument, bytes: Uint8Array, fonts: Fonts, g: Geometry, adopt?: AdoptPdf): Promise<LoadedSource> {
  checkSha(doc, bytes);
  switch (doc.kind) {
    case 'pdf':
      return loadPdf(doc, bytes, adopt);
    case 'png':
    case 'jpeg': {
      const size = imageSize(bytes, doc.kind);
      if (!size || size.w === 0 || size.h === 0) throw sourceError(doc, 'UNSUPPORTED', 'is a damaged image that could not be read.');
      return { kind: 'image', doc, bytes, format: doc.kind, ...size, pages: 1 };
    }
    case 'text': {
      const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      const lines = paginateText(text, fonts, g);
      return { kind: 'text', doc, lines, pages: lines.length };
    }
    case 'docx': {
      let text: string;
      try {
        // Loaded only for a DOCX source: mammoth and its dependencies are ~15 MiB of a bundle build's memory.
        // Through require() (as the extraction worker does), which esbuild leaves alone: bundled in, its
        // ~1 MB of code would still be parsed at start by every process that holds the engine (~4 MiB RSS).
        const mammoth = require('mammoth') as typeof import('mammoth');
        text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
      } catch {
        throw sourceError(doc, 'UNSUPPORTED', 'is a damaged DOCX file that could not be read.');
      }
      const lines = paginateText(text, fonts, g);
      return { kind: 'text', doc, lines, pages: lines.length };
    }
    default:
      throw sourceError(doc, 'UNSUPPORTED', `is a ${doc.kind} file; only PDFs, PNG or JPEG images, text and DOCX files can go in a bundle.`);
  }
}

/**
 * Draws an image or text source onto new pages of the generated document; returns them in order. (PDF
 * sources are grafted by MuPDF when the volume is assembled, see assemble.ts.) `header` words the line
 * above a typeset text file, in the bundle's language.
 */
export async function appendGenerated(
  out: GeneratedPages,
  src: Exclude<LoadedSource, { kind: 'pdf' }>,
  fonts: Fonts,
  g: Geometry,
  header: (fileName: string, part: number, parts: number) => string,
): Promise<GenPage[]> {
  if (src.kind === 'image') {
    const mupdf = await loadMupdf();
    let img;
    try {
      const image = new mupdf.Image(src.bytes);
      img = { obj: out.doc.addImage(image), width: image.getWidth(), height: image.getHeight() };
      image.destroy();
    } catch {
      throw sourceError(src.doc, 'UNSUPPORTED', 'is a damaged image that could not be read.');
    }
    // The page turns to match the picture, so a wide photo is not shrunk onto a tall page.
    const landscape = img.width > img.height;
    const [pw, ph] = landscape ? [g.height, g.width] : [g.width, g.height];
    const page = out.addPage(pw, ph);
    page.images.set('Im0', img.obj);
    const m = 36;
    const scale = Math.min((pw - 2 * m) / img.width, (ph - 2 * m - 24) / img.height);
    const w = img.width * scale;
    const h = img.height * scale;
    drawImage(page, 'Im0', { x: (pw - w) / 2, y: (ph - h) / 2 + 12, width: w, height: h });
    return [page];
  }
  const pages: GenPage[] = [];
  const grey = rgb(0.45, 0.45, 0.45);
  src.lines.forEach((lines, i) => {
    const page = out.addPage(g.width, g.height);
    let y = g.height - g.top;
    const head = drawable(header(src.doc.originalName, i + 1, src.lines.length), fonts.supported);
    drawLine(page, head, { x: g.margin, y, size: TEXT.header, font: fonts.regular, color: grey });
    y -= 10;
    for (const l of lines) {
      y -= TEXT.line;
      drawLine(page, l, { x: g.margin, y, size: TEXT.size, font: fonts.regular });
    }
    pages.push(page);
  });
  return pages;
}
