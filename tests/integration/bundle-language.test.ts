import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../shared/search-fold';
import { BundleDefinitionSchema, type BundleDefinition } from '../../shared/schemas/bundle';
import { buildBundle } from '../../electron/services/bundles/build-bundle';
import { loadFontBytes, locateFontDir } from '../../electron/services/bundles/pdf/fonts';
import { defaultDefinition } from '../../electron/services/bundles/plan';
import { runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { sampleCase, vaultWithSamples, type MemorySource } from './bundle-fixtures';
import { outline, pageCount, pageTexts, run, stampOf } from './bundle-pdf-tools';

const fonts = loadFontBytes(locateFontDir());
const env = { SAKTA_PASSPHRASE: PASS, SAKTA_TEST_FAST_KDF: '1' };
const PERSON = { id: '6f1c2d4e-0000-4000-8000-000000000001', name: 'Эркинбеков Нурлан Маратович', nameTranslit: 'Erkinbekov Nurlan' };

async function build(s: MemorySource, def: BundleDefinition) {
  const b = await buildBundle({ caseId: s.caseId, definition: def, source: s, fonts, now: new Date('2024-04-02T09:00:00Z'), render: true });
  const dir = tmpDir('sakta-bundle-');
  return b.volumes.map((v) => {
    const f = path.join(dir, `vol${v.number}.pdf`);
    fs.writeFileSync(f, v.bytes!);
    return f;
  });
}

/** The sample case with a timeline, a note, a translation and a pseudonym: every generated part has something to say. */
function richCase(): MemorySource {
  const s = sampleCase();
  s.persons.push(PERSON);
  const forensic = s.docs[1]!;
  s.add('working-meeting-2020-08-25.txt', { kind: 'text', type: 'translation', title: 'Перевод жалобы', translationOf: s.docs[0]!.id });
  s.events.push({ id: 'e1', date: { precision: 'day', date: '2024-03-15' }, time: null, type: 'medical_examination', place: 'Ош', description: 'Эркинбеков осмотрен врачом Сапаровой', documentIds: [forensic.id] });
  s.events.push({ id: 'e2', date: { precision: 'season', year: 2014, season: 'summer' }, time: null, type: 'arrest', place: null, description: 'Задержан Эркинбеков', documentIds: [] });
  s.notes.push({ id: 'n1', title: null, body: '## **Позиция защиты**\n\nПозиция защиты по делу: *побои* доказаны.\n\n- первое\n- второе, **главное**', createdAt: '2024-02-03T10:00:00.000Z' });
  return s;
}

function richDefinition(s: MemorySource, language: 'ru' | 'en'): BundleDefinition {
  const d = defaultDefinition(s.getCase(s.caseId)!, s.docs, language);
  d.options.chronology = true;
  d.options.notes = true;
  d.options.custodyAnnex = true;
  d.sections[0]!.items[0]!.agreement = 'agreed';
  d.sections[2]!.items.find((it) => it.documentId === s.docs[1]!.id)!.agreement = 'not-agreed';
  d.pseudonyms = [{ personId: PERSON.id, code: 'Заявитель А' }];
  return d;
}

/** Words of the English bundle that must not survive on a Russian one's generated pages. */
const ENGLISH = /\b(Index|Tab|Document|Date|Agreed|Not agreed|Pages?|Chronology|Event|Case notes|Custody annex|Imported|Source|Volume|Vol\.|Case No\.|BUNDLE OF DOCUMENTS|undated|Place|translation of|without redaction|summer|August|July)\b/;

describe('bundle pages in the court’s language', () => {
  it('the chronology can list the case deadlines by due date, each with the article that set it (Russian and English)', async () => {
    const s = richCase();
    // One set by the procedure's rule (its citation comes from the shipped rule), one typed by hand and met.
    s.deadlines.push({ id: 'd1', dueOn: '2024-03-25', dueTime: null, what: 'Подать жалобу на отказ в возбуждении дела', done: false, ruleId: 'kg-upk.154-3' });
    s.deadlines.push({ id: 'd2', dueOn: '2024-03-10', dueTime: '17:00', what: 'Ходатайство об экспертизе', done: true, ruleId: null });
    const d = richDefinition(s, 'ru');
    const without = pageTexts((await build(s, d))[0]!).join('\n');
    expect(without).not.toContain('Срок');
    d.options.chronologyDeadlines = true;
    const ru = pageTexts((await build(s, d))[0]!).join('\n');
    const flat = ru.replace(/\s+/g, ' ');
    expect(flat).toContain('Срок: Подать жалобу на отказ в возбуждении дела — УПК КР (2021 № 129), ст. 154(3)');
    expect(flat).toContain('Срок (соблюдён): Ходатайство об экспертизе');
    // By date among the events: 10.03 (met), then the examination on 15.03, then 25.03.
    const order = ['Ходатайство об экспертизе', 'Медицинское освидетельствование', 'Подать жалобу'].map((x) => flat.indexOf(x));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const en = pageTexts((await build(s, { ...d, options: { ...d.options, language: 'en' } }))[0]!).join('\n').replace(/\s+/g, ' ');
    expect(en).toContain('Deadline (met): Ходатайство об экспертизе');
    expect(en).toMatch(/Deadline: Подать жалобу на отказ в возбуждении дела — Criminal Procedure Code[^,]*, art\. 154\(3\)/);
  });

  it('a Russian bundle has a Russian cover, index, chronology, notes, annex and bookmarks, drawn without missing glyphs', async () => {
    const s = richCase();
    const [file] = await build(s, richDefinition(s, 'ru'));
    const pages = pageTexts(file!);
    const stamps = pages.map(stampOf);
    const [cover, index] = [pages[0]!, pages[1]!];

    expect(cover).toContain('Дело № 2231/2012');
    expect(cover).toContain('СБОРНИК ДОКУМЕНТОВ');
    expect(cover).toContain('2 апреля 2024 г.');
    expect(cover).toMatch(/некоторые лица обозначены кодами/);
    expect(cover).toMatch(/без\s+обезличивания/);

    expect(index).toContain('Опись документов');
    expect(index).toMatch(/№\s+Наименование документа\s+Дата\s+Согласовано\s+Листы/);
    expect(index).toContain('A. Процессуальные документы и решения');
    expect(index).toMatch(/Жалоба прокурору\s+12 июля 2010\s+Согласовано\s+2\n/);
    expect(index).toMatch(/Перевод жалобы \(перевод документа A1\)\s+без даты/);
    expect(index).toMatch(/Photo of injuries\s+16 июня 2010\s+10\n/);
    expect(index).toMatch(/Forensic report No. 318\s+август 2010\s+Не согласовано\s+11–13\n/);
    for (const part of ['Хронология событий', 'Заметки по делу', 'Приложение: цепочка хранения']) expect(index).toContain(part);

    // With continuous numbering the chronology is the first numbered part.
    const chrono = pages[stamps.indexOf('1')]!;
    expect(chrono).toContain('Хронология событий');
    expect(chrono).toMatch(/Дата\s+Событие\s+Лист/);
    expect(chrono).toMatch(/лето 2014\s+Задержание — Задержан Заявитель А/);
    // The linked forensic report starts on page 11 (see the index above).
    expect(chrono).toMatch(/15 марта 2024\s+Медицинское освидетельствование — Заявитель А осмотрен\s+11\n/);
    expect(chrono).toContain('Место: Ош');

    const notes = pages.find((t) => t.includes('Заметки по делу') && t.includes('Позиция защиты'))!;
    expect(notes).toContain('Заметка от 3 февраля 2024');
    // The note is written in Markdown; the court reads its words, not its markup.
    expect(notes).toContain('Позиция защиты по делу: побои доказаны.');
    expect(notes).toMatch(/•\s+первое\n/);
    expect(notes).toMatch(/•\s+второе, главное/);
    expect(notes).not.toMatch(/##|\*\*|\*побои\*/);
    const annex = pages.find((t) => t.includes('Приложение: цепочка хранения') && t.includes('SHA-256'))!;
    expect(annex).toMatch(/№\s+Документ\s+SHA-256\s+Получен\s+Источник/);
    expect(annex).toContain('цифровой отпечаток файла');
    // A text file Sakta typeset carries a Russian header line too.
    expect(pages.join('\n')).toMatch(/working-meeting-2020-08-25\.txt — текст воспроизведён программой Sakta, часть 1 из \d+/);

    for (const t of [cover, index, chrono, notes, annex]) {
      expect(t).not.toMatch(ENGLISH);
      // The bundle font replaces any character it lacks with "?": none may be missing.
      expect(t).not.toContain('?');
      expect(t).not.toMatch(/Эркинбеков|Erkinbekov/);
    }

    const ol = outline(file!);
    expect(ol.map((o) => o.title)).toEqual([
      'Обложка',
      'Опись документов',
      'Хронология событий',
      'A. Процессуальные документы и решения',
      'C. Заключения экспертов и медицинские документы',
      'D. Переписка и иные документы',
      'Заметки по делу',
      'Приложение: цепочка хранения',
    ]);
    expect(ol[2]!.page).toBe(stamps.indexOf('1') + 1);
    expect(run('pdffonts', [file!])).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it('names volumes in Russian: «Том 1 из N» on the cover and index, «т. 2, л. 19» in the index', async () => {
    const s = sampleCase();
    s.add('working-meeting-2020-08-25.txt', { kind: 'text', type: 'correspondence', title: 'Рабочая встреча' });
    s.add('letter-to-president-2020-04-27.txt', { kind: 'text', type: 'correspondence', title: 'Письмо президенту' });
    const def = defaultDefinition(s.getCase(s.caseId)!, s.docs, 'ru');
    def.options.volumePageLimit = 20;
    const files = await build(s, def);
    expect(files.length).toBeGreaterThan(1);
    for (const [i, f] of files.entries()) {
      const pages = pageTexts(f);
      expect(pageCount(f)).toBeLessThanOrEqual(20);
      expect(pages[0]).toContain(`Том ${i + 1} из ${files.length}`);
      expect(pages[1]).toContain(`Том ${i + 1} из ${files.length}`);
      expect(pages[1]).toMatch(/Дата\s+Согласовано\s+Том, листы/);
      const row = pages[1]!.split('\n').find((l) => l.includes('Письмо президенту'))!;
      expect(row.trim().split(/\s{2,}/).pop()).toMatch(/^т\. \d+, л\. \d+(–\d+)?$/);
      expect(outline(f).slice(0, 2).map((o) => o.title)).toEqual(['Обложка', 'Опись документов']);
    }
  });

  it('an English bundle reads as before', async () => {
    const s = richCase();
    const [file] = await build(s, richDefinition(s, 'en'));
    const pages = pageTexts(file!);
    expect(pages[0]).toContain('Case No. 2231/2012');
    expect(pages[0]).toContain('BUNDLE OF DOCUMENTS');
    expect(pages[0]).toContain('2 April 2024');
    expect(pages[1]).toMatch(/Tab\s+Document\s+Date\s+Agreed\s+Pages/);
    expect(pages[1]).toMatch(/Жалоба прокурору\s+12 July 2010\s+Agreed/);
    expect(pages.join('\n')).toContain('summer 2014');
    const notes = pages.find((t) => t.includes('Case notes') && t.includes('Позиция защиты'))!;
    expect(notes).toMatch(/•\s+второе, главное/);
    expect(notes).not.toMatch(/##|\*\*/);
    expect(outline(file!).map((o) => o.title)).toEqual([
      'Cover',
      'Index',
      'Chronology',
      'A. Pleadings and orders',
      'C. Expert and medical reports',
      'D. Correspondence and other documents',
      'Case notes',
      'Custody annex',
    ]);
  });
});

describe('the language option of saved definitions', () => {
  it('a definition saved before the option existed still opens, reads as English, and rebuilds in English', async () => {
    const v = await vaultWithSamples();
    const s = v.services.vault.current();
    // Exactly what a save wrote before: the parsed definition, with no "language" among its options.
    const old = {
      sections: [{ key: 'main', title: 'Medical evidence', order: 'manual', items: [{ documentId: v.byName.get('forensic-report-318-en.pdf')!.id, agreement: 'agreed' }] }],
      options: { chronology: false, notes: false, custodyAnnex: false, numbering: 'continuous', paper: 'a4', volumePageLimit: null },
      pseudonyms: [],
      cover: { court: 'Osh City Court', caseNumbers: ['318/2024'], parties: '', title: 'Appeal', date: '2024-03-12' },
    };
    const at = '2024-01-01T00:00:00.000Z';
    s.db
      .prepare('INSERT INTO bundle_definitions (id, case_id, name, name_fold, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('0b6a3c1e-0000-4000-8000-0000000000aa', v.caseId, 'Old appeal', foldForSearch('Old appeal'), JSON.stringify(old), at, at);

    const saved = v.services.bundles.findDefinition(v.caseId, 'Old appeal');
    expect(saved.definition.options.language).toBe('en');
    expect(saved.definition).toEqual(BundleDefinitionSchema.parse({ ...old, options: { ...old.options, language: 'en' } }));

    const out = path.join(tmpDir('sakta-out-'), 'old.pdf');
    await v.services.bundles.export({ caseId: v.caseId, outPath: out, definitionName: 'Old appeal' });
    const pages = pageTexts(out);
    expect(pages[0]).toContain('Case No. 318/2024');
    expect(pages[0]).toContain('12 March 2024');
    expect(pages[1]).toMatch(/Tab\s+Document\s+Date\s+Agreed\s+Pages/);
    expect(pages[1]).toMatch(/A1\s+Forensic report No. 318\s+.*Agreed\s+1–3/);
  });

  it('keeps the language a definition was saved with', async () => {
    const v = await vaultWithSamples();
    const def = v.services.bundles.defaults(v.caseId, 'ru');
    expect(def.sections.map((x) => x.title)).toEqual(['Процессуальные документы и решения', 'Показания свидетелей', 'Заключения экспертов и медицинские документы', 'Переписка и иные документы']);
    const saved = v.services.bundles.saveDefinition({ caseId: v.caseId, name: 'Апелляция', definition: def });
    expect(v.services.bundles.getDefinition(saved.id).definition.options.language).toBe('ru');
    const out = path.join(tmpDir('sakta-out-'), 'ru.pdf');
    await v.services.bundles.export({ caseId: v.caseId, outPath: out, definitionId: saved.id });
    expect(pageTexts(out)[1]).toContain('Опись документов');
  });

  it('sakta bundle --language ru writes Russian pages, leaves the saved definition as it was, and refuses another language (exit 2)', async () => {
    const v = await vaultWithSamples();
    const saved = v.services.bundles.saveDefinition({ caseId: v.caseId, name: 'Hearing', definition: v.services.bundles.defaults(v.caseId) });
    v.services.vault.lock();
    const dir = tmpDir('sakta-out-');

    const plain = await runCli(['bundle', '--vault', v.dir, '--case', v.caseId, '--language', 'ru', '--out', path.join(dir, 'a.pdf')], { env });
    expect(plain.stderr).toBe('');
    expect(plain.code).toBe(0);
    const a = pageTexts(path.join(dir, 'a.pdf'));
    expect(a[1]).toContain('Опись документов');
    expect(a[1]).toContain('A. Процессуальные документы и решения');
    expect(outline(path.join(dir, 'a.pdf')).map((o) => o.title).slice(0, 2)).toEqual(['Обложка', 'Опись документов']);

    const named = await runCli(['bundle', '--vault', v.dir, '--case', v.caseId, '--definition', 'Hearing', '--language', 'ru', '--out', path.join(dir, 'b.pdf')], { env });
    expect(named.code).toBe(0);
    const b = pageTexts(path.join(dir, 'b.pdf'));
    expect(b[1]).toMatch(/№\s+Наименование документа\s+Дата\s+Согласовано\s+Листы/);
    // The saved section titles are the lawyer's; only the generated words change.
    expect(b[1]).toContain('A. Pleadings and orders');

    const bad = await runCli(['bundle', '--vault', v.dir, '--case', v.caseId, '--language', 'de', '--out', path.join(dir, 'c.pdf')], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--language must be one of: ru, en');
    expect(fs.existsSync(path.join(dir, 'c.pdf'))).toBe(false);

    await v.services.vault.unlock(PASS);
    expect(v.services.bundles.getDefinition(saved.id).definition.options.language).toBe('en');
  });
});
