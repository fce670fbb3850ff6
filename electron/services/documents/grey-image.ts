/**
 * 8-bit grey images and binary PGM (Netpbm P5) files built in a worker, the only image format the native Tesseract
 * child is handed: scanned PDF pages (pdf-scan.ts) and imported PNG and JPEG photos, which are decoded here by
 * pure-JavaScript decoders (fast-png, jpeg-js) inside extract.ts's bounded worker, so hostile image bytes never reach
 * native code (libpng, libjpeg). Leptonica reads P5 natively.
 *
 * Source text for that worker (CommonJS run with `eval: true`), like ocr.ts's engine.
 */

/** Grey of one pixel (8-bit samples), with its alpha composited over white. Defines `greyPnm` too. */
export const GREY_SOURCE = `
function greyOverWhite(r, g, b, a) {
  const luma = (r * 77 + g * 151 + b * 28) >> 8;
  return a === 255 ? luma : ((luma * a) / 255 + 255 - a) | 0;
}

// A binary PGM (P5) file: header, then one byte per pixel.
function greyPnm(g) {
  const head = Buffer.from('P5\\n' + g.width + ' ' + g.height + '\\n255\\n', 'latin1');
  const file = new Uint8Array(head.length + g.pixels.length);
  file.set(head, 0);
  file.set(g.pixels, head.length);
  return file;
}
`;

/**
 * Defines `photoPnm(kind, bytes, { pngPath, jpegPath, maxPixels, maxMemoryMb })`: the photo as a P5 file, or null
 * when it cannot be decoded. Needs GREY_SOURCE, `require` and `pathToFileURL` in scope. EXIF orientation is not
 * applied, as Leptonica did not apply it when Tesseract decoded the JPEG itself.
 */
export const PHOTO_PNM_SOURCE = `
// fast-png's output: samples of 1, 2, 4 or 8 bits (a Uint8Array, rows padded to a byte below 8) or 16 bits (a
// Uint16Array), 1 to 4 channels (grey, grey+alpha, RGB, RGBA), or palette indices with the palette beside them.
function pngGrey(png) {
  const { width: w, height: h, depth, channels: n, data, palette } = png;
  if (!(w > 0) || !(h > 0) || !data) return null;
  const out = new Uint8Array(w * h);
  let lut = null;
  if (palette) {
    lut = new Uint8Array(256);
    for (let k = 0; k < palette.length && k < 256; k++) {
      const c = palette[k];
      lut[k] = greyOverWhite(c[0], c[1], c[2], c.length > 3 ? c[3] : 255);
    }
  }
  if (depth < 8) {
    if (n !== 1) return null;
    const row = Math.ceil((w * depth) / 8);
    if (data.length < row * h) return null;
    const max = (1 << depth) - 1;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const bit = x * depth;
        const v = (data[y * row + (bit >> 3)] >> (8 - depth - (bit & 7))) & max;
        out[y * w + x] = lut ? lut[v] : ((v * 255) / max) | 0;
      }
    }
    return { width: w, height: h, pixels: out };
  }
  if ((depth !== 8 && depth !== 16) || n < 1 || n > 4 || data.length < w * h * n) return null;
  const s = depth === 16 ? 8 : 0; // 16-bit samples keep their high byte
  for (let i = 0, j = 0; i < out.length; i++, j += n) {
    if (lut) out[i] = lut[data[j] & 255];
    else if (n <= 2) { const g = data[j] >> s; out[i] = greyOverWhite(g, g, g, n === 2 ? data[j + 1] >> s : 255); }
    else out[i] = greyOverWhite(data[j] >> s, data[j + 1] >> s, data[j + 2] >> s, n === 4 ? data[j + 3] >> s : 255);
  }
  return { width: w, height: h, pixels: out };
}

async function photoPnm(kind, bytes, o) {
  let grey = null;
  if (kind === 'png') {
    const png = await import(pathToFileURL(o.pngPath).href);
    try {
      grey = pngGrey(png.decode(bytes, { checkCrc: true }));
    } catch {
      grey = null;
    }
  } else {
    const jpeg = require(o.jpegPath);
    try {
      const img = jpeg.decode(bytes, {
        formatAsRGBA: false, useTArray: true, tolerantDecoding: true,
        maxResolutionInMP: o.maxPixels / 1000000, maxMemoryUsageInMB: o.maxMemoryMb,
      });
      const { width: w, height: h, data } = img;
      if (w > 0 && h > 0 && data.length >= w * h * 3) {
        const out = new Uint8Array(w * h);
        for (let i = 0, j = 0; i < out.length; i++, j += 3) out[i] = greyOverWhite(data[j], data[j + 1], data[j + 2], 255);
        grey = { width: w, height: h, pixels: out };
      }
    } catch {
      grey = null;
    }
  }
  return grey ? greyPnm(grey) : null;
}
`;
