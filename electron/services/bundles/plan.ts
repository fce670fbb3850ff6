import { SaktaError } from '../../../shared/errors';
import { partialDateSortKey } from '../../../shared/partial-date';
import type { Agreement, BundleDefinition, BundleLanguage, BundleNotice } from '../../../shared/schemas/bundle';
import { bundleText, DEFAULT_SECTION_TITLES_BY_LANG } from './bundle-text';
import type { SourceCase, SourceDocument } from './source';

/** Kinds the engine can turn into pages. Everything else (audio, video, archives) cannot go in a PDF. */
export const BUNDLEABLE_KINDS = new Set(['pdf', 'png', 'jpeg', 'text', 'docx']);

export interface PlannedDoc {
  doc: SourceDocument;
  agreement: Agreement;
  /** "A3": section letter and position, or the exhibit number the lawyer set; printed in the index and the outline. */
  tab: string;
  /** The section letter, which prefixes page numbers when numbering restarts in each section. */
  letter: string;
  /** Set when a translation was moved right after its original. */
  followsOriginal: string | null;
}

export interface PlannedSection {
  letter: string;
  title: string;
  docs: PlannedDoc[];
}

export const sectionLetter = (i: number) => String.fromCharCode(65 + i);

const DEFAULT_KEYS = ['pleadings', 'witness', 'expert', 'correspondence'] as const;

function defaultSectionFor(type: string): number {
  if (type === 'complaint' || type === 'decision') return 0;
  if (type === 'witness-statement') return 1;
  if (type === 'medical-report' || type === 'forensic-report' || type === 'injury-photo') return 2;
  return 3;
}

/**
 * All bundleable documents of the case in the four default sections, each ordered by date. The builder
 * renames the sections into its UI language; a caller without one (the CLI) passes the bundle's language.
 */
export function defaultDefinition(c: SourceCase, docs: SourceDocument[], language: BundleLanguage = 'en'): BundleDefinition {
  const sections = DEFAULT_SECTION_TITLES_BY_LANG[language].map((title, i) => ({ key: DEFAULT_KEYS[i]!, title, order: 'date' as const, items: [] as { documentId: string; agreement: Agreement }[] }));
  for (const d of docs) {
    // A redacted version is chosen for a bundle (or its section's "use redacted versions"), not added twice by default.
    if (d.deleted || !BUNDLEABLE_KINDS.has(d.kind) || d.redactedFrom) continue;
    sections[defaultSectionFor(d.type)]!.items.push({ documentId: d.id, agreement: 'unmarked' });
  }
  return {
    sections,
    options: { chronology: false, chronologyDeadlines: false, notes: false, custodyAnnex: false, numbering: 'continuous', paper: 'a4', fitToPaper: true, volumePageLimit: null, language },
    pseudonyms: [],
    cover: { court: c.courtNumbers.find((n) => n.body)?.body ?? '', caseNumbers: c.courtNumbers.map((n) => n.number), parties: '', title: c.title, date: null },
  };
}

const dateKey = (d: SourceDocument) => (d.date ? partialDateSortKey(d.date) : '~'); // undated after every date

/**
 * Resolves a definition against the documents the case has now: drops what was deleted (with a notice),
 * sorts "by date" sections, and moves each translation right after its original.
 */
