import { SaktaError } from '../../../shared/errors';
import type { RedactionMark } from '../../../shared/schemas/redaction';
import type { Mupdf as MuPdf } from '../../base/mupdf';

type PDFDocument = InstanceType<MuPdf['PDFDocument']>;
type PDFPage = InstanceType<MuPdf['PDFPage']>;
type Rect = [number, number, number, number];

export interface RedactionResult {
  bytes: Uint8Array;
  /** Every area removed, the ones found for the words included: what custody records (never the words). */
  marks: RedactionMark[];
}

/** The catalogue keeps the page tree only: outlines, names (attachments, scripts), forms, XMP, structure go. */
const ROOT_KEEP = new Set(['Type', 'Pages']);
/** Per page: what may carry text or an old picture of the page besides its content. */
const PAGE_DROP = ['Annots', 'Metadata', 'PieceInfo', 'Thumb', 'AA', 'StructParents', 'B', 'Tabs'];

const toRect = (m: RedactionMark, bounds: Rect): Rect => [bounds[0] + m.x, bounds[1] + m.y, bounds[0] + m.x + m.w, bounds[1] + m.y + m.h];

function quadRect(q: number[]): Rect {
  const xs = [q[0]!, q[2]!, q[4]!, q[6]!];
  const ys = [q[1]!, q[3]!, q[5]!, q[7]!];
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Where the words are on a page (mupdf's search is capped at 500 hits a call: more is refused, not truncated). */
function findWords(page: PDFPage, words: string[]): Rect[] {
  const rects: Rect[] = [];
  for (const w of words) {
    const hits = page.search(w, 'ignore-case');
    if (hits.length >= 500) throw new SaktaError('UNSUPPORTED', 'A page holds 500 or more occurrences of one of the words; mark that page by area instead.');
    for (const hit of hits) for (const q of hit) rects.push(quadRect(q as unknown as number[]));
  }
  return rects;
}

/** The catalogue, pages and every object: no metadata, forms, attachments, scripts or annotations remain. */
function strip(doc: PDFDocument): void {
  const trailer = doc.getTrailer();
  trailer.delete('Info');
  const root = trailer.get('Root');
  const keys: string[] = [];
  root.forEach((_v, k) => keys.push(String(k)));
  for (const k of keys) if (!ROOT_KEEP.has(k)) root.delete(k);
  for (let i = 0; i < doc.countPages(); i++) {
    const obj = doc.findPage(i);
    for (const k of PAGE_DROP) obj.delete(k);
  }
  // XMP can hang off any stream (images, fonts), not only the catalogue.
  for (let n = 1; n < doc.countObjects(); n++) {
    const o = doc.newIndirect(n).resolve();
    if (o.isDictionary() || o.isStream()) o.delete('Metadata');
  }
}

/** Checks the written file again: no word found, no character left inside a mark. A miss is an error, not a leak. */
function verify(mupdf: MuPdf, bytes: Uint8Array, marks: RedactionMark[], words: string[]): void {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.loadPage(i);
    for (const w of words) {
      if (page.search(w, 'ignore-case').length) throw new SaktaError('INTERNAL', `Redaction failed: text to remove is still on page ${i + 1}. Nothing was saved.`);
    }
    const bounds = page.getBounds() as Rect;
    const rects = marks.filter((m) => m.page === i + 1).map((m) => toRect(m, bounds));
    if (!rects.length) continue;
    let left = 0;
    page.toStructuredText('').walk({
      onChar(_c, _o, _f, _s, quad) {
        const r = quadRect(quad as unknown as number[]);
        const cx = (r[0] + r[2]) / 2;
        const cy = (r[1] + r[3]) / 2;
        if (rects.some((m) => cx > m[0] && cx < m[2] && cy > m[1] && cy < m[3])) left++;
      },
    });
    if (left) throw new SaktaError('INTERNAL', `Redaction failed: ${left} characters are still under the marks on page ${i + 1}. Nothing was saved.`);
  }
}

/**
 * A new PDF with the text, images and vector content under the marks (and under every occurrence of `words`)
 * removed by MuPDF's redaction, then black boxes drawn where they were. Annotations and form fields are first
 * baked into the page, so what they showed is redacted like the rest, then dropped with everything outside the
 * page tree. The file is written whole (no incremental update) with unused objects collected, so no earlier
 * revision survives.
 */
export function redactPdf(mupdf: MuPdf, input: Uint8Array, areas: RedactionMark[], words: string[]): RedactionResult {
  let doc: PDFDocument;
  try {
    const opened = mupdf.Document.openDocument(input, 'application/pdf').asPDF();
    if (!opened) throw new Error('not a PDF');
    doc = opened;
  } catch {
    throw new SaktaError('UNSUPPORTED', 'This PDF cannot be read, so it cannot be redacted.');
  }
  if (doc.needsPassword()) throw new SaktaError('UNSUPPORTED', 'This PDF is password-protected; it cannot be redacted.');
  const pages = doc.countPages();
  const bad = areas.find((m) => m.page > pages);
  if (bad) throw new SaktaError('VALIDATION', `Page ${bad.page} does not exist: this PDF has ${pages} pages.`, { marks: 'no such page' });
  // Content in a layer switched off would stay in the file unseen and unsearched: with the layers' settings gone,
  // it is shown, found and redacted like the rest.
  doc.getTrailer().get('Root').delete('OCProperties');
  doc.bake(true, true);

  const applied: RedactionMark[] = [];
  for (let i = 0; i < pages; i++) {
    const page = doc.loadPage(i);
    const bounds = page.getBounds() as Rect;
    const rects = [...areas.filter((m) => m.page === i + 1).map((m) => toRect(m, bounds)), ...findWords(page, words)];
    if (!rects.length) continue;
    for (const r of rects) {
      const annot = page.createAnnotation('Redact');
      annot.setRect(r);
      applied.push({ page: i + 1, x: round(r[0] - bounds[0]), y: round(r[1] - bounds[1]), w: round(r[2] - r[0]), h: round(r[3] - r[1]) });
    }
    page.applyRedactions(true, mupdf.PDFPage.REDACT_IMAGE_PIXELS, mupdf.PDFPage.REDACT_LINE_ART_REMOVE_IF_COVERED, mupdf.PDFPage.REDACT_TEXT_REMOVE);
  }
  if (words.length && !applied.length) throw new SaktaError('NOT_FOUND', 'None of those words is in the text of this document. Nothing was made.');
  strip(doc);
  // garbage=4: unused objects dropped and duplicates merged; written whole, never appended to the old file.
  const bytes = doc.saveToBuffer('garbage=4,compress=yes,incremental=no').asUint8Array().slice();
  verify(mupdf, bytes, applied, words);
  return { bytes, marks: applied };
}
