import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { SaktaError } from '../../../../shared/errors';

/** DejaVu Sans (Debian fonts-dejavu-core 2.37, licence in assets/fonts): Latin, Cyrillic incl. Kyrgyz and Uzbek letters. */
export interface FontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  /** Code points both faces can draw; anything else is replaced before drawing. */
  supported: Set<number>;
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

function subsetTag(): string {
  return Array.from(randomBytes(6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

interface Glyph {
  id: number;
  advanceWidth: number;
}

/**
 * pdf-lib measures and encodes every string through fontkit's full OpenType shaping (GSUB/GPOS lookups),
 * which took most of a bundle's build time: the index and annex measure each cell many times to wrap it.
 * Latin and Cyrillic (Kyrgyz and Uzbek letters included) need no shaping, so each character maps to its
 * glyph through the font's cmap, once, and the glyph (with its advance) is reused. pdf-lib reads only
 * `glyphs` from `layout` (CustomFontEmbedder, CustomFontSubsetEmbedder in pdf-lib 1.17).
 */
function plainLayout(font: PDFFont): PDFFont {
  const fk = (font as unknown as { embedder: { font: { glyphForCodePoint(cp: number): Glyph; layout: (text: string) => { glyphs: Glyph[] } } } }).embedder.font;
  const cache = new Map<number, Glyph>();
  fk.layout = (text: string) => {
    const glyphs: Glyph[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let g = cache.get(cp);
      if (!g) cache.set(cp, (g = fk.glyphForCodePoint(cp)));
      glyphs.push(g);
    }
    return { glyphs };
  };
  return font;
}

/** Embeds both faces subset: only the glyphs actually drawn end up in the file. */
export async function embedFonts(doc: PDFDocument, bytes: FontBytes): Promise<Fonts> {
  doc.registerFontkit(fontkit);
  // "ABCDEF+Name" is how PDF marks a subset font (ISO 32000 9.6.4); pdf-lib's default name lacks the tag.
  const tag = subsetTag();
  const regular = plainLayout(await doc.embedFont(bytes.regular, { subset: true, customName: `${tag}+DejaVuSans` }));
  const bold = plainLayout(await doc.embedFont(bytes.bold, { subset: true, customName: `${tag}+DejaVuSans-Bold` }));
  const b = new Set(bold.getCharacterSet());
  const supported = new Set(regular.getCharacterSet().filter((c) => b.has(c)));
  return { regular, bold, supported };
}
