import { SaktaError } from '../../../shared/errors';
import type { RedactionMark } from '../../../shared/schemas/redaction';
import { exifOrientation, storedPixel } from './exif-orientation';
import type { Mupdf as MuPdf } from '../../base/mupdf';
import type { RedactionResult } from './pdf-redaction';

/**
 * A photo redacted: decoded to pixels, each marked rectangle painted solid black, encoded again in the same
 * format. Only pixels go into the new file, so EXIF (camera, place, time), XMP and comments do not follow.
 * Marks are in the picture's pixels as shown (EXIF orientation applied, as Chromium shows it), and the picture is
 * written turned that way, since the tag does not follow.
 */
export function redactImage(mupdf: MuPdf, input: Uint8Array, kind: 'jpeg' | 'png', marks: RedactionMark[]): RedactionResult {
  if (marks.some((m) => m.page !== 1)) throw new SaktaError('VALIDATION', 'A picture has one page: marks must be on page 1.', { marks: 'no such page' });
  let pix;
  try {
    pix = new mupdf.Image(input).toPixmap();
  } catch {
    throw new SaktaError('UNSUPPORTED', 'This picture cannot be decoded, so it cannot be redacted.');
  }
  // One layout to paint on: RGB (or grey) without alpha, so "black" is every component at 0.
  const cs = pix.getColorSpace();
  if (pix.getAlpha() || !cs || !(cs.isRGB() || cs.isGray())) pix = pix.convertToColorSpace(mupdf.ColorSpace.DeviceRGB, false);
  const orientation = exifOrientation(input);
  if (orientation !== 1) pix = turned(mupdf, pix, orientation);
  const width = pix.getWidth();
  const height = pix.getHeight();
  const n = pix.getNumberOfComponents() + pix.getAlpha();
  const stride = pix.getStride();
  const applied: RedactionMark[] = [];
  // JPEG stores 16×16-pixel blocks (8×8 of colour at half resolution): a mark widened to whole blocks is
  // encoded as blocks of pure black, so it decodes solid black rather than as a smudge of what was under it.
  const grid = kind === 'jpeg' ? 16 : 1;
  for (const m of marks) {
    const x0 = Math.max(0, Math.floor(m.x / grid) * grid);
    const y0 = Math.max(0, Math.floor(m.y / grid) * grid);
    const x1 = Math.min(width, Math.ceil((m.x + m.w) / grid) * grid);
    const y1 = Math.min(height, Math.ceil((m.y + m.h) / grid) * grid);
    if (x1 <= x0 || y1 <= y0) throw new SaktaError('VALIDATION', `A mark lies outside the picture (${width}×${height} pixels).`, { marks: 'outside the picture' });
    // getPixels is a view of the WebAssembly heap: taken right before writing, so no allocation can move it.
    const px = pix.getPixels();
    for (let y = y0; y < y1; y++) px.fill(0, y * stride + x0 * n, y * stride + x1 * n);
    applied.push({ page: 1, x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
  }
  const bytes = (kind === 'jpeg' ? pix.asJPEG(92, false) : pix.asPNG()).slice();
  return { bytes, marks: applied };
}

type Pixmap = InstanceType<MuPdf['Pixmap']>;

/** The picture turned (and mirrored) as its EXIF orientation says it is shown: pixel for pixel, no resampling. */
function turned(mupdf: MuPdf, src: Pixmap, o: number): Pixmap {
  const w = src.getWidth();
  const h = src.getHeight();
  const n = src.getNumberOfComponents();
  const [dw, dh] = o >= 5 ? [h, w] : [w, h];
  const out = new mupdf.Pixmap(src.getColorSpace()!, [0, 0, dw, dh], false);
  const from = Uint8Array.from(src.getPixels());
  const fs = src.getStride();
  const to = out.getPixels();
  const ts = out.getStride();
  for (let y = 0; y < dh; y++) {
    for (let x = 0; x < dw; x++) {
      const [sx, sy] = storedPixel(o, x, y, w, h);
      for (let c = 0; c < n; c++) to[y * ts + x * n + c] = from[sy * fs + sx * n + c]!;
    }
  }
  return out;
}
