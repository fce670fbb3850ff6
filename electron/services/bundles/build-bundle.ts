import { citationLine } from '../../../shared/deadline-words';
import { SaktaError } from '../../../shared/errors';
import { partialDateBounds } from '../../../shared/partial-date';
import type { BundleDefinition, BundleNotice, BundlePreview } from '../../../shared/schemas/bundle';
import type { Rule } from '../../../shared/schemas/deadline-rules';
import { bundleText, type BundleText } from './bundle-text';
import { planSections, type PlannedDoc, type PlannedSection } from './plan';
import { makePseudonymiser } from './pseudonymise';
import type { NoteBlock } from './note-markdown';
import type { BundleSource, SourceCase } from './source';
import { loadFonts, type FontBytes, type Fonts } from './pdf/fonts';
import { assembleVolume, VolumeDocument, type Assembly, type Piece } from './pdf/assemble';
import type { OutlineNode } from './pdf/navigation';
import { appendGenerated, loadSource, type AdoptPdf, type LoadedSource } from './pdf/sources';
import { encodeLabel, stampPage } from './pdf/stamp';
import { drawPart, geometry, layoutPart, type Geometry, type LaidPart, type Part, type TableRow } from './pdf/table';
import { drawable, roman, wrapText } from './pdf/text';
import { drawLine, GeneratedPages, rgb, type GenPage } from './pdf/draw';
import { loadMupdf } from '../../base/mupdf';

