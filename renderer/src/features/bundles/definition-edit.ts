/**
 * Pure edits of a bundle definition being built. Kept apart from the components so every change the
 * builder makes returns a new definition and can be reasoned about without rendering.
 */
import type { Agreement, BundleDefinition, BundleLanguage, BundleSection } from '../../../../shared/schemas/bundle';

export type Definition = BundleDefinition;

/** Section letters come from the position, as on the generated index (A, B, … Z). */
export function sectionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/**
 * Letters for default pseudonym codes, in the bundle's script: a Russian bundle reads «Лицо А», «Лицо Б», never a
 * Latin "A" among Cyrillic. Letters easily confused with others or never starting a word (Ё Й Ъ Ы Ь) are left out.
 */
const CODE_LETTERS: Record<BundleLanguage, string> = {
  en: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ru: 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ',
};

/** The letter for the n-th person offered; past the alphabet it repeats with a number (А2, Б2, …). */
export function pseudonymLetter(index: number, language: BundleLanguage): string {
  const letters = [...CODE_LETTERS[language]];
  const round = Math.floor(index / letters.length);
  return `${letters[index % letters.length]}${round ? round + 1 : ''}`;
}

function withSections(def: Definition, sections: BundleSection[]): Definition {
  return { ...def, sections };
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return [...list];
  const out = [...list];
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x as T);
  return out;
}

export function moveSection(def: Definition, from: number, to: number): Definition {
  return withSections(def, move(def.sections, from, to));
}

export function renameSection(def: Definition, index: number, title: string): Definition {
  return withSections(def, def.sections.map((s, i) => (i === index ? { ...s, title } : s)));
}

export function setSectionOrder(def: Definition, index: number, order: 'manual' | 'date'): Definition {
  return withSections(def, def.sections.map((s, i) => (i === index ? { ...s, order } : s)));
}

/** The section takes each document's newest redacted version instead of the original, where one exists. */
export function setSectionUseRedacted(def: Definition, index: number, useRedacted: boolean): Definition {
  return withSections(def, def.sections.map((s, i) => (i === index ? { ...s, useRedacted } : s)));
}

/** A key unique within the definition; the schema allows lower-case letters, digits and dashes. */
function freshKey(def: Definition): string {
  const used = new Set(def.sections.map((s) => s.key));
  for (let n = def.sections.length + 1; ; n++) if (!used.has(`section-${n}`)) return `section-${n}`;
}

export function addSection(def: Definition, title: string): Definition {
  return withSections(def, [...def.sections, { key: freshKey(def), title, order: 'manual', items: [] }]);
}

/** Removing a section drops its documents from the bundle too (they return to the "not included" list). */
export function removeSection(def: Definition, index: number): Definition {
  return withSections(def, def.sections.filter((_, i) => i !== index));
}

/**
 * Moving by hand switches the section to manual order, keeping the order the user saw (the date order
 * computed for display) so the item moves exactly one place.
 */
export function moveItem(def: Definition, section: number, from: number, to: number, shown?: readonly string[]): Definition {
  return withSections(
    def,
    def.sections.map((s, i) => {
      if (i !== section) return s;
      const items = shown ? shown.map((id) => s.items.find((it) => it.documentId === id)!).filter(Boolean) : s.items;
      return { ...s, order: 'manual' as const, items: move(items, from, to) };
    }),
  );
}

/** Moves a document to another section (drag onto a section), at its end. */
export function moveItemToSection(def: Definition, documentId: string, target: number): Definition {
  const item = def.sections.flatMap((s) => s.items).find((it) => it.documentId === documentId);
  if (!item) return def;
  return withSections(
    def,
    def.sections.map((s, i) => {
      const rest = s.items.filter((it) => it.documentId !== documentId);
      return i === target ? { ...s, items: [...rest, item] } : { ...s, items: rest };
    }),
  );
}

/**
 * Switches the language Sakta writes the bundle's pages in. A section still carrying a default title (in any
 * language) is renamed into the new one, since the lawyer never chose that wording; typed titles stay.
 */
export function setBundleLanguage(
  def: Definition,
  language: BundleLanguage,
  defaultTitles: Record<BundleLanguage, readonly string[]>,
  defaultCodes?: (letter: string, language: BundleLanguage) => string,
): Definition {
  const rename = (title: string) => {
    for (const titles of Object.values(defaultTitles)) {
      const i = titles.indexOf(title);
      if (i >= 0) return defaultTitles[language][i] ?? title;
    }
    return title;
  };
  return {
    ...def,
    options: { ...def.options, language },
    sections: def.sections.map((s) => ({ ...s, title: rename(s.title) })),
    pseudonyms: def.pseudonyms.map((p) => ({ ...p, code: renameCode(p.code, def.options.language, language, defaultCodes) })),
  };
}

/** A default code ("Person B") follows the bundle into its new language ("Лицо Б"); a code the lawyer typed stays. */
function renameCode(code: string, from: BundleLanguage, to: BundleLanguage, defaultCodes?: (letter: string, language: BundleLanguage) => string): string {
  if (!defaultCodes) return code;
  for (let i = 0; i < 26 * 4; i++) if (defaultCodes(pseudonymLetter(i, from), from) === code) return defaultCodes(pseudonymLetter(i, to), to);
  return code;
}

export function setAgreement(def: Definition, documentId: string, agreement: Agreement): Definition {
  return withSections(
    def,
    def.sections.map((s) => ({ ...s, items: s.items.map((it) => (it.documentId === documentId ? { ...it, agreement } : it)) })),
  );
}

export function addDocument(def: Definition, documentId: string, section: number): Definition {
  if (includedIds(def).has(documentId)) return def;
  return withSections(
    def,
    def.sections.map((s, i) => (i === section ? { ...s, items: [...s.items, { documentId, agreement: 'unmarked' as const }] } : s)),
  );
}

export function removeDocument(def: Definition, documentId: string): Definition {
  return withSections(def, def.sections.map((s) => ({ ...s, items: s.items.filter((it) => it.documentId !== documentId) })));
}

export function includedIds(def: Definition): Set<string> {
  return new Set(def.sections.flatMap((s) => s.items.map((it) => it.documentId)));
}

export interface DatedDoc {
  id: string;
  /** Sortable key of the document's own date ("2010-07-12", "2010-08"); null when undated. */
  sortKey: string | null;
}

/** The order a section will have in the bundle: by hand, or by date with undated documents last. */
export function displayOrder(section: BundleSection, docs: ReadonlyMap<string, DatedDoc>): string[] {
  const ids = section.items.map((it) => it.documentId);
  if (section.order === 'manual') return ids;
  return ids
    .map((id, i) => ({ id, i, k: docs.get(id)?.sortKey ?? null }))
    .sort((a, b) => {
      if (a.k === null || b.k === null) return a.k === b.k ? a.i - b.i : a.k === null ? 1 : -1;
      return a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i;
    })
    .map((x) => x.id);
}
