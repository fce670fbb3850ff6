import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { degrees, PDFDocument, PDFName, StandardFonts, type PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACT_LIMITS, extractText, type ExtractLimits } from '../../electron/services/documents/extract';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { sample, vaultWithCase, writeFile } from './documents-fixtures';

/**
 * Scanned PDFs: pages that carry only an image are read by OCR in the extraction worker (pdf-scan.ts). Every PDF
 * here is built in the test from the Russian scan tests/fixtures/ocr/complaint-ru-scan.png (the shared sample
 * complaint rendered bilevel at 150 dpi, no text layer) or from the sample PDF rendered by poppler's pdftoppm.
 */
const SCAN = path.resolve(__dirname, '../fixtures/ocr/complaint-ru-scan.png');
const COMPLAINT = sample('complaint-to-prosecutor-ru.pdf');
const A4: [number, number] = [595, 842];

type Services = Awaited<ReturnType<typeof vaultWithCase>>['services'];
const ids = (services: Services, q: string) => services.search.query({ query: q }).hits.map((h) => h.id);
/** The text of each page (the worker ends every page with a form feed). */
const pagesOf = (text: string) => text.split('\f').slice(0, -1);

async function pdfWithScanPages(n: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const img = await pdf.embedPng(fs.readFileSync(SCAN));
  for (let i = 0; i < n; i++) pdf.addPage(A4).drawImage(img, { x: 0, y: 0, width: A4[0], height: A4[1] });
  return pdf.save();
}

/**
 * Draws a raw image XObject over the whole page, as scanner software writes 1-bit and greyscale pages: `data` is
 * Flate-compressed here unless `dict` names its own filter (the data is then already encoded).
 */
function paintRawImage(pdf: PDFDocument, page: PDFPage, dict: Record<string, unknown>, data: Uint8Array) {
  const encoded = dict['Filter'] ? data : zlib.deflateSync(data);
  const ref = pdf.context.register(pdf.context.stream(encoded, { Type: 'XObject', Subtype: 'Image', Filter: 'FlateDecode', ...dict }));
  const name = page.node.newXObject('Scan', ref).asString();
  const { width, height } = page.getSize();
  page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.stream(`q ${width} 0 0 ${height} 0 0 cm ${name} Do Q`)));
}

/** poppler's rendering of the sample complaint's page, in a fresh temp folder. */
function render(args: string[], ext: string): Buffer {
  const dir = tmpDir();
  execFileSync('pdftoppm', [...args, '-f', '1', '-l', '1', '-singlefile', COMPLAINT, path.join(dir, 'page')]);
  return fs.readFileSync(path.join(dir, `page.${ext}`));
}

/** A binary PBM (P4, 1 = black) as width, height and packed rows. */
function readPbm(file: Buffer) {
  const m = /^P4\s+(\d+)\s+(\d+)\s/.exec(file.toString('latin1', 0, 40))!;
  return { width: Number(m[1]), height: Number(m[2]), bits: file.subarray(m[0].length) };
}

