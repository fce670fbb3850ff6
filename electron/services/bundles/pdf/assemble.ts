import type { PDFDocument, PDFObject } from 'mupdf';
import type { Mupdf } from '../../../base/mupdf';
import type { SourceDocument } from '../source';
import { fitToPaper, mapRect, type Matrix } from './fit-page';
import { addLink, addNamedDests, addOutline, type OutlineNode, type PageList } from './navigation';
import { sourceError } from './sources';
import { stampOperators, type Box, type StampLabel } from './stamp';

/**
 * One run of the volume's pages: some pages of the generated document, or every page of a source PDF
 * (already in the volume's document, see VolumeDocument.addSource).
 */
export type Piece = { type: 'generated'; first: number; count: number } | { type: 'source'; doc: SourceDocument; labels: StampLabel[] };

export interface Assembly {
  /** The volume's document, its source PDFs' pages already grafted in running order; the caller frees it. */
  volume: VolumeDocument;
  /** The pages Sakta drew (cover, index, parts, images, text), fonts already subset; the caller frees it. */
  generated: PDFDocument;
  /** The bold face in `generated`: source pages are stamped with it. */
  stampFont: PDFObject;
  pieces: Piece[];
  /** Page indices are 0-based in the volume. */
  links: { from: number; rect: [number, number, number, number]; to: number }[];
  outline: OutlineNode[];
  dests: { name: string; page: number }[];
  info: { title: string; at: Date };
  paper: { width: number; height: number };
  /** Scale source pages onto the paper (the definition's `fitToPaper`). */
  fit: boolean;
  check: () => void;
}

const FONT = 'SaktaStamp';

/** Pages per node of the volume's page tree (see PageTreeChunks). */
const CHUNK = 64;

/**
 * Keeps the volume's page tree two levels deep while pages are appended. MuPDF's graftPage(-1) finds the
 * end by walking the tree from its start, looking at every kid of a node it passes through; with every
 * page in one Kids array that is one look at each page so far for each page added (a 2,000-page volume
 * spent ~130 ms of ~180 ms grafting walking). Nodes of about CHUNK pages (a run of pages is not cut) are
 * skipped by their Count, so a walk looks at a few dozen kids. MuPDF puts a new page next to the last
 * one, so a node is started by moving the last page into it. The root's own first pages move into the first
 * node, so the root holds only nodes: a walk no longer steps over those pages one by one (grafting 508
 * pages: ~8 -> ~5 ms of walking, under load).
 */
class PageTreeChunks {
  private readonly root: PDFObject;
  private node: PDFObject;
  constructor(private readonly out: PDFDocument) {
    this.root = out.getTrailer().get('Root').get('Pages');
    this.node = this.root;
  }

  /** Called between runs of appended pages: starts a new node once the last one is full. */
  split(): void {
    const kids = this.node.get('Kids');
    if (kids.length < CHUNK) return;
    const moving = this.node === this.root ? kids.length : 1;
    const node = this.out.addObject(this.out.newDictionary());
    node.put('Type', this.out.newName('Pages'));
    const nodeKids = node.put('Kids', this.out.newArray());
    for (let i = kids.length - moving; i < kids.length; i++) {
      const page = nodeKids.push(kids.get(i));
      page.put('Parent', node);
    }
    for (let i = 0; i < moving; i++) kids.delete(kids.length - 1);
    // The root's Count stays: the pages move under a node that is itself under the root.
    if (this.node !== this.root) this.node.put('Count', kids.length);
    node.put('Count', moving);
    node.put('Parent', this.root);
    this.root.get('Kids').push(node);
    this.node = node;
  }
}

/**
 * A volume's document, filled while the bundle's sources are read: a source PDF's pages are grafted in by
 * the same open that checks and counts them, so each source is read and parsed once (parsing a source's
 * object stream was most of opening it, ~30 ms of a 500-page build each time), and only one source is
 * open at a time. The generated pages go in among them when the volume is assembled.
 */
