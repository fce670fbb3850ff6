import type { PDFDocument as MupdfDocument, PDFObject } from 'mupdf';
import type { BundleFont, Fonts } from './fonts';

export type Rgb = readonly [number, number, number];
export const rgb = (r: number, g: number, b: number): Rgb => [r, g, b];

/** A generated page (cover, index, part, image, text file) as content-stream operators, written to a PDF at the end. */
export interface GenPage {
  width: number;
  height: number;
  ops: string[];
  /** Image XObjects the page draws, by resource name. */
  images: Map<string, PDFObject>;
}

const n = (x: number) => (Math.round(x * 1000) / 1000).toString();
const color = (c: Rgb, op: 'rg' | 'RG') => `${n(c[0])} ${n(c[1])} ${n(c[2])} ${op}`;

/** One line of text at (x, y), in one face and colour. */
export function drawLine(page: GenPage, text: string, o: { x: number; y: number; size: number; font: BundleFont; color?: Rgb }): void {
  page.ops.push(`q BT ${color(o.color ?? rgb(0, 0, 0), 'rg')} /${o.font.key} ${n(o.size)} Tf 1 0 0 1 ${n(o.x)} ${n(o.y)} Tm ${o.font.encode(text.replace(/\n/g, ' '))} Tj ET Q`);
}

/** A straight rule. */
export function drawRule(page: GenPage, o: { start: { x: number; y: number }; end: { x: number; y: number }; thickness: number; color: Rgb }): void {
  page.ops.push(`q ${color(o.color, 'RG')} ${n(o.thickness)} w ${n(o.start.x)} ${n(o.start.y)} m ${n(o.end.x)} ${n(o.end.y)} l S Q`);
}

/** An image XObject scaled into the rectangle. */
export function drawImage(page: GenPage, name: string, o: { x: number; y: number; width: number; height: number }): void {
  page.ops.push(`q ${n(o.width)} 0 0 ${n(o.height)} ${n(o.x)} ${n(o.y)} cm /${name} Do Q`);
}

/**
 * The generated pages of one volume, drawn by MuPDF into their own document (its fonts added once as
 * Identity-H CID fonts with a ToUnicode map, so Cyrillic stays extractable), then grafted by assemble.ts.
 */
export class GeneratedPages {
  readonly pages: GenPage[] = [];
  readonly regular: PDFObject;
  readonly bold: PDFObject;
  constructor(
    readonly doc: MupdfDocument,
    fonts: Fonts,
  ) {
    this.regular = fonts.regular.embed(doc);
    this.bold = fonts.bold.embed(doc);
  }

  addPage(width: number, height: number): GenPage {
    const page: GenPage = { width, height, ops: [], images: new Map() };
    this.pages.push(page);
    return page;
  }

  /**
   * Keeps only the glyphs used, then writes every page in order. MuPDF's subsetFonts finds the glyphs by
   * interpreting the content of every page in the document, and a volume's generated pages (and, before,
   * a page of every stamp label) hold thousands of short runs of text, each with its own Tf: each one a
   * font lookup and checksum. So it runs first, on one probe page showing each glyph encode() wrote once
   * (the stamp labels of source pages included: they are encoded with the bold face too), and the pages
   * are added after it: they use the same font objects, now subset. MuPDF's subsetting keeps glyph ids,
   * so text encoded before it stays valid. Bench child at 508 pages, CPU under load: subsetFonts ~58 -> ~31 ms.
   */
  finish(fonts: Fonts): void {
    const resources = (page: GenPage) => {
      const res = this.doc.newDictionary();
      const f = this.doc.newDictionary();
      f.put(fonts.regular.key, this.regular);
      f.put(fonts.bold.key, this.bold);
      res.put('Font', f);
      if (page.images.size) {
        const x = this.doc.newDictionary();
        for (const [name, obj] of page.images) x.put(name, obj);
        res.put('XObject', x);
      }
      return res;
    };
    const faces = [[this.regular, fonts.regular], [this.bold, fonts.bold]] as const;
    // Widths and a ToUnicode map for the glyphs drawn only (see BundleFont.embed). The ToUnicode map goes on
    // after subsetting: loading the font for the probe page remapped it through each of Identity-H's 65,536 codes.
    for (const [font, face] of faces) font.get('DescendantFonts').get(0).put('W', face.usedWidths());
    const probe: GenPage = { width: 100, height: 100, ops: [`BT /${fonts.regular.key} 9 Tf ${fonts.regular.usedGlyphs()} Tj /${fonts.bold.key} 9 Tf ${fonts.bold.usedGlyphs()} Tj ET`], images: new Map() };
    this.doc.insertPage(-1, this.doc.addPage([0, 0, probe.width, probe.height], 0, resources(probe), probe.ops.join('\n')));
    this.doc.subsetFonts();
    this.doc.deletePage(0);
    for (const [font, face] of faces) font.put('ToUnicode', this.doc.addStream(face.toUnicodeCMap(), {}));
    for (const p of this.pages) this.doc.insertPage(-1, this.doc.addPage([0, 0, p.width, p.height], 0, resources(p), p.ops.join('\n')));
  }
}
