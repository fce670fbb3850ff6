import { describe, expect, it } from 'vitest';
import { BundleDefinitionSchema, DEFAULT_SECTION_TITLES } from '../../../../shared/schemas/bundle';
import {
  addDocument,
  addSection,
  displayOrder,
  includedIds,
  moveItem,
  moveItemToSection,
  moveSection,
  removeDocument,
  removeSection,
  renameSection,
  sectionLetter,
  pseudonymLetter,
  setBundleLanguage,
  setSectionUseRedacted,
  type DatedDoc,
  type Definition,
} from './definition-edit';

function start(): Definition {
  return BundleDefinitionSchema.parse({
    sections: DEFAULT_SECTION_TITLES.map((title, i) => ({ key: `s${i}`, title, items: [] })),
  });
}
const ids = (d: Definition, s: number) => d.sections[s]!.items.map((i) => i.documentId);

describe('bundle definition edits', () => {
  it('adds each document once, moves it by hand, across sections, and out again', () => {
    // Document ids are UUIDs (one id schema), so the edited definition still parses.
    const [A, B, C] = ['a', 'b', 'c'].map((x) => `00000000-0000-4000-8000-00000000000${x}`) as [string, string, string];
    let d = start();
    for (const id of [A, B, C]) d = addDocument(d, id, 2);
    d = addDocument(d, A, 0);
    expect(ids(d, 2)).toEqual([A, B, C]);
    expect(ids(d, 0)).toEqual([]);
    d = moveItem(d, 2, 2, 0);
    expect(ids(d, 2)).toEqual([C, A, B]);
    d = moveItemToSection(d, A, 3);
    expect(ids(d, 2)).toEqual([C, B]);
    expect(ids(d, 3)).toEqual([A]);
    d = removeDocument(d, C);
    expect([...includedIds(d)].sort()).toEqual([A, B]);
    expect(BundleDefinitionSchema.safeParse(d).success).toBe(true);
  });

  it('moving a document in a date-ordered section keeps what the user saw and switches to manual order', () => {
    let d = start();
    for (const id of ['late', 'undated', 'early']) d = addDocument(d, id, 1);
    d = { ...d, sections: d.sections.map((s, i) => (i === 1 ? { ...s, order: 'date' as const } : s)) };
    const dated = new Map<string, DatedDoc>([
      ['late', { id: 'late', sortKey: '2012-01-01' }],
      ['undated', { id: 'undated', sortKey: null }],
      ['early', { id: 'early', sortKey: '2010-05' }],
    ]);
    const shown = displayOrder(d.sections[1]!, dated);
    expect(shown).toEqual(['early', 'late', 'undated']);
    d = moveItem(d, 1, 1, 0, shown);
    expect(d.sections[1]!.order).toBe('manual');
    expect(ids(d, 1)).toEqual(['late', 'early', 'undated']);
  });

  it('adds sections with unique keys the schema accepts, reorders and removes them', () => {
    let d = start();
    d = addSection(d, 'E. Translations');
    d = removeSection(d, 0);
    d = addSection(d, 'F. Annexes');
    expect(new Set(d.sections.map((s) => s.key)).size).toBe(d.sections.length);
    d = moveSection(d, 4, 0);
    expect(d.sections[0]!.title).toBe('F. Annexes');
    expect(sectionLetter(0)).toBe('A');
    expect(sectionLetter(25)).toBe('Z');
    expect(BundleDefinitionSchema.safeParse(d).success).toBe(true);
  });

  it('switching the page language renames untouched default sections and keeps typed titles', () => {
    const titles = { en: DEFAULT_SECTION_TITLES, ru: ['Процессуальные документы и решения', 'Показания свидетелей', 'Заключения экспертов', 'Переписка'] };
    let d = renameSection(start(), 1, 'Statements of the family');
    expect(d.options.language).toBe('en');
    d = setBundleLanguage(d, 'ru', titles);
    expect(d.options.language).toBe('ru');
    expect(d.sections.map((s) => s.title)).toEqual(['Процессуальные документы и решения', 'Statements of the family', 'Заключения экспертов', 'Переписка']);
    d = setBundleLanguage(d, 'en', titles);
    expect(d.sections.map((s) => s.title)).toEqual(['Pleadings and orders', 'Statements of the family', 'Expert and medical reports', 'Correspondence and other documents']);
    expect(BundleDefinitionSchema.safeParse(d).success).toBe(true);
  });

  it('gives default pseudonym letters in the bundle language: Cyrillic in Russian, Latin in English', () => {
    expect([0, 1, 2].map((i) => pseudonymLetter(i, 'ru'))).toEqual(['А', 'Б', 'В']);
    expect([0, 1, 2].map((i) => pseudonymLetter(i, 'en'))).toEqual(['A', 'B', 'C']);
    expect(pseudonymLetter(0, 'ru')).not.toBe(pseudonymLetter(0, 'en'));
    expect(pseudonymLetter(27, 'ru')).toBe('А2');
  });

  it('moves default pseudonym codes to the new bundle language and keeps codes the lawyer typed', () => {
    const code = (letter: string, lng: string) => (lng === 'en' ? `Person ${letter}` : `Лицо ${letter}`);
    const titles = { en: DEFAULT_SECTION_TITLES, ru: DEFAULT_SECTION_TITLES };
    const d: Definition = {
      ...start(),
      pseudonyms: [
        { personId: '00000000-0000-4000-8000-000000000001', code: 'Person B' },
        { personId: '00000000-0000-4000-8000-000000000002', code: 'Applicant' },
      ],
    };
    const ru = setBundleLanguage(d, 'ru', titles, code);
    expect(ru.pseudonyms.map((p) => p.code)).toEqual(['Лицо Б', 'Applicant']);
    expect(setBundleLanguage(ru, 'en', titles, code).pseudonyms.map((p) => p.code)).toEqual(['Person B', 'Applicant']);
  });

  it('switches one section to redacted versions; the definition still parses and keeps it', () => {
    const d = setSectionUseRedacted(start(), 1, true);
    expect(d.sections.map((s) => s.useRedacted === true)).toEqual([false, true, false, false]);
    expect(BundleDefinitionSchema.parse(d).sections[1]!.useRedacted).toBe(true);
    expect(setSectionUseRedacted(d, 1, false).sections[1]!.useRedacted).toBe(false);
  });
});