export class VolumeDocument {
  readonly out: PDFDocument;
  private readonly tree: PageTreeChunks;
  constructor(mupdf: Mupdf) {
    this.out = new mupdf.PDFDocument();
    this.tree = new PageTreeChunks(this.out);
  }

  /** Appends every page of an open source PDF. */
  addSource(doc: SourceDocument, src: PDFDocument, pages: number): void {
    this.tree.split();
    // One map per source: resources its pages share are copied once.
    const map = this.out.newGraftMap();
    try {
      for (let i = 0; i < pages; i++) map.graftPage(-1, src, i);
    } catch {
      throw sourceError(doc, 'UNSUPPORTED', 'is a damaged PDF: its pages could not be copied. Import a good copy, or leave it out.');
    } finally {
      map.destroy();
    }
  }

  destroy(): void {
    this.out.destroy();
  }
}

const pdfDate = (d: Date) => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

function numbers(o: PDFObject): number[] | null {
  // A missing key is the shared PDFObject.Null, which belongs to no document. MuPDF's array functions
  // follow an indirect reference themselves, so no resolve(): one wrapped object fewer for every page.
  if (o.isNull() || !o.isArray() || o.length < 4) return null;
  const xs: number[] = [];
  for (let i = 0; i < 4; i++) xs.push(o.get(i).asNumber());
  return xs.every(Number.isFinite) ? xs : null;
}

const norm = (xs: number[]): Box => [Math.min(xs[0]!, xs[2]!), Math.min(xs[1]!, xs[3]!), Math.max(xs[0]!, xs[2]!), Math.max(xs[1]!, xs[3]!)];

/** Moves a fitted page's annotations with its content (rectangles and the quads of links and highlights). */
function moveAnnots(page: PDFObject, m: Matrix): void {
  const annots = page.get('Annots');
  if (!annots.isArray()) return;
  for (let i = 0; i < annots.length; i++) {
    const a = annots.get(i);
    if (!a.isDictionary()) continue;
    const rect = numbers(a.get('Rect'));
    if (rect) a.put('Rect', mapRect(m, norm(rect)));
    const q = a.get('QuadPoints');
    if (q.isArray()) for (let k = 0; k + 1 < q.length; k += 2) {
      q.put(k, m[0] * q.get(k).asNumber() + m[4]);
      q.put(k + 1, m[3] * q.get(k + 1).asNumber() + m[5]);
    }
  }
}

/**
 * The keys finishing reads and writes on every source page, as MuPDF name objects: a key given as a string
 * is copied into MuPDF's memory on every call, which was ~30% of finishing a 500-page volume's pages.
 */
function pageKeys(out: PDFDocument) {
  const name = (n: string) => out.newName(n);
  return { MediaBox: name('MediaBox'), CropBox: name('CropBox'), Rotate: name('Rotate'), Contents: name('Contents'), Resources: name('Resources'), Font: name('Font'), stamp: name(FONT) };
}
type PageKeys = ReturnType<typeof pageKeys>;

/**
 * One source page, already grafted: fitted onto the paper when asked, its content wrapped in q … Q so
 * nothing it leaves in the graphics state reaches the stamp, then stamped with its label.
 */
