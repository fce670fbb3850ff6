/**
 * The EXIF orientation (1–8) of a JPEG (APP1 "Exif") or PNG (eXIf chunk), or 1 when there is none. Chromium
 * shows a photo turned by this tag, so the viewer's marks are in the turned picture's pixels; the redacted copy
 * drops EXIF, so it is written already turned, and looks as it did in the viewer.
 */
export function exifOrientation(bytes: Uint8Array): number {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tiff = b[0] === 0xff && b[1] === 0xd8 ? jpegExif(b) : pngExif(b);
  return tiff ? (tiffOrientation(tiff) ?? 1) : 1;
}

function jpegExif(b: Buffer): Buffer | null {
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    if (marker === 0xda || marker === 0xd9) return null; // image data: no more metadata segments
    const len = b.readUInt16BE(i + 2);
    if (marker === 0xe1 && b.toString('latin1', i + 4, i + 10) === 'Exif\0\0') return b.subarray(i + 10, i + 2 + len);
    i += 2 + len;
  }
  return null;
}

function pngExif(b: Buffer): Buffer | null {
  if (b.toString('latin1', 1, 4) !== 'PNG') return null;
  let i = 8;
  while (i + 8 <= b.length) {
    const len = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (type === 'eXIf') return b.subarray(i + 8, i + 8 + len);
    if (type === 'IDAT' || type === 'IEND') return null;
    i += 12 + len;
  }
  return null;
}

function tiffOrientation(t: Buffer): number | null {
  if (t.length < 8) return null;
  const le = t.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > t.length) return null;
  const n = u16(ifd);
  for (let k = 0; k < n; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > t.length) return null;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}

/** Where displayed pixel (x, y) of a picture stored w × h with orientation `o` lies in the stored one. */
export function storedPixel(o: number, x: number, y: number, w: number, h: number): [number, number] {
  switch (o) {
    case 2: return [w - 1 - x, y];
    case 3: return [w - 1 - x, h - 1 - y];
    case 4: return [x, h - 1 - y];
    case 5: return [y, x];
    case 6: return [y, h - 1 - x];
    case 7: return [w - 1 - y, h - 1 - x];
    case 8: return [w - 1 - y, x];
    default: return [x, y];
  }
}