export interface BuildOptions {
  caseId: string;
  definition: BundleDefinition;
  source: BundleSource;
  fonts: FontBytes;
  now: Date;
  /** false: lay out only (preview); nothing is rendered or saved. */
  render: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface BuiltVolume {
  number: number;
  pages: number;
  bytes: Uint8Array | null;
}

export interface BuiltBundle {
  preview: BundlePreview;
  volumes: BuiltVolume[];
  /** Every source in bundle order with its tab, for the manifest. */
  sources: { documentId: string; tab: string; sha256: string; importedAt: string }[];
  title: string;
}

type Unit =
  | { type: 'doc'; key: string; prefix: string; pages: number; planned: PlannedDoc; src: LoadedSource }
  | PartUnit;
type PartUnit = { type: 'part'; key: string; prefix: string; pages: number; laid: LaidPart; name: string };

function cancelled(): SaktaError {
  return new SaktaError('CANCELLED', 'The bundle was cancelled; no file was written.');
}

const tick = () => new Promise<void>((r) => setImmediate(r));

/** The volume line is known only per volume; layout needs just the number of subtitle lines. */
const VOLUME_LINE = '\u0000volume';

/** What every step reads: the request, its language, the case, the page geometry and the pseudonyms. */
interface Build {
  o: BuildOptions;
  def: BundleDefinition;
  t: BundleText;
  c: SourceCase;
  g: Geometry;
  metrics: Fonts;
  pseudo: (s: string) => string;
  /** The shipped deadline rule with this id; null when the chronology lists no deadlines. */
  findRule: (id: string) => Rule | null;
  /** A note's Markdown as printed blocks; only called when the bundle has the notes part. */
  noteBlocks: (markdown: string) => NoteBlock[];
  /** Throws CANCELLED once the signal is aborted. */
  check: () => void;
  /** One step of `o.onProgress` (every source read, every source added, the save). */
  progress: (label: string) => void;
}

/** The layout of the whole bundle: page counts, labels and volumes are final, nothing is rendered yet. */
interface Layout {
  sections: PlannedSection[];
  planned: PlannedDoc[];
  units: Unit[];
  labels: Map<string, string[]>;
  indexPart: Part;
  indexLaid: LaidPart;
  /** Pages before the first unit of each volume: the cover and the index. */
  front: number;
  limit: number | null | undefined;
  volumes: Unit[][];
  volumeOf: Map<string, number>;
  multi: boolean;
}

/**
 * Builds a bundle entirely in memory: lay out the generated parts and the index, load and check every
 * source (a broken one stops everything before a byte is written; when rendering, a source PDF's pages go
 * into its volume's document as it is read), number the pages, split into volumes, then render.
 */
export async function buildBundle(o: BuildOptions): Promise<BuiltBundle> {
  const check = () => {
    if (o.signal?.aborted) throw cancelled();
  };
  const def = o.definition;
  const t = bundleText(def.options.language);
  const c = o.source.getCase(o.caseId);
  if (!c) throw new SaktaError('NOT_FOUND', 'That case does not exist.');
  const { sections, notices } = planSections(def, o.source.listDocuments(o.caseId));
  const planned = sections.flatMap((s) => s.docs);
  if (!planned.length) throw new SaktaError('VALIDATION', 'The bundle has no documents; add at least one.', { sections: 'No documents' });
  if (def.pseudonyms.length) notices.push({ code: 'pseudonyms-generated-pages-only', params: {} });

  const g = geometry(def.options.paper);
  const metrics = await loadFonts(o.fonts);
  const persons = def.pseudonyms.length ? o.source.getPersons(def.pseudonyms.map((p) => p.personId)) : [];
  const pseudo = makePseudonymiser(persons, def.pseudonyms);
  // Modules only some parts need, loaded when the definition has those parts: the shipped rules are parsed
  // with zod on first use (~12 MiB of a process), and the Markdown parser is a few MiB more.
  const rules = def.options.chronology && def.options.chronologyDeadlines ? await import('../../../shared/deadline-rules') : null;
  const findRule = rules ? rules.findRule : () => null;
  const { noteBlocks } = def.options.notes ? await import('./note-markdown') : { noteBlocks: () => [] };
  const total = planned.length * 2 + 1;
  let done = 0;
  const b: Build = { o, def, t, c, g, metrics, pseudo, findRule, noteBlocks, check, progress: (label) => o.onProgress?.(++done, total, label) };

  const parts = layoutParts(b, sections);
  const { indexPart, indexLaid, front } = layoutIndex(b, sections, planned, parts);
  const limit = def.options.volumePageLimit;
  const split = new VolumeSplit(limit, front, notices);
  // When rendering, each volume's document from its first source PDF on; freed whatever happens.
  const docs: VolumeDocument[] = [];
  const volumeDoc = o.render ? await volumeDocs(docs) : null;
  try {
    parts.before.forEach((u) => split.place(u));
    await collectSources(b, planned, split, volumeDoc);
    parts.after.forEach((u) => split.place(u));
    const { volumes } = split;
    const units = volumes.flat();
    const labels = labelPages(units, def.options.numbering);
    const volumeOf = new Map<string, number>();
    volumes.forEach((v, i) => v.forEach((u) => volumeOf.set(u.key, i + 1)));
    const layout: Layout = { sections, planned, units, labels, indexPart, indexLaid, front, limit, volumes, volumeOf, multi: volumes.length > 1 };

    const preview = previewOf(b, layout, notices);
    const sources = planned.map((p) => ({ documentId: p.doc.id, tab: p.tab, sha256: p.doc.sha256, importedAt: p.doc.importedAt }));
    const title = def.cover.title || c.title;
    if (!volumeDoc) return { preview, volumes: preview.volumes.map((v) => ({ number: v.number, pages: v.pages, bytes: null })), sources, title };

    const built: BuiltVolume[] = [];
    for (const [vi, vunits] of volumes.entries()) {
      check();
      const doc = volumeDoc(vi);
      built.push(await renderVolume(b, layout, vi + 1, vunits, title, doc));
      // A saved volume's document is not needed while the next one is rendered.
      doc.destroy();
    }
    b.progress('Saved');
    return { preview, volumes: built, sources, title };
  } finally {
    for (const d of docs) d?.destroy();
  }
}

/** Step 1: the generated parts laid out: the chronology goes before the documents, the notes and the annex after. */
function layoutParts(b: Build, sections: PlannedSection[]): { before: PartUnit[]; after: PartUnit[] } {
  const { o, def, t, pseudo, metrics, g } = b;
  const part = (key: string, prefix: string, laid: LaidPart, name: string): PartUnit => ({ type: 'part', key, prefix, pages: laid.pages.length, laid, name });
  const before: PartUnit[] = [];
  const after: PartUnit[] = [];
  if (def.options.chronology) before.push(part('part:chronology', 'CHR', chronologyPart(o, t, b.c, pseudo, b.findRule, metrics, g), t.parts.chronology));
  if (def.options.notes) after.push(part('part:notes', 'N', notesLayout(o, t, pseudo, b.noteBlocks, metrics, g), t.parts.notes));
  if (def.options.custodyAnnex) after.push(part('part:annex', 'X', annexPart(sections, t, pseudo, metrics, g), t.parts.annex));
  return { before, after };
}

/**
 * Step 2: the index, laid out once: its page count fixes the front matter of every volume. Its page
 * column is filled when drawn, so the layout needs no page counts and comes before the sources are read.
 */
function layoutIndex(b: Build, sections: PlannedSection[], planned: PlannedDoc[], parts: { before: PartUnit[]; after: PartUnit[] }): { indexPart: Part; indexLaid: LaidPart; front: number } {
  const { def, t, pseudo } = b;
  const limit = def.options.volumePageLimit;
  const docDate = (p: PlannedDoc) => (p.doc.date ? t.date(p.doc.date) : t.undated);
  const indexRows: TableRow[] = [];
  const partRow = (u: PartUnit) => indexRows.push({ cells: ['', u.name, '', '', ''], link: u.key });
  parts.before.forEach(partRow);
  for (const s of sections) {
    if (!s.docs.length) continue;
    indexRows.push({ cells: [`${s.letter}. ${pseudo(s.title)}`], heading: true });
    for (const p of s.docs) {
      const orig = p.followsOriginal ? planned.find((x) => x.doc.id === p.followsOriginal) : undefined;
      const desc = pseudo(p.doc.title) + (orig ? t.index.translationOf(orig.tab) : '');
      indexRows.push({ cells: [p.tab, desc, docDate(p), t.agreement[p.agreement], ''], link: `doc:${p.doc.id}` });
    }
  }
  parts.after.forEach(partRow);
  const indexPart: Part = {
    title: t.parts.index,
    subtitle: [pseudo(def.cover.title || b.c.title), ...(limit ? [VOLUME_LINE] : [])],
    columns: t.index.columns(!!limit),
    rows: indexRows,
  };
  const indexLaid = layoutPart(indexPart, b.metrics, b.g);
  return { indexPart, indexLaid, front: 1 + indexLaid.pages.length };
}

/**
 * The volumes of step 3: whole documents only, filled in bundle order as the units' page counts become known;
 * one larger than a volume gets a volume to itself (and a notice).
 */
class VolumeSplit {
  readonly volumes: Unit[][] = [[]];
  private readonly cap: number | null;
  private used = 0;
  constructor(
    limit: number | null | undefined,
    front: number,
    private readonly notices: BundleNotice[],
  ) {
    this.cap = limit ? limit - front : null;
    if (this.cap !== null && this.cap < 1)
      throw new SaktaError('VALIDATION', `The cover and index alone take ${front} pages; raise the volume page limit above ${front}.`, { 'options.volumePageLimit': `More than ${front}` });
  }

