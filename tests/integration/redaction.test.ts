import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RedactionMark } from '../../shared/schemas/redaction';
import { tmpDir } from '../helpers/tmp';
import { sha256File, vaultWithCase, writeFile } from './documents-fixtures';
import {
  decodeGray,
  encodings,
  formPdf,
  hiddenLayerPdf,
  mupdf,
  incrementalPdf,
  KEPT,
  LATIN_NAME,
  maxIn,
  minIn,
  NAME,
  PASSPORT,
  pdfjsText,
  pdftotext,
  photoJpeg,
  qpdfExpanded,
  rawScan,
  renderGray,
  scannedPdf,
  sidewaysJpeg,
  textPdf,
} from './redaction-fixtures';

/** A vault holding `bytes` as a document; `redact` makes the redacted version and exports it to a plain file. */
async function vaultWith(bytes: Uint8Array, name: string) {
  const v = await vaultWithCase();
  const file = writeFile(tmpDir(), name, bytes);
  const original = (await v.services.documents.import({ caseId: v.caseId, paths: [file] })).documents[0]!;
  async function redact(req: { words?: string[]; marks?: RedactionMark[] }) {
    const doc = await v.services.redaction.redact({ id: original.id, ...req });
    const out = path.join(tmpDir(), `out-${doc.id}${path.extname(name)}`);
    await v.services.documents.export(doc.id, out);
    const made = v.services.documents.custody(doc.id).find((e) => e.action === 'document.redact')!;
    return { doc, out, bytes: fs.readFileSync(out), marks: (made.detail as { marks: RedactionMark[] }).marks, entry: made };
  }
  return { ...v, original, file, redact };
}

/** None of the words, in any encoding, anywhere in the file's bytes or inflated streams (reachable or not). */
function expectAbsentFromBytes(bytes: Uint8Array, words: string[]) {
  const scan = rawScan(bytes);
  for (const w of words) for (const form of encodings(w)) expect(scan.includes(form), `"${w}" as ${JSON.stringify(form)}`).toBe(false);
}

const lower = (s: string) => s.toLowerCase();

