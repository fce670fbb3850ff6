import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { citationLine } from '../../../shared/deadline-words';
import { findRule } from '../../../shared/deadline-rules';
import { SaktaError } from '../../../shared/errors';
import { partialDateBounds } from '../../../shared/partial-date';
import { PSEUDONYM_NOTICE, type BundleDefinition, type BundlePreview } from '../../../shared/schemas/bundle';
import { bundleText, type BundleText } from './bundle-text';
import { planSections, type PlannedDoc, type PlannedSection } from './plan';
import { makePseudonymiser } from './pseudonymise';
import type { BundleSource, SourceCase } from './source';
import { embedFonts, type FontBytes, type Fonts } from './pdf/fonts';
import { addLink, addNamedDests, addOutline, type OutlineNode } from './pdf/navigation';
import { appendSource, loadSource, type LoadedSource } from './pdf/sources';
import { stampPage } from './pdf/stamp';
import { drawPart, geometry, layoutPart, type Geometry, type LaidPart, type Part, type TableRow } from './pdf/table';
import { drawable, roman, wrapText } from './pdf/text';

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
  | { type: 'part'; key: string; prefix: string; pages: number; laid: LaidPart; name: string };

function cancelled(): SaktaError {
  return new SaktaError('CANCELLED', 'The bundle was cancelled; no file was written.');
}

const tick = () => new Promise<void>((r) => setImmediate(r));