  /** Puts the next unit in a volume; returns the volume's index (0-based). */
  place(u: Unit): number {
    if (this.cap !== null && this.used > 0 && this.used + u.pages > this.cap) {
      this.volumes.push([]);
      this.used = 0;
    }
    this.volumes[this.volumes.length - 1]!.push(u);
    this.used += u.pages;
    if (this.cap !== null && u.pages > this.cap) {
      const part = u.type === 'doc' ? 'document' : (u.key.slice(5) as 'chronology' | 'notes' | 'annex');
      this.notices.push({ code: 'fills-volume-alone', params: { part, tab: u.type === 'doc' ? u.planned.tab : '', pages: u.pages, volume: this.volumes.length } });
    }
    return this.volumes.length - 1;
  }
}

/** The document of volume `vi` (0-based), made on first use and kept in `docs`. */
async function volumeDocs(docs: VolumeDocument[]): Promise<(vi: number) => VolumeDocument> {
  const mupdf = await loadMupdf();
  return (vi) => (docs[vi] ??= new VolumeDocument(mupdf));
}

/**
 * Step 3: every source, read and checked in bundle order (a broken one stops the bundle before anything is
 * rendered) and placed in a volume. With `volumeDoc` (rendering), a source PDF's pages are grafted into its
 * volume's document while it is open for the check, so no source is read or parsed twice.
 */
async function collectSources(b: Build, planned: PlannedDoc[], split: VolumeSplit, volumeDoc: ((vi: number) => VolumeDocument) | null): Promise<void> {
  for (const p of planned) {
    b.check();
    const place = (src: LoadedSource) => split.place({ type: 'doc', key: `doc:${p.doc.id}`, prefix: p.letter, pages: src.pages, planned: p, src });
    let placed = false;
    const adopt: AdoptPdf | undefined = volumeDoc
      ? (src, pdf) => {
          volumeDoc(place(src)).addSource(p.doc, pdf, src.pages);
          placed = true;
        }
      : undefined;
    const bytes = await b.o.source.readDocumentBytes(p.doc);
    const src = await loadSource(p.doc, bytes, b.metrics, b.g, adopt);
    if (!placed) place(src);
    b.progress(`Read ${p.tab}`);
    if (placed) b.progress(`Added ${p.tab}`);
    await tick();
  }
}

/** Step 4: page labels, continuous ("57") or per section ("C-12"). */
function labelPages(units: Unit[], numbering: BundleDefinition['options']['numbering']): Map<string, string[]> {
  const labels = new Map<string, string[]>();
  const counters = new Map<string, number>();
  let n = 0;
  for (const u of units) {
    const ls: string[] = [];
    for (let i = 0; i < u.pages; i++) {
      if (numbering === 'continuous') ls.push(String(++n));
      else {
        const k = (counters.get(u.prefix) ?? 0) + 1;
        counters.set(u.prefix, k);
        ls.push(`${u.prefix}-${k}`);
      }
    }
    labels.set(u.key, ls);
  }
  return labels;
}

/** A unit's pages as the index and the chronology cite them ("C-3–C-7", with the volume when there are several). */
function pageRange(b: Build, l: Layout, key: string, withVolume = l.multi, firstOnly = false): string {
  const ls = l.labels.get(key);
  if (!ls?.length) return '';
  const r = ls.length === 1 || firstOnly ? ls[0]! : `${ls[0]}–${ls[ls.length - 1]}`;
  return withVolume ? b.t.inVolume(l.volumeOf.get(key)!, r) : r;
}

/** The preview: volumes, and every document with its tab, volume and pages. */
function previewOf(b: Build, l: Layout, notices: BundleNotice[]): BundlePreview {
  const { t } = b;
  const preview: BundlePreview = {
    volumes: l.volumes.map((v, i) => ({ number: i + 1, frontPages: l.front, pages: l.front + v.reduce((s, u) => s + u.pages, 0) })),
    sections: l.sections.map((s) => ({
      letter: s.letter,
      title: s.title,
      documents: s.docs.map((p) => {
        const ls = l.labels.get(`doc:${p.doc.id}`)!;
        return {
          documentId: p.doc.id,
          tab: p.tab,
          title: p.doc.title,
          date: p.doc.date ? t.date(p.doc.date) : '',
          agreement: p.agreement,
          volume: l.volumeOf.get(`doc:${p.doc.id}`)!,
          firstPage: ls[0]!,
          lastPage: ls[ls.length - 1]!,
          pages: ls.length,
          translationOf: p.followsOriginal,
        };
      }),
    })),
    totalPages: 0,
    notices,
  };
  preview.totalPages = preview.volumes.reduce((s, v) => s + v.pages, 0);
  return preview;
}

/**
 * One volume being rendered. What Sakta writes (cover, index, parts, images, text files) is drawn into
 * `gen`; source PDFs, already in the volume's document, are listed as pieces with their stamps. Page
 * numbers below are 0-based positions in the volume.
 */
interface VolumePages {
  gen: GeneratedPages;
  fonts: Fonts;
  cover: GenPage;
  indexPages: GenPage[];
  /** The generated pages of each unit (parts, images, text files). */
  unitPages: Map<string, GenPage[]>;
  /** Where each unit of this volume starts. */
  first: Map<string, number>;
  /** Where each generated page ends up. */
  position: Map<GenPage, number>;
  pieces: Piece[];
}

/** Step 5: one volume rendered and saved. */
async function renderVolume(b: Build, l: Layout, vol: number, vunits: Unit[], title: string, volume: VolumeDocument): Promise<BuiltVolume> {
  const mupdf = await loadMupdf();
  // Freed whatever happens: MuPDF's memory is not the garbage collector's.
  const gen = new GeneratedPages(new mupdf.PDFDocument(), b.metrics);
  try {
    const pages = await planVolume(b, l, vunits, gen);
    const volLine = b.t.volumeOf(vol, l.volumes.length);
    const links = drawGeneratedParts(b, l, pages, vol, vunits, volLine);
    stampPages(l, pages, vunits);
    const { outline, dests } = outlineOf(b, l, pages);
    const { fonts } = pages;
    const fullTitle = drawable(b.pseudo(title), fonts.supported) + (l.multi ? ` — ${volLine}` : '');
    b.check();
    gen.finish(fonts);
    const bytes = assembleVolume({
      volume,
      generated: gen.doc,
      stampFont: gen.bold,
      pieces: pages.pieces,
      links,
      outline,
      dests,
      info: { title: fullTitle, at: b.o.now },
      paper: { width: b.g.width, height: b.g.height },
      fit: b.def.options.fitToPaper,
      check: b.check,
    });
    return { number: vol, pages: l.front + vunits.reduce((s, u) => s + u.pages, 0), bytes };
  } finally {
    gen.doc.destroy();
  }
}

/** 5a. The generated document's pages (cover, index, then each part, image or text file) and the volume's running order. */
async function planVolume(b: Build, l: Layout, vunits: Unit[], gen: GeneratedPages): Promise<VolumePages> {
  const { g } = b;
  const fonts = b.metrics;
  const pieces: Piece[] = [];
  const position = new Map<GenPage, number>();
  const first = new Map<string, number>();
  let at = 0;
  let drawn = 0;
  const generated = (ps: GenPage[]) => {
    ps.forEach((p, i) => position.set(p, at + i));
    const last = pieces[pieces.length - 1];
    if (last?.type === 'generated') last.count += ps.length;
    else pieces.push({ type: 'generated', first: drawn, count: ps.length });
    drawn += ps.length;
    at += ps.length;
    return ps;
  };
  const blank = (n: number) => Array.from({ length: n }, () => gen.addPage(g.width, g.height));
  const [cover] = generated(blank(1)) as [GenPage];
  const indexPages = generated(blank(l.indexLaid.pages.length));
  const unitPages = new Map<string, GenPage[]>();
  for (const u of vunits) {
    b.check();
    first.set(u.key, at);
    if (u.type === 'part') unitPages.set(u.key, generated(blank(u.laid.pages.length)));
    else if (u.src.kind === 'pdf') {
      const doc = u.src.doc;
      const labels = l.labels.get(u.key)!.map((x) => encodeLabel(x, fonts));
      pieces.push({ type: 'source', doc, labels });
      at += u.pages;
    } else {
      unitPages.set(u.key, generated(await appendGenerated(gen, u.src, fonts, g, b.t.textSourceHeader)));
      b.progress(`Added ${u.planned.tab}`);
      await tick();
    }
  }
  return { gen, fonts, cover, indexPages, unitPages, first, position, pieces };
}

/** 5b. The generated parts, the index (with this volume's line) and the cover drawn; returns their links to the units. */
function drawGeneratedParts(b: Build, l: Layout, pages: VolumePages, vol: number, vunits: Unit[], volLine: string): Assembly['links'] {
  const { fonts, cover, indexPages, unitPages, first, position } = pages;
  const { g } = b;
  const links: Assembly['links'] = [];
  const link = (rects: { key: string; page: GenPage; rect: [number, number, number, number] }[]) => {
    for (const r of rects) {
      const to = first.get(r.key);
      if (to !== undefined) links.push({ from: position.get(r.page)!, rect: r.rect, to });
    }
  };
  for (const u of vunits) {
    if (u.type !== 'part') continue;
    const fill =
      u.key === 'part:chronology'
        ? (row: TableRow, col: number) => (col === 2 ? (row.link ? pageRange(b, l, row.link, l.volumeOf.get(row.link) !== vol, true) : '') : undefined)
        : undefined;
    link(drawPart(u.laid, unitPages.get(u.key)!, fonts, g, fill));
  }
  const laidForVolume: LaidPart = { ...l.indexLaid, part: { ...l.indexPart, subtitle: l.indexPart.subtitle.map((s) => (s === VOLUME_LINE ? volLine : s)) } };
  link(drawPart(laidForVolume, indexPages, fonts, g, (row, col) => (col === 4 && row.link ? pageRange(b, l, row.link) : undefined)));
  drawCover(cover, fonts, g, b.o, b.t, b.c, b.pseudo, l.limit ? volLine : null);
  return links;
}

/** 5c. Every generated page stamped with its label: roman numerals on the front matter (source PDFs are stamped as they are assembled). */
function stampPages(l: Layout, pages: VolumePages, vunits: Unit[]): void {
  const { fonts, cover, indexPages, unitPages } = pages;
  [cover, ...indexPages].forEach((p, i) => stampPage(p, roman(i + 1), fonts));
  for (const u of vunits) unitPages.get(u.key)?.forEach((p, i) => stampPage(p, l.labels.get(u.key)![i]!, fonts));
}

/** 5d. The outline (bookmarks) and a named destination per tab, for what this volume holds. */
function outlineOf(b: Build, l: Layout, pages: VolumePages): { outline: OutlineNode[]; dests: Assembly['dests'] } {
  const { t, pseudo } = b;
  const { first, position, indexPages } = pages;
  const outline: OutlineNode[] = [{ title: t.parts.cover, page: 0 }, { title: t.parts.index, page: position.get(indexPages[0]!)! }];
  const partNode = (key: string, title: string) => {
    const p = first.get(key);
    if (p !== undefined) outline.push({ title, page: p });
  };
  partNode('part:chronology', t.parts.chronology);
  for (const s of l.sections) {
    const kids = s.docs.filter((p) => first.has(`doc:${p.doc.id}`)).map((p) => ({ title: `${p.tab} ${pseudo(p.doc.title)}`, page: first.get(`doc:${p.doc.id}`)! }));
    if (kids.length) outline.push({ title: `${s.letter}. ${pseudo(s.title)}`, page: kids[0]!.page, children: kids });
  }
  partNode('part:notes', t.parts.notes);
  partNode('part:annex', t.parts.annex);
  const dests = l.planned.filter((p) => first.has(`doc:${p.doc.id}`)).map((p) => ({ name: p.tab, page: first.get(`doc:${p.doc.id}`)! }));
  return { outline, dests };
}

function chronologyPart(o: BuildOptions, t: BundleText, c: SourceCase, pseudo: (s: string) => string, findRule: Build['findRule'], fonts: Fonts, g: Geometry): LaidPart {
  const events = o.source.listEvents(o.caseId);
  const dated: { day: string; row: TableRow }[] = events.map((e) => {
    const text = [t.chronology.eventType(e.type), e.description, e.place ? t.chronology.place(e.place) : ''].filter(Boolean).join(' — ');
    const linked = e.documentIds.find((id) => o.definition.sections.some((s) => s.items.some((it) => it.documentId === id)));
    return {
      day: partialDateBounds(e.date).earliest,
      row: { cells: [t.date(e.date) + (e.time ? ` ${e.time}` : ''), pseudo(text), ''], ...(linked ? { link: `doc:${linked}` } : {}) },
    };
  });
  if (o.definition.options.chronologyDeadlines) {
    for (const d of o.source.listDeadlines?.(o.caseId) ?? []) {
      const rule = d.ruleId ? findRule(d.ruleId) : null;
      const text = t.chronology.deadline(d.what, d.done, rule ? citationLine(rule.citation, t.lang) : null);
      dated.push({ day: d.dueOn, row: { cells: [t.date({ precision: 'day', date: d.dueOn }) + (d.dueTime ? ` ${d.dueTime}` : ''), pseudo(text), ''] } });
    }
  }
  // Events keep their timeline order; a deadline goes after the events of its day (a stable sort by day).
  const rows = dated.map((x, i) => ({ ...x, i })).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.i - b.i)).map((x) => x.row);
  if (!rows.length) rows.push({ cells: ['', t.chronology.empty, ''] });
  return layoutPart(
    {
      title: t.parts.chronology,
      subtitle: [pseudo(c.title), t.chronology.subtitle],
      columns: t.chronology.columns,
      rows,
    },
    fonts,
    g,
  );
}

