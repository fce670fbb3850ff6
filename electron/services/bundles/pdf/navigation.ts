import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';

/** A bookmark; `page` is its target, children nest under it. */
export interface OutlineNode {
  title: string;
  page: PDFPage;
  children?: OutlineNode[];
}

const fitDest = (doc: PDFDocument, page: PDFPage) => {
  const a = PDFArray.withContext(doc.context);
  a.push(page.ref);
  a.push(PDFName.of('XYZ'));
  a.push(PDFNull);
  a.push(PDFNumber.of(page.getHeight()));
  a.push(PDFNull);
  return a;
};

/**
 * pdf-lib has no outline API, so the /Outlines tree is built from dictionaries: each item points to its
 * parent, siblings and children, and /Count (positive = shown open) tells viewers how many items are visible.
 */
export function addOutline(doc: PDFDocument, nodes: OutlineNode[]): void {
  const ctx = doc.context;
  const rootRef = ctx.nextRef();

  const build = (items: OutlineNode[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } | null => {
    if (!items.length) return null;
    const refs = items.map(() => ctx.nextRef());
    let total = 0;
    items.forEach((item, i) => {
      const dict = PDFDict.withContext(ctx);
      dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
      dict.set(PDFName.of('Parent'), parent);
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      dict.set(PDFName.of('Dest'), fitDest(doc, item.page));
      const kids = build(item.children ?? [], refs[i]!);
      if (kids) {
        dict.set(PDFName.of('First'), kids.first);
        dict.set(PDFName.of('Last'), kids.last);
        dict.set(PDFName.of('Count'), PDFNumber.of(kids.count));
      }
      ctx.assign(refs[i]!, dict);
      total += 1 + (kids?.count ?? 0);
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, count: total };
  };

  const top = build(nodes, rootRef);
  const root = PDFDict.withContext(ctx);
  root.set(PDFName.of('Type'), PDFName.of('Outlines'));
  if (top) {
    root.set(PDFName.of('First'), top.first);
    root.set(PDFName.of('Last'), top.last);
    root.set(PDFName.of('Count'), PDFNumber.of(top.count));
  }
  ctx.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** Named destinations ("A3" → its first page) so a reference like "tab A3" can be opened by name. */
export function addNamedDests(doc: PDFDocument, dests: { name: string; page: PDFPage }[]): void {
  if (!dests.length) return;
  const dict = PDFDict.withContext(doc.context);
  for (const d of dests) dict.set(PDFName.of(d.name), fitDest(doc, d.page));
  doc.catalog.set(PDFName.of('Dests'), doc.context.register(dict));
}

/** A clickable area on `from` that jumps to `to` (an index line to its document's first page). */
export function addLink(doc: PDFDocument, from: PDFPage, rect: [number, number, number, number], to: PDFPage): void {
  const annot = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: rect,
    Border: [0, 0, 0],
    Dest: fitDest(doc, to),
  });
  from.node.addAnnot(doc.context.register(annot));
}
