/** Documents to redact, made here (no vitest import, so Playwright specs use them too). */
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFName, PDFString, StandardFonts, TextRenderingMode, popGraphicsState, pushGraphicsState, setTextRenderingMode } from 'pdf-lib';

type MuPdf = typeof import('mupdf');
export const mupdf = (): Promise<MuPdf> => import('mupdf');

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
export const NAME = 'Иван Петров';
export const PASSPORT = 'AN1234567';
export const LATIN_NAME = 'Ivan Petrov';
/** Text that must survive every redaction below, beside what is removed. */
export const KEPT = 'Keep this sentence';

/** The statement's lines, each at a known baseline (PDF points from the bottom of an A4 page). */
const LINES: [string, number][] = [
  [`Complainant: ${NAME}, passport ${PASSPORT}.`, 700],
  [`The witness ${NAME.toUpperCase()} saw it. ${KEPT}.`, 650],
  ['Заявитель просит признать нарушение статьи 7.', 600],
];

/**
 * A text PDF: the name in two cases, a passport number, metadata (Info and XMP) and an attachment carrying the
 * name, so every place a name hides in an ordinary office PDF is there.
 */
export async function textPdf(): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  d.registerFontkit(fontkit);
  const font = await d.embedFont(fs.readFileSync(FONT), { subset: true });
  const page = d.addPage([595, 842]);
  for (const [t, y] of LINES) page.drawText(t, { x: 50, y, size: 12, font });
  d.setTitle(`Statement of ${NAME}`);
  d.setAuthor(NAME);
  d.setSubject(`${LATIN_NAME} ${PASSPORT}`);
  const xmp = `<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>${LATIN_NAME}</dc:creator></x:xmpmeta><?xpacket end="w"?>`;
  const meta = d.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  d.catalog.set(PDFName.of('Metadata'), d.context.register(meta));
  await d.attach(Buffer.from(`witness ${LATIN_NAME}, passport ${PASSPORT}`), 'witness-details.txt', { mimeType: 'text/plain' });
  return d.save({ useObjectStreams: false });
}

/**
 * A scan: the statement as a picture only, with an invisible OCR text layer (render mode 3) over it at the same
 * places, as a scanner's OCR writes it.
 */
export async function scannedPdf(): Promise<Uint8Array> {
  const m = await mupdf();
  const src = m.Document.openDocument(await textPdf(), 'application/pdf');
  const png = src.loadPage(0).toPixmap(m.Matrix.scale(2, 2), m.ColorSpace.DeviceRGB, false).asPNG();
  const d = await PDFDocument.create();
  d.registerFontkit(fontkit);
  const font = await d.embedFont(fs.readFileSync(FONT), { subset: true });
  const page = d.addPage([595, 842]);
  page.drawImage(await d.embedPng(png), { x: 0, y: 0, width: 595, height: 842 });
  page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Invisible));
  for (const [t, y] of LINES) page.drawText(t, { x: 50, y, size: 12, font });
  page.pushOperators(popGraphicsState());
  return d.save({ useObjectStreams: false });
}

/**
 * Hostile: the first revision names the witness; an incremental update replaces the page's text with one that
 * does not. A reader shows the second revision; the first is still in the file, readable as plain bytes.
 */
export async function incrementalPdf(): Promise<Uint8Array> {
  const m = await mupdf();
  const d = new m.PDFDocument();
  const font = d.addSimpleFont(new m.Font('Helvetica'));
  const line = (t: string) => Buffer.from(`BT /F1 12 Tf 50 700 Td (${t}) Tj ET`);
  // Uncompressed on purpose: the old text is then in the file as plain bytes, which is what a hostile file does.
  d.insertPage(-1, d.addPage([0, 0, 595, 842], 0, { Font: { F1: font } }, line(`Witness ${LATIN_NAME}, passport ${PASSPORT}.`)));
  const first = d.saveToBuffer('').asUint8Array().slice();
  const doc = m.Document.openDocument(first, 'application/pdf').asPDF()!;
  doc.findPage(0).put('Contents', doc.addStream(line(`Witness: passport ${PASSPORT}. ${KEPT}.`), {}));
  return doc.saveToBuffer('incremental=yes').asUint8Array().slice();
}

