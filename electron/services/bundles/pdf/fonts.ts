import fs from 'node:fs';
import path from 'node:path';
import type { Buffer as MupdfBuffer, Font as MupdfFont, PDFDocument as MupdfDocument, PDFObject } from 'mupdf';
import { SaktaError } from '../../../../shared/errors';
import { loadMupdf } from '../../../base/mupdf';

/** DejaVu Sans (Debian fonts-dejavu-core 2.37, licence in assets/fonts): Latin, Cyrillic incl. Kyrgyz and Uzbek letters. */
export interface FontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface Fonts {
  regular: BundleFont;
  bold: BundleFont;
  /** Code points both faces can draw; anything else is replaced before drawing. */
  supported: { has(cp: number): boolean };
}

const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' };

/**
 * The fonts folder differs between `tsx`/vitest (repo), the bundled CLI (dist/ beside assets/) and a packaged
 * app (resources/). Walk up from each known starting point until assets/fonts holds our file.
 */
export function locateFontDir(explicit?: string): string {
  const starts = [
    explicit,
    process.env.SAKTA_ASSETS_DIR ? path.join(process.env.SAKTA_ASSETS_DIR, 'fonts') : undefined,
    (process as { resourcesPath?: string }).resourcesPath,
    typeof __dirname === 'string' ? __dirname : undefined,
    process.argv[1] ? path.dirname(path.resolve(process.argv[1])) : undefined,
    process.cwd(),
  ].filter((s): s is string => !!s);
  for (const start of starts) {
    if (fs.existsSync(path.join(start, FILES.regular))) return start;
    let dir = start;
    for (let i = 0; i < 6; i++) {
      const cand = path.join(dir, 'assets', 'fonts');
      if (fs.existsSync(path.join(cand, FILES.regular))) return cand;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new SaktaError('INTERNAL', 'The bundle font (assets/fonts/DejaVuSans.ttf) is missing from this installation.');
}

export function loadFontBytes(dir: string): FontBytes {
  return { regular: fs.readFileSync(path.join(dir, FILES.regular)), bold: fs.readFileSync(path.join(dir, FILES.bold)) };
}

/**
 * One face, measured and encoded through MuPDF's font (FreeType): each character maps to its glyph through
 * the font's cmap, once. Latin and Cyrillic (Kyrgyz and Uzbek letters included) need no shaping. Text is
 * written as glyph ids (Identity-H); the ToUnicode map of the glyphs written keeps it extractable.
 */
export class BundleFont {
  private readonly glyphs = new Map<number, { gid: number; advance: number }>();
  /**
   * Every glyph encode() has written in this build, with the character it was written for, so the face can
   * be subset, and its ToUnicode map and widths written, without reading the pages back.
   */
  private readonly used = new Map<number, number>();
  constructor(
    readonly font: MupdfFont,
    /** The resource name every generated page uses for this face. */
    readonly key: string,
    /** The font's name (BaseFont) and its TrueType file in MuPDF's memory, which `font` reads and each volume embeds. */
    private readonly file: { name: string; buffer: MupdfBuffer; bytes: Uint8Array },
  ) {}

  private glyph(cp: number): { gid: number; advance: number } {
    let g = this.glyphs.get(cp);
    if (!g) {
      const gid = this.font.encodeCharacter(cp);
      this.glyphs.set(cp, (g = { gid, advance: gid ? this.font.advanceGlyph(gid) : 0 }));
    }
    return g;
  }

  has(cp: number): boolean {
    return this.glyph(cp).gid !== 0;
  }

  widthOfTextAtSize(text: string, size: number): number {
    let w = 0;
    for (const ch of text) w += this.glyph(ch.codePointAt(0)!).advance;
    return w * size;
  }

  /** The text as a hex string operand of glyph ids, for Tj. */
  encode(text: string): string {
    let hex = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const { gid } = this.glyph(cp);
      if (!this.used.has(gid)) this.used.set(gid, cp);
      hex += gid.toString(16).padStart(4, '0');
    }
    return `<${hex}>`;
  }

  /**
   * Each glyph encode() has written so far, once, as a Tj operand. It counts the whole build, so a later
   * volume's subset may keep a few glyphs only an earlier volume drew: never one too few, whatever the order
   * in which volumes are drawn and labels encoded.
   */
  usedGlyphs(): string {
    let hex = '';
    for (const gid of this.used.keys()) hex += gid.toString(16).padStart(4, '0');
    return `<${hex}>`;
  }

  /**
   * The face as an Identity-H CID font (Type0 over CIDFontType2, the file embedded as FontFile2), as MuPDF's
   * addFont writes it but without the widths and ToUnicode map of every glyph (DejaVu Sans: ~6,000): the
   * document's finish writes those for the glyphs encode() wrote (GeneratedPages.finish). addFont spent
   * ~10 ms a face walking the whole font for them.
   */
  embed(doc: MupdfDocument): PDFObject {
    const { name, buffer, bytes } = this.file;
    const m = trueTypeMetrics(bytes);
    const descriptor = doc.addObject({
      Type: 'FontDescriptor',
      FontName: name,
      // Nonsymbolic, and the stem width MuPDF writes for a font it does not analyse.
      Flags: 32,
      FontBBox: m.bbox,
      ItalicAngle: 0,
      Ascent: m.ascent,
      Descent: m.descent,
      StemV: 80,
      // The buffer the face was loaded from, shared rather than copied (as addFont does): ~1.4 MiB for both faces.
      FontFile2: doc.addStream(buffer, { Length1: bytes.length }),
    });
    const cidFont = doc.addObject({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: '(Adobe)', Ordering: '(Identity)', Supplement: 0 },
      FontDescriptor: descriptor,
    });
    return doc.addObject({ Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [cidFont] });
  }

  /** The W array of the used glyphs (c c width each), in the PDF's 1/1000 em, truncated as MuPDF writes them. */
  usedWidths(): number[] {
    const w: number[] = [];
    for (const [gid, cp] of this.used) w.push(gid, gid, Math.floor(this.glyph(cp).advance * 1000));
    return w;
  }

  /** A ToUnicode CMap from each used glyph to its character (UTF-16BE), so the text stays extractable. */
  toUnicodeCMap(): string {
    const chars = [...this.used].filter(([gid]) => gid !== 0).map(([gid, cp]) => `<${gid.toString(16).padStart(4, '0')}> <${utf16Hex(cp)}>`);
    const blocks: string[] = [];
    // At most 100 entries per bfchar block (PDF 32000-1, 9.10.3).
    for (let i = 0; i < chars.length; i += 100) {
      const part = chars.slice(i, i + 100);
      blocks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
    }
    return [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo <</Registry(Adobe)/Ordering(UCS)/Supplement 0>> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <FFFF>',
      'endcodespacerange',
      ...blocks,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n');
  }
}

/**
 * A TrueType file's box (head) and ascent and descent (hhea) in 1/1000 em, as MuPDF reads them through
 * FreeType for a font descriptor (ascent and descent truncated, as it writes them).
 */
function trueTypeMetrics(bytes: Uint8Array): { bbox: number[]; ascent: number; descent: number } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const table = (tag: string): number => {
    for (let i = 0, n = v.getUint16(4); i < n; i++) {
      const rec = 12 + 16 * i;
      if (String.fromCharCode(...bytes.subarray(rec, rec + 4)) === tag) return v.getUint32(rec + 8);
    }
    throw new SaktaError('INTERNAL', `The bundle font has no ${tag} table.`);
  };
  const head = table('head');
  const hhea = table('hhea');
  const em = (units: number) => (units * 1000) / v.getUint16(head + 18);
  return {
    bbox: [v.getInt16(head + 36), v.getInt16(head + 38), v.getInt16(head + 40), v.getInt16(head + 42)].map(em),
    ascent: Math.trunc(em(v.getInt16(hhea + 4))),
    descent: Math.trunc(em(v.getInt16(hhea + 6))),
  };
}

/** A character as UTF-16BE hex (a surrogate pair above U+FFFF). */
function utf16Hex(cp: number): string {
  const s = String.fromCodePoint(cp);
  let hex = '';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0');
  return hex;
}

/** Both faces, parsed once per build by MuPDF (no pdf-lib or fontkit in the process: they cost ~38 MiB). */
export async function loadFonts(bytes: FontBytes): Promise<Fonts> {
  const mupdf = await loadMupdf();
  const face = (name: string, bytes: Uint8Array, key: string) => {
    const buffer = new mupdf.Buffer(bytes);
    return new BundleFont(new mupdf.Font(name, buffer), key, { name, buffer, bytes });
  };
  const regular = face('DejaVuSans', bytes.regular, 'R');
  const bold = face('DejaVuSans-Bold', bytes.bold, 'B');
  return { regular, bold, supported: { has: (cp) => regular.has(cp) && bold.has(cp) } };
}