function notesLayout(o: BuildOptions, t: BundleText, pseudo: (s: string) => string, noteBlocks: Build['noteBlocks'], fonts: Fonts, g: Geometry): LaidPart {
  const notes = o.source.listNotes(o.caseId);
  const rows: TableRow[] = [];
  for (const nt of notes) {
    rows.push({ cells: [pseudo(nt.title || t.notes.untitled(nt.createdAt))], heading: true });
    for (const b of noteBlocks(nt.body)) rows.push(b.kind === 'heading' ? { cells: [pseudo(b.text)], heading: true } : { cells: [pseudo(b.text)] });
  }
  if (!rows.length) rows.push({ cells: [t.notes.empty] });
  return layoutPart({ title: t.parts.notes, subtitle: [t.notes.subtitle], columns: [{ header: '', width: 0 }], rows }, fonts, g);
}

function annexPart(sections: PlannedSection[], t: BundleText, pseudo: (s: string) => string, fonts: Fonts, g: Geometry): LaidPart {
  const rows: TableRow[] = [];
  for (const s of sections)
    for (const p of s.docs) {
      const sha = p.doc.sha256;
      rows.push({
        cells: [p.tab, `${pseudo(p.doc.title)}\n${p.doc.originalName}`, `${sha.slice(0, 32)}\n${sha.slice(32)}`, p.doc.importedAt.slice(0, 16).replace('T', ' ') + ' UTC', pseudo(p.doc.source ?? '—')],
        link: `doc:${p.doc.id}`,
      });
    }
  return layoutPart(
    {
      title: t.parts.annex,
      subtitle: [t.annex.subtitle],
      intro: t.annex.intro,
      columns: t.annex.columns,
      rows,
    },
    fonts,
    g,
  );
}