/**
 * Hostile: the name in an optional-content layer switched off (not shown, not found by a search of what is shown),
 * and in the document outline (bookmarks).
 */
export async function hiddenLayerPdf(): Promise<Uint8Array> {
  const m = await mupdf();
  const d = new m.PDFDocument();
  const font = d.addSimpleFont(new m.Font('Helvetica'));
  const layer = d.addObject(d.newDictionary());
  layer.put('Type', d.newName('OCG'));
  layer.put('Name', d.newString('notes'));
  const content = `BT /F1 12 Tf 50 700 Td (${KEPT}.) Tj ET /OC /L1 BDC BT /F1 12 Tf 50 650 Td (Hidden: ${LATIN_NAME}) Tj ET EMC`;
  d.insertPage(-1, d.addPage([0, 0, 595, 842], 0, { Font: { F1: font }, Properties: { L1: layer } }, Buffer.from(content)));
  const root = d.getTrailer().get('Root');
  const ocgs = d.newArray();
  ocgs.push(layer);
  const off = d.newArray();
  off.push(layer);
  const config = d.newDictionary();
  config.put('OFF', off);
  const props = d.newDictionary();
  props.put('OCGs', ocgs);
  props.put('D', config);
  root.put('OCProperties', props);
  d.setMetaData('info:Title', LATIN_NAME);
  return d.saveToBuffer('').asUint8Array().slice();
}

/** Hostile: the name in a form field's value and in two annotations (a note's text and a free-text box). */
export async function formPdf(): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  const font = await d.embedFont(StandardFonts.Helvetica);
  const page = d.addPage([595, 842]);
  page.drawText(`Witness statement. ${KEPT}.`, { x: 50, y: 760, size: 12, font });
  const field = d.getForm().createTextField('witness.name');
  field.setText(LATIN_NAME);
  field.addToPage(page, { x: 50, y: 680, width: 200, height: 24, font });
  const note = d.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [300, 680, 320, 700], Contents: PDFString.of(`Call ${LATIN_NAME}`), T: PDFString.of(LATIN_NAME) });
  const box = d.context.obj({
    Type: 'Annot',
    Subtype: 'FreeText',
    Rect: [50, 600, 300, 630],
    Contents: PDFString.of(`Seen by ${LATIN_NAME}`),
    DA: PDFString.of('0 g /Helv 12 Tf'),
  });
  page.node.addAnnot(d.context.register(note));
  page.node.addAnnot(d.context.register(box));
  return d.save({ useObjectStreams: false });
}

/** A photo of the statement (JPEG) carrying an EXIF block whose Artist field names the witness. */
export async function photoJpeg(): Promise<Uint8Array> {
  const m = await mupdf();
  const src = m.Document.openDocument(await textPdf(), 'application/pdf');
  const jpeg = Buffer.from(src.loadPage(0).toPixmap(m.Matrix.scale(2, 2), m.ColorSpace.DeviceRGB, false).asJPEG(95, false));
  return Buffer.concat([jpeg.subarray(0, 2), exifArtist(`${LATIN_NAME} ${PASSPORT}`), jpeg.subarray(2)]);
}

/** An APP1 Exif segment with one IFD entry: Artist (0x013B), ASCII. */
function exifArtist(text: string): Buffer {
  const value = Buffer.from(`${text}\0`, 'latin1');
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x013b, 10);
  tiff.writeUInt16BE(2, 12);
  tiff.writeUInt32BE(value.length, 14);
  tiff.writeUInt32BE(tiff.length, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, value]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xffe1, 0);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}


/**
 * A 64 × 32 JPEG whose stored columns run from black to light grey (value 4·x), tagged EXIF orientation 6: shown
 * turned a quarter clockwise, 32 × 64, the grey then grows downwards (value 4·y).
 */
export async function sidewaysJpeg(): Promise<Uint8Array> {
  const m = await mupdf();
  const pix = new m.Pixmap(m.ColorSpace.DeviceGray, [0, 0, 64, 32], false);
  const px = pix.getPixels();
  const stride = pix.getStride();
  for (let y = 0; y < 32; y++) for (let x = 0; x < 64; x++) px[y * stride + x] = 4 * x;
  const jpeg = Buffer.from(pix.asJPEG(95, false));
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(6, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xffe1, 0);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, body, jpeg.subarray(2)]);
}