function finishSourcePage(out: PDFDocument, page: PDFObject, label: StampLabel, font: PDFObject, a: Assembly, plainOpen: PDFObject, k: PageKeys): void {
  const media = numbers(page.get(k.MediaBox)) ?? [0, 0, a.paper.width, a.paper.height];
  const crop = numbers(page.get(k.CropBox));
  let box = norm(crop ?? media);
  const rotateObj = page.get(k.Rotate);
  const rotate = rotateObj.isNumber() ? rotateObj.asNumber() : 0;
  let open = plainOpen;
  const fit = a.fit ? fitToPaper(box, a.paper) : null;
  if (fit) {
    const [s, , , , e, f] = fit.matrix;
    const [x0, y0, x1, y1] = box;
    // Clipped to the visible box: what the source's crop hid stays hidden in the margins.
    open = out.addStream(`q\n${s} 0 0 ${s} ${e} ${f} cm\n${x0} ${y0} ${x1 - x0} ${y1 - y0} re W n\n`, {});
    page.put(k.MediaBox, fit.box);
    for (const k of ['CropBox', 'BleedBox', 'TrimBox', 'ArtBox']) page.delete(k);
    moveAnnots(page, fit.matrix);
    box = fit.box;
  }
  const close = out.addStream(`\nQ\n${stampOperators(box, rotate, label, FONT)}`, {});
  const contents = out.newArray();
  contents.push(open);
  const old = page.get(k.Contents);
  if (old.isArray()) for (let i = 0; i < old.length; i++) contents.push(old.get(i));
  else if (!old.isNull()) contents.push(old);
  contents.push(close);
  page.put(k.Contents, contents);
  let res = page.get(k.Resources);
  if (!res.isDictionary()) res = page.put(k.Resources, out.newDictionary());
  let fonts = res.get(k.Font);
  if (!fonts.isDictionary()) fonts = res.put(k.Font, out.newDictionary());
  fonts.put(k.stamp, font);
}

/**
 * Finishes one volume with MuPDF: the generated pages put in among the source pages in running order,
 * stamps, links, bookmarks, named destinations and the document info, saved with compressed object streams.
 */
export function assembleVolume(a: Assembly): Uint8Array {
  const out = a.volume.out;
  const genMap = out.newGraftMap();
  try {
    const font = genMap.graftObject(a.stampFont);
    // One "q" shared by every page that needs no fitting.
    const plainOpen = out.addStream('q\n', {});
    const keys = pageKeys(out);
    // Inserting first, finishing after: a page lookup right after an insert rebuilds MuPDF's page map, which
    // made every lookup cost the whole volume. In running order, each generated page goes in at its final
    // place, before the source page there now. The labels say which pages came from a source.
    const labels: ({ label: StampLabel; doc: SourceDocument } | null)[] = [];
    for (const piece of a.pieces) {
      if (piece.type === 'source') {
        labels.push(...piece.labels.map((label) => ({ label, doc: piece.doc })));
        continue;
      }
      a.check();
      for (let i = 0; i < piece.count; i++) {
        genMap.graftPage(labels.length, a.generated, piece.first + i);
        labels.push(null);
      }
    }
    a.check();
    const pages: PageList = labels.map((_, i) => out.findPage(i));
    labels.forEach((l, i) => {
      if (!l) return;
      try {
        finishSourcePage(out, pages[i]!, l.label, font, a, plainOpen, keys);
      } catch {
        throw sourceError(l.doc, 'UNSUPPORTED', 'is a damaged PDF: a page could not be stamped. Import a good copy, or leave it out.');
      }
    });
    for (const l of a.links) addLink(out, pages, l.from, l.rect, l.to);
    addOutline(out, pages, a.outline);
    addNamedDests(out, pages, a.dests);
    out.setMetaData('info:Title', a.info.title);
    out.setMetaData('info:Creator', 'Sakta');
    out.setMetaData('info:Producer', 'Sakta');
    out.setMetaData('info:CreationDate', pdfDate(a.info.at));
    out.setMetaData('info:ModDate', pdfDate(a.info.at));
    a.check();
    // compression-effort=20 is zlib level 1 (MuPDF scales effort 1-100 onto levels 0-9) for what MuPDF
    // deflates when saving: the object streams and the font subsets. The sources' streams arrive compressed
    // and are copied as they are. Bench child at 500 pages: the save ~71 -> ~43 ms (medians of 9), build CPU
    // ~412 -> ~386 ms, and the file ~1% smaller (level 1 happens to pack the object streams better here).
    const buf = out.saveToBuffer('compress,objstms,compression-effort=20');
    try {
      return buf.asUint8Array().slice();
    } finally {
      buf.destroy();
    }
  } finally {
    genMap.destroy();
  }
}
