import type { PDFDocument, PDFObject } from 'mupdf';

/** The volume's page objects by position, kept while assembling: looking a page up walks the page tree. */
export type PageList = PDFObject[];

/** A bookmark; `page` is its target (0-based in the volume), children nest under it. */
export interface OutlineNode {
  title: string;
  page: number;
  children?: OutlineNode[];
}

/**
 * Each page's top, once: a document's first page is the target of its index link, its bookmark and its
 * named destination, and every look at the box goes through MuPDF. Weak, so it goes with the build's pages.
 */
const tops = new WeakMap<PDFObject, number>();

function topOf(p: PDFObject): number {
  let top = tops.get(p);
  if (top === undefined) {
    const box = p.getInheritable('MediaBox');
    top = box.isArray() ? Math.max(box.get(1).asNumber(), box.get(3).asNumber()) : 842;
    tops.set(p, top);
  }
  return top;
}

/** "Go to the top of page n": [page /XYZ null top null], top from the page's own box. */
const destOf = (doc: PDFDocument, pages: PageList, page: number): PDFObject => {
  const p = pages[page]!;
  return doc._toPDFObject([p, 'XYZ', null, topOf(p), null]);
};

/**
 * The /Outlines tree, built from dictionaries: each item points to its parent, siblings and children, and
 * /Count (positive = shown open) tells viewers how many items are visible. Titles are text strings, so
 * Cyrillic goes in as UTF-16.
 */
export function addOutline(doc: PDFDocument, pages: PageList, nodes: OutlineNode[]): void {
  const root = doc.addObject({ Type: 'Outlines' });
  const build = (items: OutlineNode[], parent: PDFObject): { first: PDFObject; last: PDFObject; count: number } | null => {
    if (!items.length) return null;
    const refs = items.map(() => doc.addObject({}));
    let total = 0;
    items.forEach((item, i) => {
      const d = refs[i]!;
      d.put('Title', doc.newString(item.title));
      d.put('Parent', parent);
      if (i > 0) d.put('Prev', refs[i - 1]!);
      if (i < items.length - 1) d.put('Next', refs[i + 1]!);
      d.put('Dest', destOf(doc, pages, item.page));
      const kids = build(item.children ?? [], d);
      if (kids) {
        d.put('First', kids.first);
        d.put('Last', kids.last);
        d.put('Count', kids.count);
      }
      total += 1 + (kids?.count ?? 0);
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, count: total };
  };
  const top = build(nodes, root);
  if (top) {
    root.put('First', top.first);
    root.put('Last', top.last);
    root.put('Count', top.count);
  }
  const catalog = doc.getTrailer().get('Root');
  catalog.put('Outlines', root);
  catalog.put('PageMode', 'UseOutlines');
}

/** Named destinations ("A3" → its first page) so a reference like "tab A3" can be opened by name. */
export function addNamedDests(doc: PDFDocument, pages: PageList, dests: { name: string; page: number }[]): void {
  if (!dests.length) return;
  const dict = doc.addObject({});
  for (const d of dests) dict.put(d.name, destOf(doc, pages, d.page));
  doc.getTrailer().get('Root').put('Dests', dict);
}

/** A clickable area on page `from` that jumps to page `to` (an index line to its document's first page). */
export function addLink(doc: PDFDocument, pages: PageList, from: number, rect: [number, number, number, number], to: number): void {
  const page = pages[from]!;
  const annot = doc.addObject({ Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0], Dest: destOf(doc, pages, to) });
  let annots = page.get('Annots');
  if (!annots.isArray()) {
    page.put('Annots', doc.newArray());
    annots = page.get('Annots');
  }
  annots.push(annot);
}