export function planSections(def: BundleDefinition, docs: SourceDocument[]): { sections: PlannedSection[]; notices: BundleNotice[] } {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const notices: BundleNotice[] = [];
  const newestRedacted = newestRedactedVersions(docs);
  const mark = bundleText(def.options.language).index.redacted;
  const placed = new Set<string>();
  const lists = def.sections.map((s) => {
    const items: { doc: SourceDocument; agreement: Agreement }[] = [];
    for (const it of s.items) {
      const listed = byId.get(it.documentId);
      const chosen = listed && s.useRedacted ? (newestRedacted.get(listed.id) ?? listed) : listed;
      // The court reads in the index (and the custody annex) that this is a redacted version.
      const doc = chosen?.redactedFrom ? { ...chosen, title: chosen.title + mark } : chosen;
      if (doc && placed.has(doc.id)) continue; // listed as itself and as the original's substitute: once
      if (doc) placed.add(doc.id);
      if (!doc || doc.deleted) {
        notices.push({ code: 'document-missing', params: { section: s.title } });
        continue;
      }
      if (!BUNDLEABLE_KINDS.has(doc.kind)) {
        throw new SaktaError(
          'UNSUPPORTED',
          `Document "${doc.title}" is a ${doc.kind} file; a bundle can hold PDFs, PNG or JPEG images, text and DOCX files. Take it out of the bundle.`,
          { [`documents.${doc.id}`]: 'This kind of file cannot go in a PDF bundle' },
        );
      }
      items.push({ doc, agreement: it.agreement });
    }
    if (s.order === 'date') items.sort((a, b) => (dateKey(a.doc) < dateKey(b.doc) ? -1 : dateKey(a.doc) > dateKey(b.doc) ? 1 : 0));
    return items;
  });

  // A translation belongs right after its original, wherever the lawyer dropped it.
  const included = new Set(lists.flat().map((x) => x.doc.id));
  const moved = new Map<string, { doc: SourceDocument; agreement: Agreement }[]>();
  const kept = lists.map((items) =>
    items.filter((x) => {
      const orig = x.doc.translationOf;
      // Only one level is moved, so a chain or a cycle of "translation of" links can never drop a document.
      const origOfOrig = byId.get(orig ?? '')?.translationOf;
      if (!orig || !included.has(orig) || orig === x.doc.id || (origOfOrig && included.has(origOfOrig))) return true;
      moved.set(orig, [...(moved.get(orig) ?? []), x]);
      return false;
    }),
  );
  const sections: PlannedSection[] = kept.map((items, i) => {
    const letter = sectionLetter(i);
    const out: PlannedDoc[] = [];
    const place = (x: { doc: SourceDocument; agreement: Agreement }, follows: string | null) => {
      // A redacted version stands in for its original, so it carries the original's exhibit number.
      const exhibit = (x.doc.exhibitNo ?? (x.doc.redactedFrom ? byId.get(x.doc.redactedFrom)?.exhibitNo : null))?.trim();
      out.push({ doc: x.doc, agreement: x.agreement, tab: exhibit || `${letter}${out.length + 1}`, letter, followsOriginal: follows });
      for (const t of moved.get(x.doc.id) ?? []) place(t, x.doc.id);
    };
    for (const x of items) place(x, null);
    return { letter, title: def.sections[i]!.title, docs: out };
  });
  refuseClashingNumbers(sections);
  return { sections, notices };
}

/**
 * Two documents under one number would make every reference to it ambiguous in court, so the build stops and
 * names both. The comparison ignores case and spaces: "A-1" and "a-1 " are the same exhibit to a reader.
 */
function refuseClashingNumbers(sections: PlannedSection[]): void {
  const seen = new Map<string, PlannedDoc>();
  for (const p of sections.flatMap((s) => s.docs)) {
    const key = p.tab.toLocaleLowerCase().replace(/\s+/g, '');
    const other = seen.get(key);
    if (other) {
      throw new SaktaError(
        'CONFLICT',
        `Two documents would both be numbered ${p.tab} in this bundle: "${other.doc.title}" and "${p.doc.title}". Give one of them another exhibit number, or clear it to let the bundle number it.`,
        { [`documents.${other.doc.id}`]: `Exhibit number ${p.tab} is used twice`, [`documents.${p.doc.id}`]: `Exhibit number ${p.tab} is used twice` },
      );
    }
    seen.set(key, p);
  }
}

/** For each original, its newest redacted version not in the trash. */
function newestRedactedVersions(docs: SourceDocument[]): Map<string, SourceDocument> {
  const out = new Map<string, SourceDocument>();
  for (const d of docs) {
    if (!d.redactedFrom || d.deleted || !BUNDLEABLE_KINDS.has(d.kind)) continue;
    const prev = out.get(d.redactedFrom);
    if (!prev || prev.importedAt <= d.importedAt) out.set(d.redactedFrom, d);
  }
  return out;
}