describe('true redaction of a text PDF', () => {
  it('removes every occurrence of the words, any case, Cyrillic included; the text around them stays; marks are solid black', async () => {
    const v = await vaultWith(await textPdf(), 'statement.pdf');
    const before = pdftotext(v.file);
    expect(before).toContain(NAME);
    expect(before).toContain(NAME.toUpperCase());

    const r = await v.redact({ words: [lower(NAME), PASSPORT] });
    const text = pdftotext(r.out);
    for (const w of [NAME, NAME.toUpperCase(), 'Иван', 'Петров', 'ПЕТРОВ', PASSPORT]) expect(lower(text)).not.toContain(lower(w));
    expect(text).toContain(KEPT);
    expect(text).toContain('Complainant:');
    expect(text).toContain('Заявитель просит признать нарушение статьи 7.');
    const js = await pdfjsText(r.bytes);
    expect(lower(js.text)).not.toContain('петров');
    expect(js.text).not.toContain(PASSPORT);
    expect(js.text).toContain(KEPT);

    // Three occurrences, each a mark, each black on the page.
    expect(r.marks).toHaveLength(3);
    const img = await renderGray(r.out);
    for (const m of r.marks) expect(maxIn(img, m)).toBeLessThan(16);

    // Metadata, XMP and the attachment named the witness too: nothing of them is left.
    expectAbsentFromBytes(r.bytes, [NAME, LATIN_NAME, PASSPORT, 'Petrov', 'witness-details']);
    // The catalogue keeps the page tree only: no outline, names tree, form, XMP, structure tree or scripts.
    const m = await mupdf();
    const keys: string[] = [];
    m.Document.openDocument(r.bytes, 'application/pdf').asPDF()!.getTrailer().get('Root').forEach((_v, k) => keys.push(String(k)));
    expect(keys.sort()).toEqual(['Pages', 'Type']);
    const info = qpdfExpanded(r.out);
    expect(info).not.toMatch(/\/EmbeddedFiles|\/Metadata|\/Info|\/Author/);
  });

  it('is a new document linked both ways with its own SHA-256; the original is untouched; custody has marks, never words', async () => {
    const v = await vaultWith(await textPdf(), 'statement.pdf');
    const r = await v.redact({ words: [NAME] });
    expect(r.doc.redactedFrom).toBe(v.original.id);
    expect(r.doc.originalName).toBe('statement-redacted.pdf');
    expect(r.doc.sha256).toBe(sha256File(r.out));
    expect(r.doc.sha256).not.toBe(v.original.sha256);
    const orig = v.services.documents.get(v.original.id);
    expect(orig.redactedVersions).toEqual([r.doc.id]);
    const copy = path.join(tmpDir(), 'orig.pdf');
    await v.services.documents.export(v.original.id, copy);
    expect(sha256File(copy)).toBe(sha256File(v.file));

    expect(r.entry.detail).toMatchObject({ redactedFrom: v.original.id, sha256: r.doc.sha256, originalSha256: v.original.sha256 });
    expect(JSON.stringify(r.entry.detail)).not.toMatch(/Иван|Петров|ivan|petrov/i);
    // The original's custody shows who redacted it and when.
    expect(v.services.documents.custody(v.original.id).map((e) => e.action)).toContain('document.redact');
    const list = v.services.documents.list({ caseId: v.caseId });
    expect(list.map((d) => d.id).sort()).toEqual([v.original.id, r.doc.id].sort());
  });

  it('an area mark removes exactly what is under it', async () => {
    const v = await vaultWith(await textPdf(), 'statement.pdf');
    // The first line's baseline is 700 pt from the bottom: 142 from the top; the whole line, 12 pt high.
    const r = await v.redact({ marks: [{ page: 1, x: 40, y: 128, w: 520, h: 18 }] });
    const text = pdftotext(r.out);
    expect(text).not.toContain('Complainant');
    expect(text).not.toContain(PASSPORT);
    expect(text).toContain(KEPT);
    expect(maxIn(await renderGray(r.out), r.marks[0]!)).toBeLessThan(16);
  });

  it('refuses words that are not in the document, and makes nothing', async () => {
    const v = await vaultWith(await textPdf(), 'statement.pdf');
    await expect(v.services.redaction.redact({ id: v.original.id, words: ['Сидоров'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(v.services.documents.list({ caseId: v.caseId })).toHaveLength(1);
  });
});

describe('true redaction of a scan with an OCR text layer', () => {
  it('removes the invisible OCR words and the picture pixels under them', async () => {
    const bytes = await scannedPdf();
    const v = await vaultWith(bytes, 'scan.pdf');
    expect(pdftotext(v.file)).toContain(NAME);
    const r = await v.redact({ words: [NAME] });
    expect(pdftotext(r.out)).not.toMatch(/Иван|Петров|ИВАН|ПЕТРОВ/);
    expect(pdftotext(r.out)).toContain(KEPT);
    expect((await pdfjsText(r.bytes)).text).not.toMatch(/Петров|ПЕТРОВ/);
    expect(r.marks).toHaveLength(2);
    const page = await renderGray(r.out);
    for (const m of r.marks) expect(maxIn(page, m)).toBeLessThan(16);

    // The picture itself, taken out of the file (2 pixels per point): where the name was, the scan showed dark
    // letters; now its pixels there are one flat value (MuPDF blanks them), nothing of the letters left.
    const { execFileSync } = await import('node:child_process');
    const picture = async (file: string) => {
      const dir = tmpDir();
      execFileSync('pdfimages', ['-png', file, path.join(dir, 'img')]);
      const images = fs.readdirSync(dir).filter((f) => f.endsWith('.png'));
      expect(images).toHaveLength(1);
      return decodeGray(fs.readFileSync(path.join(dir, images[0]!)));
    };
    const [inImg, outImg] = [await picture(v.file), await picture(r.out)];
    expect(outImg.width).toBe(1190);
    for (const m of r.marks) {
      expect(minIn(inImg, m, 2)).toBeLessThan(100);
      expect(maxIn(outImg, m, 2) - minIn(outImg, m, 2)).toBe(0);
    }
    // Beside the marks, the scan still shows its dark text: "Complainant:" left of the first name.
    const left = { x: 55, y: 132, w: 70, h: 10 };
    expect(minIn(outImg, left, 2)).toBeLessThan(100);
    expect(Math.abs(minIn(outImg, left, 2) - minIn(inImg, left, 2))).toBeLessThan(8);
  });
});

describe('true redaction of a photo', () => {
  it('paints the marked pixels solid black, keeps the rest, and drops EXIF', async () => {
    const bytes = await photoJpeg();
    expect(Buffer.from(bytes).toString('latin1')).toContain(LATIN_NAME);
    const v = await vaultWith(bytes, 'photo.jpg');
    const mark = { page: 1, x: 260, y: 266, w: 170, h: 30 };
    const r = await v.redact({ marks: [mark] });
    expect(r.doc.kind).toBe('jpeg');
    const s = Buffer.from(r.bytes).toString('latin1');
    expect(s).not.toContain('Exif');
    expect(s).not.toContain(LATIN_NAME);
    expect(s).not.toContain(PASSPORT);
    const out = await decodeGray(r.bytes);
    const inp = await decodeGray(bytes);
    expect([out.width, out.height]).toEqual([inp.width, inp.height]);
    // Every pixel under the mark (widened to whole JPEG blocks) is black.
    const applied = r.marks[0]!;
    expect(applied.x).toBeLessThanOrEqual(mark.x);
    expect(applied.x + applied.w).toBeGreaterThanOrEqual(mark.x + mark.w);
    let max = 0;
    for (let y = applied.y; y < applied.y + applied.h; y++) for (let x = applied.x; x < applied.x + applied.w; x++) max = Math.max(max, out.at(x, y));
    expect(max).toBeLessThan(8);
    // Away from the mark the picture is what it was (up to JPEG's re-encoding).
    let diff = 0;
    let n = 0;
    for (let y = 1260; y < 1310; y++) for (let x = 100; x < 600; x++, n++) diff += Math.abs(out.at(x, y) - inp.at(x, y));
    expect(diff / n).toBeLessThan(4);
  });
});

describe('a photo stored sideways (EXIF orientation 6)', () => {
  it('takes the marks as the photo is shown, and writes it turned that way, since the tag does not follow', async () => {
    const bytes = await sidewaysJpeg();
    const v = await vaultWith(bytes, 'sideways.jpg');
    // Shown 32 wide and 64 high: mark the top quarter.
    const r = await v.redact({ marks: [{ page: 1, x: 0, y: 0, w: 32, h: 16 }] });
    const out = await decodeGray(r.bytes);
    expect([out.width, out.height]).toEqual([32, 64]);
    let max = 0;
    for (let y = 0; y < 16; y++) for (let x = 0; x < 32; x++) max = Math.max(max, out.at(x, y));
    expect(max).toBeLessThan(8);
    // Below the mark the grey grows downwards, as the viewer showed it (4 per row).
    for (const y of [24, 40, 56]) expect(Math.abs(out.at(16, y) - 4 * y)).toBeLessThan(10);
    expect(Buffer.from(r.bytes).toString('latin1')).not.toContain('Exif');
  });
});

describe('hostile PDFs redact fully', () => {
  it('an incremental update hiding the old text: no earlier revision survives', async () => {
    const bytes = await incrementalPdf();
    // The name is not shown, yet it is in the file's bytes, in the first revision.
    const v = await vaultWith(bytes, 'updated.pdf');
    expect(pdftotext(v.file)).not.toContain(LATIN_NAME);
    expect(Buffer.from(bytes).toString('latin1')).toContain(LATIN_NAME);
    expect(Buffer.from(bytes).toString('latin1').match(/startxref/g)).toHaveLength(2);

    const r = await v.redact({ words: [PASSPORT] });
    const s = Buffer.from(r.bytes).toString('latin1');
    expect(s.match(/startxref/g)).toHaveLength(1);
    expect(s).not.toMatch(/\/Prev\b/);
    expectAbsentFromBytes(r.bytes, [LATIN_NAME, 'Petrov', PASSPORT]);
    expect(pdftotext(r.out)).toContain(KEPT);
  });

  it('a layer switched off carrying the name: shown and redacted like the rest, not left in the file unseen', async () => {
    const bytes = await hiddenLayerPdf();
    const v = await vaultWith(bytes, 'layers.pdf');
    expect(pdftotext(v.file)).not.toContain(LATIN_NAME);
    expect(rawScan(bytes)).toContain(LATIN_NAME);
    const r = await v.redact({ words: [LATIN_NAME] });
    expect(r.marks).toHaveLength(1);
    expectAbsentFromBytes(r.bytes, [LATIN_NAME, 'Petrov']);
    expect(pdftotext(r.out)).toContain(KEPT);
    expect(pdftotext(r.out)).toContain('Hidden:');
  });

  it('a form field and annotations carrying the name: the name goes, wherever it was', async () => {
    const bytes = await formPdf();
    const v = await vaultWith(bytes, 'form.pdf');
    expect((await pdfjsText(bytes)).annotations).toBe(3);
    const r = await v.redact({ words: [LATIN_NAME] });
    const js = await pdfjsText(r.bytes);
    expect(js.annotations).toBe(0);
    expect(js.text).not.toContain('Petrov');
    expect(pdftotext(r.out)).not.toContain('Petrov');
    expect(pdftotext(r.out)).toContain(KEPT);
    expectAbsentFromBytes(r.bytes, [LATIN_NAME, 'Petrov']);
    expect(qpdfExpanded(r.out)).not.toMatch(/\/AcroForm|\/Annots|\/Widget/);
    // What the field and the box showed was baked into the page and redacted there: black where the name was.
    expect(r.marks.length).toBeGreaterThanOrEqual(1);
    const page = await renderGray(r.out);
    for (const m of r.marks) expect(maxIn(page, m)).toBeLessThan(16);
  });
});

describe('documents.redact over IPC', () => {
  it('makes the version from the window; a payload with neither marks nor words is refused by its schema', async () => {
    const { vaultWithDocument, APP_CALLER } = await import('./documents-fixtures');
    const v = await vaultWithDocument(await textPdf(), 'statement.pdf');
    const ok = await v.dispatch('documents.redact', { id: v.doc.id, words: [PASSPORT] }, APP_CALLER);
    expect(ok).toMatchObject({ ok: true, value: { redactedFrom: v.doc.id, kind: 'pdf' } });
    const empty = await v.dispatch('documents.redact', { id: v.doc.id }, APP_CALLER);
    expect(empty.ok ? empty : empty.error.code).toBe('BAD_REQUEST');
    const offPage = await v.dispatch('documents.redact', { id: v.doc.id, marks: [{ page: 2, x: 0, y: 0, w: 10, h: 10 }] }, APP_CALLER);
    expect(offPage.ok ? offPage : offPage.error.code).toBe('VALIDATION');
  });
});