/**
 * Builds a bundle entirely in memory: load and check every source first (a broken one stops everything
 * before a byte is written), lay out the generated parts, number the pages, split into volumes, then render.
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
  if (def.pseudonyms.length) notices.push(PSEUDONYM_NOTICE);

  const g = geometry(def.options.paper);
  const scratch = await PDFDocument.create();
  const metrics = await embedFonts(scratch, o.fonts);
  const persons = def.pseudonyms.length ? o.source.getPersons(def.pseudonyms.map((p) => p.personId)) : [];
  const pseudo = makePseudonymiser(persons, def.pseudonyms);

  // 1. Every source, read and checked.
  const total = planned.length * 2 + 1;
  let done = 0;
  const progress = (label: string) => o.onProgress?.(++done, total, label);
  const loaded: LoadedSource[] = [];
  for (const p of planned) {
    check();
    const bytes = await o.source.readDocumentBytes(p.doc);
    loaded.push(await loadSource(p.doc, bytes, metrics, g));
    progress(`Read ${p.tab}`);
    await tick();
  }

  // 2. Generated parts, laid out (page counts are final from here on).
  const docDate = (p: PlannedDoc) => (p.doc.date ? t.date(p.doc.date) : t.undated);
  const chronology = def.options.chronology ? chronologyPart(o, t, c, pseudo, metrics, g) : null;
  const notesPart = def.options.notes ? notesLayout(o, t, pseudo, metrics, g) : null;
  const annex = def.options.custodyAnnex ? annexPart(sections, t, pseudo, metrics, g) : null;

  const units: Unit[] = [];
  if (chronology) units.push({ type: 'part', key: 'part:chronology', prefix: 'CHR', pages: chronology.pages.length, laid: chronology, name: t.parts.chronology });
  planned.forEach((p, i) => {
    units.push({ type: 'doc', key: `doc:${p.doc.id}`, prefix: p.tab.replace(/\d+$/, ''), pages: loaded[i]!.pages, planned: p, src: loaded[i]! });
  });
  if (notesPart) units.push({ type: 'part', key: 'part:notes', prefix: 'N', pages: notesPart.pages.length, laid: notesPart, name: t.parts.notes });
  if (annex) units.push({ type: 'part', key: 'part:annex', prefix: 'X', pages: annex.pages.length, laid: annex, name: t.parts.annex });

  // 3. Page labels: continuous ("57") or per section ("C-12").
  const labels = new Map<string, string[]>();
  const counters = new Map<string, number>();
  let n = 0;
  for (const u of units) {
    const ls: string[] = [];
    for (let i = 0; i < u.pages; i++) {
      if (def.options.numbering === 'continuous') ls.push(String(++n));
      else {
        const k = (counters.get(u.prefix) ?? 0) + 1;
        counters.set(u.prefix, k);
        ls.push(`${u.prefix}-${k}`);
      }
    }
    labels.set(u.key, ls);
  }

  // 4. The index, laid out once: its page count fixes the front matter of every volume.
  const limit = def.options.volumePageLimit;
  const indexRows: TableRow[] = [];
  const partRow = (u: Unit & { type: 'part' }) => indexRows.push({ cells: ['', u.name, '', '', ''], link: u.key });
  const chronoUnit = units.find((u) => u.key === 'part:chronology');
  if (chronoUnit?.type === 'part') partRow(chronoUnit);
  for (const s of sections) {
    if (!s.docs.length) continue;
    indexRows.push({ cells: [`${s.letter}. ${pseudo(s.title)}`], heading: true });
    for (const p of s.docs) {
      const orig = p.followsOriginal ? planned.find((x) => x.doc.id === p.followsOriginal) : undefined;
      const desc = pseudo(p.doc.title) + (orig ? t.index.translationOf(orig.tab) : '');
      indexRows.push({ cells: [p.tab, desc, docDate(p), t.agreement[p.agreement], ''], link: `doc:${p.doc.id}` });
    }
  }
  for (const u of units) if (u.type === 'part' && u.key !== 'part:chronology') partRow(u);
  // The volume line is known only per volume; layout needs just the number of subtitle lines.
  const VOLUME_LINE = '\u0000volume';
  const indexPart: Part = {
    title: t.parts.index,
    subtitle: [pseudo(def.cover.title || c.title), ...(limit ? [VOLUME_LINE] : [])],
    columns: t.index.columns(!!limit),
    rows: indexRows,
  };
  const indexLaid = layoutPart(indexPart, metrics, g);
  const front = 1 + indexLaid.pages.length;

  // 5. Volumes: whole documents only; one larger than a volume gets a volume to itself.
  const volumes: Unit[][] = [[]];
  if (limit) {
    const cap = limit - front;
    if (cap < 1) throw new SaktaError('VALIDATION', `The cover and index alone take ${front} pages; raise the volume page limit above ${front}.`, { 'options.volumePageLimit': `More than ${front}` });
    let used = 0;
    for (const u of units) {
      if (used > 0 && used + u.pages > cap) {
        volumes.push([]);
        used = 0;
      }
      volumes[volumes.length - 1]!.push(u);
      used += u.pages;
      if (u.pages > cap) notices.push(`${u.type === 'doc' ? `Document ${u.planned.tab}` : u.key.slice(5)} has ${u.pages} pages, more than fit in one volume; it fills volume ${volumes.length} on its own.`);
    }
  } else volumes[0] = units;
  const volumeOf = new Map<string, number>();
  volumes.forEach((v, i) => v.forEach((u) => volumeOf.set(u.key, i + 1)));
  const multi = volumes.length > 1;
  const range = (key: string, withVolume = multi, firstOnly = false) => {
    const ls = labels.get(key);
    if (!ls?.length) return '';
    const r = ls.length === 1 || firstOnly ? ls[0]! : `${ls[0]}–${ls[ls.length - 1]}`;
    return withVolume ? t.inVolume(volumeOf.get(key)!, r) : r;
  };

  const preview: BundlePreview = {
    volumes: volumes.map((v, i) => ({ number: i + 1, frontPages: front, pages: front + v.reduce((s, u) => s + u.pages, 0) })),
    sections: sections.map((s) => ({
      letter: s.letter,
      title: s.title,
      documents: s.docs.map((p) => {
        const ls = labels.get(`doc:${p.doc.id}`)!;
        return {
          documentId: p.doc.id,
          tab: p.tab,
          title: p.doc.title,
          date: p.doc.date ? t.date(p.doc.date) : '',
          agreement: p.agreement,
          volume: volumeOf.get(`doc:${p.doc.id}`)!,
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
  const sources = planned.map((p) => ({ documentId: p.doc.id, tab: p.tab, sha256: p.doc.sha256, importedAt: p.doc.importedAt }));
  const title = def.cover.title || c.title;
  if (!o.render) return { preview, volumes: preview.volumes.map((v) => ({ number: v.number, pages: v.pages, bytes: null })), sources, title };

  // 6. Render each volume.
  const built: BuiltVolume[] = [];
  for (const [vi, vunits] of volumes.entries()) {
    check();
    const vol = vi + 1;
    const doc = await PDFDocument.create();
    const fonts = await embedFonts(doc, o.fonts);
    const cover = doc.addPage([g.width, g.height]);
    const indexPages = indexLaid.pages.map(() => doc.addPage([g.width, g.height]));
    const unitPages = new Map<string, PDFPage[]>();
    for (const u of vunits) {
      check();
      if (u.type === 'doc') {
        unitPages.set(u.key, await appendSource(doc, u.src, fonts, g, t.textSourceHeader));
        progress(`Added ${u.planned.tab}`);
        await tick();
      } else unitPages.set(u.key, u.laid.pages.map(() => doc.addPage([g.width, g.height])));
    }
    const link = (rects: { key: string; page: PDFPage; rect: [number, number, number, number] }[]) => {
      for (const r of rects) {
        const target = unitPages.get(r.key)?.[0];
        if (target) addLink(doc, r.page, r.rect, target);
      }
    };
    for (const u of vunits) {
      if (u.type !== 'part') continue;
      const fill = u.key === 'part:chronology' ? (row: TableRow, col: number) => (col === 2 ? (row.link ? range(row.link, volumeOf.get(row.link) !== vol, true) : '') : undefined) : undefined;
      link(drawPart(u.laid, unitPages.get(u.key)!, fonts, g, fill));
    }
    const volLine = t.volumeOf(vol, volumes.length);
    const laidForVolume: LaidPart = { ...indexLaid, part: { ...indexPart, subtitle: indexPart.subtitle.map((s) => (s === VOLUME_LINE ? volLine : s)) } };
    link(drawPart(laidForVolume, indexPages, fonts, g, (row, col) => (col === 4 && row.link ? range(row.link) : undefined)));
    drawCover(cover, fonts, g, o, t, c, pseudo, limit ? volLine : null);

    [cover, ...indexPages].forEach((p, i) => stampPage(p, roman(i + 1), fonts));
    for (const u of vunits) unitPages.get(u.key)!.forEach((p, i) => stampPage(p, labels.get(u.key)![i]!, fonts));

    const outline: OutlineNode[] = [{ title: t.parts.cover, page: cover }, { title: t.parts.index, page: indexPages[0]! }];
    const partNode = (key: string, title: string) => {
      const p = unitPages.get(key)?.[0];
      if (p) outline.push({ title, page: p });
    };
    partNode('part:chronology', t.parts.chronology);
    for (const s of sections) {
      const kids = s.docs
        .filter((p) => unitPages.has(`doc:${p.doc.id}`))
        .map((p) => ({ title: `${p.tab} ${pseudo(p.doc.title)}`, page: unitPages.get(`doc:${p.doc.id}`)![0]! }));
      if (kids.length) outline.push({ title: `${s.letter}. ${pseudo(s.title)}`, page: kids[0]!.page, children: kids });
    }
    partNode('part:notes', t.parts.notes);
    partNode('part:annex', t.parts.annex);
    addOutline(doc, outline);
    addNamedDests(
      doc,
      planned.filter((p) => unitPages.has(`doc:${p.doc.id}`)).map((p) => ({ name: p.tab, page: unitPages.get(`doc:${p.doc.id}`)![0]! })),
    );

    doc.setTitle(drawable(pseudo(title), fonts.supported) + (multi ? ` — ${volLine}` : ''));
    doc.setCreator('Sakta');
    doc.setProducer('Sakta');
    doc.setCreationDate(o.now);
    doc.setModificationDate(o.now);
    check();
    const bytes = await doc.save({ useObjectStreams: true, addDefaultPage: false });
    built.push({ number: vol, pages: doc.getPageCount(), bytes });
  }
  progress('Saved');
  return { preview, volumes: built, sources, title };
}

function chronologyPart(o: BuildOptions, t: BundleText, c: SourceCase, pseudo: (s: string) => string, fonts: Fonts, g: Geometry): LaidPart {
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

function notesLayout(o: BuildOptions, t: BundleText, pseudo: (s: string) => string, fonts: Fonts, g: Geometry): LaidPart {
  const notes = o.source.listNotes(o.caseId);
  const rows: TableRow[] = [];
  for (const nt of notes) {
    rows.push({ cells: [pseudo(nt.title || t.notes.untitled(nt.createdAt))], heading: true });
    for (const para of nt.body.split(/\n{2,}/)) rows.push({ cells: [pseudo(para)] });
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

function drawCover(page: PDFPage, fonts: Fonts, g: Geometry, o: BuildOptions, t: BundleText, c: SourceCase, pseudo: (s: string) => string, volume: string | null): void {
  const cv = o.definition.cover;
  const width = g.width - 2 * g.margin;
  let y = g.height - g.top - 40;
  const block = (text: string, size: number, bold = false, gap = 8, color = rgb(0, 0, 0)) => {
    const font = bold ? fonts.bold : fonts.regular;
    for (const l of wrapText(drawable(text, fonts.supported), font, size, width)) {
      y -= size * 1.3;
      page.drawText(l, { x: (g.width - font.widthOfTextAtSize(l, size)) / 2, y, size, font, color });
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