describe('scanned PDFs in the background extraction job', () => {
  it('a mixed PDF: the scanned page is read by OCR, the text page keeps its text, both are searchable, the document is marked OCR', async () => {
    const { services, caseId } = await vaultWithCase();
    const pdf = await PDFDocument.create();
    pdf.addPage(A4).drawImage(await pdf.embedPng(fs.readFileSync(SCAN)), { x: 0, y: 0, width: A4[0], height: A4[1] });
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage(A4).drawText('Affidavit of the cellmate, attached to the complaint as page two.', { x: 50, y: 760, size: 12, font });
    const dir = tmpDir();
    const mixed = writeFile(dir, 'complaint-scanned.pdf', await pdf.save());
    const pages: { done: number; total: number; label?: string }[] = [];
    services.events.on('job.progress', (p) => {
      if (p.kind === 'extract.pages') pages.push({ done: p.done, total: p.total, label: p.label });
    });
    const { documents } = await services.documents.import({ caseId, paths: [mixed, COMPLAINT] });
    const [scan, textPdf] = documents;
    await services.documents.scheduleExtraction();

    const d = services.documents.get(scan!.id);
    expect(d).toMatchObject({ textStatus: 'done', textFromOcr: true, textError: null });
    // The PDF with a text layer on every page is not OCR'd and not marked.
    expect(services.documents.get(textPdf!.id)).toMatchObject({ textStatus: 'done', textFromOcr: false });
    // Words only in the scanned image, found through the Russian stemmer: «пытка» → пыток.
    expect(ids(services, 'пытка')).toContain(scan!.id);
    expect(ids(services, 'Стамбульский протокол')).toContain(scan!.id);
    const hit = services.search.query({ query: 'пытка' }).hits.find((h) => h.id === scan!.id)!;
    expect(hit.snippet.filter((s) => s.hit).map((s) => s.text)).toContain('пыток');
    // The word only on the text page.
    expect(ids(services, 'cellmate')).toEqual([scan!.id]);
    // Page progress for the scanned PDF, page by page.
    expect(pages.filter((p) => p.label === scan!.id)).toEqual([
      { done: 1, total: 2, label: scan!.id },
      { done: 2, total: 2, label: scan!.id },
    ]);
  });

  it('JPEG (DCT), a 1-bit image mask, 8-bit grey and pages turned by /Rotate are all decoded by pdf.js and read', async () => {
    const pdf = await PDFDocument.create();
    // 1. A greyscale JPEG at 150 dpi, as most office scanners write.
    pdf.addPage(A4).drawImage(await pdf.embedJpg(render(['-r', '150', '-gray', '-jpeg', '-jpegopt', 'quality=60'], 'jpg')), {
      x: 0,
      y: 0,
      width: A4[0],
      height: A4[1],
    });
    // 2. A 1-bit stencil mask (ink where the bit is set, via /Decode [1 0]), as fax and CCITT scans come.
    const pbm = readPbm(render(['-r', '150', '-mono'], 'pbm'));
    paintRawImage(pdf, pdf.addPage(A4), { Width: pbm.width, Height: pbm.height, BitsPerComponent: 1, ImageMask: true, Decode: [1, 0] }, pbm.bits);
    // 3–4. 8-bit grey stored sideways, on pages whose /Rotate (90°, 270°) turns it upright for the reader.
    const row = (pbm.width + 7) >> 3;
    const grey = new Uint8Array(pbm.width * pbm.height);
    for (let y = 0; y < pbm.height; y++) {
      for (let x = 0; x < pbm.width; x++) grey[y * pbm.width + x] = (pbm.bits[y * row + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 0 : 255;
    }
    for (const turn of [90, 270]) {
      // Stored turned the other way (counter-clockwise by `turn`), so that the page's clockwise /Rotate undoes it.
      const sideways = new Uint8Array(grey.length);
      const [w, h] = [pbm.width, pbm.height];
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          if (turn === 90) sideways[(w - 1 - x) * h + y] = grey[y * w + x]!;
          else sideways[x * h + (h - 1 - y)] = grey[y * w + x]!;
        }
      }
      const page = pdf.addPage([A4[1], A4[0]]);
      paintRawImage(pdf, page, { Width: h, Height: w, BitsPerComponent: 8, ColorSpace: 'DeviceGray' }, sideways);
      page.setRotation(degrees(turn));
    }
    const r = await extractText('pdf', await pdf.save());
    expect(r).toMatchObject({ status: 'done', ocr: true, truncated: false });
    const pages = pagesOf(r.status === 'done' ? r.text : '');
    expect(pages).toHaveLength(4);
    pages.forEach((p, i) => {
      expect(p, `page ${i + 1}`).toContain('пыток');
      expect(p, `page ${i + 1}`).toContain('Прокурору Кара-Суйского района');
    });
  });

  it('JPEG 2000 and CCITT G4 images (pdf.js\'s WebAssembly decoders, read from node_modules) are read too', async () => {
    // Made from the same scan: `opj_compress -r 40` (greyscale JP2) and `ppm2tiff -c g4` (the G4 stream, taken out of tiff2pdf's PDF).
    const pdf = await PDFDocument.create();
    const jp2 = fs.readFileSync(path.resolve(__dirname, '../fixtures/ocr/complaint-ru-scan.jp2'));
    paintRawImage(pdf, pdf.addPage(A4), { Width: 1275, Height: 1650, Filter: 'JPXDecode' }, jp2);
    const g4 = fs.readFileSync(path.resolve(__dirname, '../fixtures/ocr/complaint-ru-scan.g4'));
    const ccitt = { Width: 1275, Height: 1650, BitsPerComponent: 1, ColorSpace: 'DeviceGray', Filter: 'CCITTFaxDecode' };
    paintRawImage(pdf, pdf.addPage(A4), { ...ccitt, DecodeParms: { K: -1, Columns: 1275, Rows: 1650 } }, g4);
    const r = await extractText('pdf', await pdf.save());
    expect(r).toMatchObject({ status: 'done', ocr: true });
    const pages = pagesOf(r.status === 'done' ? r.text : '');
    expect(pages).toHaveLength(2);
    pages.forEach((p, i) => expect(p, `page ${i + 1}`).toContain('Стамбульского протокола'));
  });

  it('limits: pages past maxOcrPages are left out (marked truncated); OCR time is added per page; a page over 60 MP is not decoded', async () => {
    const three = await pdfWithScanPages(3);
    const t0 = Date.now();
    const capped = await extractText('pdf', three, { ...DEFAULT_EXTRACT_LIMITS, maxOcrPages: 1 });
    // The parser's start and one page of OCR on this machine now: a loaded machine stretches both alike.
    const onePage = Date.now() - t0;
    expect(capped).toMatchObject({ status: 'done', ocr: true, truncated: true });
    const pages = pagesOf(capped.status === 'done' ? capped.text : '');
    expect(pages[0]).toContain('пыток');
    expect(pages.slice(1).map((p) => p.trim())).toEqual(['', '']);

    // A limit of the start plus one page: the start fits with a page to spare, three pages overrun it by two, so
    // only the per-page allowance lets them through. Measured above, not fixed: a fixed 2 s was spent before the
    // first page on a machine running four suites at once (the start is inside the base limit).
    const timeoutMs = Math.max(1_000, onePage);
    const tight: ExtractLimits = { ...DEFAULT_EXTRACT_LIMITS, timeoutMs, ocrPageMs: 60_000 };
    expect(await extractText('pdf', three, tight)).toMatchObject({ status: 'done', ocr: true, truncated: false });
    expect(await extractText('pdf', three, { ...tight, ocrPageMs: 1 })).toEqual({ status: 'failed', reason: `reading its text took longer than ${Math.round(timeoutMs / 1000)} s` });

    // 9,000 × 9,000 grey (81 MP, 81 MB decoded) behind 80 KB of Flate: pdf.js skips it, so the page has nothing to read.
    const pdf = await PDFDocument.create();
    paintRawImage(pdf, pdf.addPage(A4), { Width: 9_000, Height: 9_000, BitsPerComponent: 8, ColorSpace: 'DeviceGray' }, new Uint8Array(81_000_000));
    const huge = await pdf.save();
    expect(huge.length).toBeLessThan(200_000);
    expect(await extractText('pdf', huge)).toEqual({ status: 'none' });
  });

  it('locking in the middle of a long scan stops it at once and leaves it pending; after unlock it is read in full', async () => {
    const { services, caseId } = await vaultWithCase();
    const file = writeFile(tmpDir(), 'scan-6-pages.pdf', await pdfWithScanPages(6));
    const secondPage = new Promise<void>((resolve) => {
      const off = services.events.on('job.progress', (p) => {
        if (p.kind === 'extract.pages' && p.done >= 2) {
          off();
          resolve();
        }
      });
    });
    const [doc] = (await services.documents.import({ caseId, paths: [file] })).documents;
    const run = services.documents.scheduleExtraction();
    await secondPage; // two pages read, four to go
    services.vault.lock();
    expect(await run).toBe(0);
    await services.vault.unlock(PASS);
    expect(services.documents.get(doc!.id)).toMatchObject({ textStatus: 'pending', textError: null, textFromOcr: false });
    await services.documents.scheduleExtraction();
    expect(services.documents.get(doc!.id)).toMatchObject({ textStatus: 'done', textError: null, textFromOcr: true });
    expect(ids(services, 'пытка')).toEqual([doc!.id]);
  });
});
