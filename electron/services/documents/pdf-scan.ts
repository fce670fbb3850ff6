/**
 * Scanned PDF pages: pages with no text layer whose content is an image (one JPEG, CCITT, JBIG2 or Flate image
 * per page is typical scanner output). extract.ts's PDF worker asks pdf.js for the page's operator list, which
 * decodes the page's images without any canvas, takes the largest image, and hands it to Tesseract as a
 * greyscale Netpbm (P5) file held in memory: Leptonica reads P5 natively, so no image encoder is needed.
 *
 * Source text for that worker (CommonJS run with `eval: true`), like ocr.ts's engine.
 */

import { GREY_SOURCE } from './grey-image';

/** A page whose text layer has fewer non-space characters than this is read by OCR (a stamp or page number is not text). */
export const MIN_PAGE_TEXT_CHARS = 20;

/** Images below this many pixels are logos, stamps or rules, not a scanned page (a 150 dpi A6 is about 0.2 MP). */
export const MIN_SCAN_PIXELS = 40_000;

export const PDF_SCAN_SOURCE = `
${GREY_SOURCE}
const SCAN_MIN_PIXELS = ${MIN_SCAN_PIXELS};

// Resolves a pdf.js object id once the page's operator list has loaded it; pages share 'g_'-prefixed images.
function pdfObject(page, id) {
  const store = id.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => store.get(id, resolve));
}

// The largest decoded image the page paints, or null. pdf.js has already skipped images above maxImageSize.
async function largestPageImage(page, OPS) {
  const PAINT = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObjectRepeat]);
  const MASKS = new Set([OPS.paintImageMaskXObject, OPS.paintImageMaskXObjectRepeat]);
  const list = await page.getOperatorList();
  let best = null;
  for (let k = 0; k < list.fnArray.length; k++) {
    const fn = list.fnArray[k];
    if (!PAINT.has(fn)) continue;
    const arg = list.argsArray[k] && list.argsArray[k][0];
    let img = typeof arg === 'string' ? await pdfObject(page, arg) : arg;
    // Image masks come as { data: id, width, height }, the bits stored under that id.
    if (img && typeof img.data === 'string') img = await pdfObject(page, img.data);
    if (!img || !img.data || !(img.width > 0) || !(img.height > 0)) continue;
    const pixels = img.width * img.height;
    if (pixels < SCAN_MIN_PIXELS || (best && pixels <= best.width * best.height)) continue;
    // Masks are 1 bit per pixel like GRAYSCALE_1BPP: 0 is painted (ink), 1 is not.
    best = { width: img.width, height: img.height, kind: MASKS.has(fn) ? 1 : img.kind, data: img.data };
  }
  return best;
}

// Greyscale bytes of a pdf.js image: kind 1 = 1 bit per pixel (rows padded to a byte), 2 = RGB, 3 = RGBA (on white).
function greyPixels(img) {
  const { width: w, height: h, kind, data } = img;
  const out = new Uint8Array(w * h);
  if (kind === 1) {
    const row = (w + 7) >> 3;
    if (data.length < row * h) return null;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) out[y * w + x] = (data[y * row + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0;
    }
  } else if (kind === 2 || kind === 3) {
    const n = kind === 2 ? 3 : 4;
    if (data.length < w * h * n) return null;
    for (let i = 0, j = 0; i < out.length; i++, j += n) {
      out[i] = greyOverWhite(data[j], data[j + 1], data[j + 2], n === 3 ? 255 : data[j + 3]);
    }
  } else return null;
  return { width: w, height: h, pixels: out };
}

// Turns the image as the page shows it (/Rotate is clockwise, in multiples of 90°).
function rotateGrey(g, degrees) {
  const turn = ((degrees % 360) + 360) % 360;
  if (turn === 0) return g;
  const { width: w, height: h, pixels: p } = g;
  const out = new Uint8Array(p.length);
  if (turn === 180) {
    for (let i = 0; i < p.length; i++) out[p.length - 1 - i] = p[i];
    return { width: w, height: h, pixels: out };
  }
  // 90° clockwise: (x, y) → (h - 1 - y, x) in a h-wide image; 270° is the mirror of that.
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = p[y * w + x];
      if (turn === 90) out[x * h + (h - 1 - y)] = v;
      else out[(w - 1 - x) * h + y] = v;
    }
  }
  return { width: h, height: w, pixels: out };
}

// The page's scan as a P5 file for Tesseract, or null when the page paints no image big enough to be one.
async function pageScanPnm(page, OPS) {
  const img = await largestPageImage(page, OPS);
  const grey = img && greyPixels(img);
  return grey ? greyPnm(rotateGrey(grey, page.rotate || 0)) : null;
}
`;