function drawCover(page: GenPage, fonts: Fonts, g: Geometry, o: BuildOptions, t: BundleText, c: SourceCase, pseudo: (s: string) => string, volume: string | null): void {
  const cv = o.definition.cover;
  const width = g.width - 2 * g.margin;
  let y = g.height - g.top - 40;
  const block = (text: string, size: number, bold = false, gap = 8, color = rgb(0, 0, 0)) => {
    const font = bold ? fonts.bold : fonts.regular;
    for (const l of wrapText(drawable(text, fonts.supported), font, size, width)) {
      y -= size * 1.3;
      drawLine(page, l, { x: (g.width - font.widthOfTextAtSize(l, size)) / 2, y, size, font, color });
    }
    y -= gap;
  };
  if (cv.court) block(pseudo(cv.court), 14, true, 14);
  const numbers = cv.caseNumbers.length ? cv.caseNumbers : c.courtNumbers.map((x) => x.number);
  for (const num of numbers) block(t.cover.caseNumber(num), 12, false, 2);
  y -= 40;
  if (cv.parties) block(pseudo(cv.parties), 12, false, 30);
  block(pseudo(cv.title || c.title), 20, true, 14);
  block(t.cover.heading, 12, false, 20);
  if (volume) block(volume, 14, true, 20);
  block(t.cover.date(cv.date ?? o.now.toISOString().slice(0, 10)), 12, false, 8);
  if (o.definition.pseudonyms.length) {
    y = g.bottom + 60;
    block(t.cover.pseudonymNotice, 8, false, 0, rgb(0.3, 0.3, 0.3));
  }
}
