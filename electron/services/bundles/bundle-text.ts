import { formatDay, formatPartialDate } from '../../../shared/partial-date';
import { DEFAULT_SECTION_TITLES } from '../../../shared/bundle-sections';
import type { Agreement, BundleLanguage } from '../../../shared/schemas/bundle';
import type { CaseEvent } from '../../../shared/schemas/event';
import type { PartialDate } from '../../../shared/schemas/partial-date';
import type { Column } from './pdf/table';

type EventType = CaseEvent['type'];

/**
 * Every word Sakta writes into a bundle, one table per language: the court reads the cover, index,
 * chronology, notes and annex in the language of the proceedings. The Russian follows the wording of
 * case files in Kyrgyzstan and the region ("опись документов", "листы", "т. 2, л. 57"). Column widths
 * live here too because Russian words are longer: a header is drawn on one line and must fit its column.
 * The English table is the wording bundles had before the language option, unchanged, so a definition
 * saved then rebuilds page for page.
 */
export interface BundleText {
  lang: BundleLanguage;
  /** Part titles, used on the page, in the index rows of the parts and in the bookmarks. */
  parts: { cover: string; index: string; chronology: string; notes: string; annex: string };
  cover: {
    caseNumber: (n: string) => string;
    heading: string;
    /** The cover's date line. */
    date: (isoDay: string) => string;
    /** Small print at the foot of the cover when pseudonyms are used. */
    pseudonymNotice: string;
  };
  volumeOf: (v: number, of: number) => string;
  /** Page reference in another volume: "Vol. 2, 57–60". */
  inVolume: (v: number, range: string) => string;
  date: (d: PartialDate) => string;
  undated: string;
  agreement: Record<Agreement, string>;
  index: {
    translationOf: (tab: string) => string;
    /** After the title of a redacted version, in the index, the bookmarks and the custody annex. */
    redacted: string;
    columns: (withVolumes: boolean) => Column[];
  };
  chronology: {
    subtitle: string;
    empty: string;
    /** Event types arrive as stored codes ("medical_examination"). */
    eventType: (t: string) => string;
    place: (p: string) => string;
    /** A deadline's row: what is due, whether it was met, and the article that set it. */
    deadline: (what: string, done: boolean, citation: string | null) => string;
    columns: Column[];
  };
  notes: { subtitle: string; empty: string; untitled: (createdAt: string) => string };
  annex: { subtitle: string; intro: string; columns: Column[] };
  /** Header line on the pages of a text or DOCX file that Sakta typeset. */
  textSourceHeader: (fileName: string, part: number, parts: number) => string;
}

const en: BundleText = {
  lang: 'en',
  parts: { cover: 'Cover', index: 'Index', chronology: 'Chronology', notes: 'Case notes', annex: 'Custody annex' },
  cover: {
    caseNumber: (n) => `Case No. ${n}`,
    heading: 'BUNDLE OF DOCUMENTS',
    date: (d) => formatDay(d, 'en'),
    pseudonymNotice:
      'Some persons are referred to by codes on the pages generated for this bundle (cover, index, chronology). The documents that follow are reproduced as filed, without redaction.',
  },
  volumeOf: (v, of) => `Volume ${v} of ${of}`,
  inVolume: (v, r) => `Vol. ${v}, ${r}`,
  date: (d) => formatPartialDate(d, 'en'),
  undated: 'undated',
  agreement: { agreed: 'Agreed', 'not-agreed': 'Not agreed', unmarked: '' },
  index: {
    translationOf: (tab) => ` (translation of ${tab})`,
    redacted: ' [redacted version]',
    columns: (withVolumes) => [
      { header: 'Tab', width: 34 },
      { header: 'Document', width: 0 },
      { header: 'Date', width: 80 },
      { header: 'Agreed', width: 52 },
      { header: withVolumes ? 'Volume, pages' : 'Pages', width: withVolumes ? 96 : 70, align: 'right' },
    ],
  },
  chronology: {
    subtitle: 'From the case timeline. "Page" is where the linked document starts in this bundle.',
    empty: 'The case has no timeline events.',
    eventType: (t) => t.replace(/_/g, ' '),
    place: (p) => `Place: ${p}`,
    deadline: (what, done, citation) => `Deadline${done ? ' (met)' : ''}: ${what}${citation ? ` — ${citation}` : ''}`,
    columns: [
      { header: 'Date', width: 100 },
      { header: 'Event', width: 0 },
      { header: 'Page', width: 90, align: 'right' },
    ],
  },
  notes: {
    subtitle: 'Notes kept in the case file, as written by the legal team.',
    empty: 'The case has no notes.',
    untitled: (at) => `Note of ${at.slice(0, 10)}`,
  },
  annex: {
    subtitle: 'Each source file as received into the case file.',
    intro:
      'SHA-256 is the fingerprint of the file exactly as it was imported; any change to the file changes it. The manifest file beside this bundle lists the same fingerprints and the bundle’s own, signed with the case file’s Ed25519 key.',
    columns: [
      { header: 'Tab', width: 34 },
      { header: 'Document', width: 0 },
      { header: 'SHA-256', width: 192 },
      { header: 'Imported', width: 70 },
      { header: 'Source', width: 70 },
    ],
  },
  textSourceHeader: (name, i, n) => `${name} — text rendered by Sakta${n > 1 ? `, part ${i} of ${n}` : ''}`,
};

const RU_EVENT_TYPES: Record<EventType, string> = {
  incident: 'Происшествие',
  arrest: 'Задержание',
  detention: 'Содержание под стражей',
  ill_treatment: 'Жестокое обращение',
  medical_examination: 'Медицинское освидетельствование',
  complaint_filed: 'Подача жалобы',
  decision: 'Решение',
  hearing: 'Судебное заседание',
  release: 'Освобождение',
  death: 'Смерть',
  other: 'Иное',
};

const ru: BundleText = {
  lang: 'ru',
  parts: { cover: 'Обложка', index: 'Опись документов', chronology: 'Хронология событий', notes: 'Заметки по делу', annex: 'Приложение: цепочка хранения' },
  cover: {
    caseNumber: (n) => `Дело № ${n}`,
    heading: 'СБОРНИК ДОКУМЕНТОВ',
    // A date standing alone on a title page takes "г." in Russian office style.
    date: (d) => `${formatDay(d, 'ru')} г.`,
    pseudonymNotice:
      'На страницах, подготовленных для этого сборника (обложка, опись, хронология, заметки, приложение), некоторые лица обозначены кодами. Документы сборника воспроизведены в том виде, в каком они поданы, без обезличивания.',
  },
  volumeOf: (v, of) => `Том ${v} из ${of}`,
  inVolume: (v, r) => `т. ${v}, л. ${r}`,
  date: (d) => formatPartialDate(d, 'ru'),
  undated: 'без даты',
  agreement: { agreed: 'Согласовано', 'not-agreed': 'Не согласовано', unmarked: '' },
  index: {
    translationOf: (tab) => ` (перевод документа ${tab})`,
    redacted: ' [обезличенная версия]',
    // "Не согласовано" needs 75 pt and a Russian day with its month up to 84 pt at the table's 9 pt.
    columns: (withVolumes) => [
      { header: '№', width: 34 },
      { header: 'Наименование документа', width: 0 },
      { header: 'Дата', width: 90 },
      { header: 'Согласовано', width: 80 },
      { header: withVolumes ? 'Том, листы' : 'Листы', width: withVolumes ? 96 : 70, align: 'right' },
    ],
  },
  chronology: {
    subtitle: 'Из хронологии дела. «Лист» — лист сборника, где начинается связанный документ.',
    empty: 'В хронологии дела нет событий.',
    eventType: (t) => (Object.hasOwn(RU_EVENT_TYPES, t) ? RU_EVENT_TYPES[t as EventType] : t.replace(/_/g, ' ')),
    place: (p) => `Место: ${p}`,
    deadline: (what, done, citation) => `Срок${done ? ' (соблюдён)' : ''}: ${what}${citation ? ` — ${citation}` : ''}`,
    columns: [
      { header: 'Дата', width: 100 },
      { header: 'Событие', width: 0 },
      { header: 'Лист', width: 90, align: 'right' },
    ],
  },
  notes: {
    subtitle: 'Заметки из досье дела в том виде, в каком их записали юристы.',
    empty: 'В деле нет заметок.',
    untitled: (at) => `Заметка от ${formatDay(at.slice(0, 10), 'ru')}`,
  },
  annex: {
    subtitle: 'Каждый исходный файл в том виде, в каком он поступил в досье дела.',
    intro:
      'SHA-256 — цифровой отпечаток файла в точности в том виде, в каком он был импортирован; любое изменение файла меняет отпечаток. В файле манифеста рядом с этим сборником приведены те же отпечатки и отпечаток самого сборника, подписанные ключом Ed25519 досье дела.',
    columns: [
      { header: '№', width: 34 },
      { header: 'Документ', width: 0 },
      { header: 'SHA-256', width: 192 },
      { header: 'Получен', width: 70 },
      { header: 'Источник', width: 70 },
    ],
  },
  textSourceHeader: (name, i, n) => `${name} — текст воспроизведён программой Sakta${n > 1 ? `, часть ${i} из ${n}` : ''}`,
};

const TABLES: Record<BundleLanguage, BundleText> = { en, ru };

export function bundleText(lang: BundleLanguage): BundleText {
  return TABLES[lang];
}

/**
 * Titles of the four default sections, for a definition started outside the builder (CLI). The builder
 * names them from its own translations (bundles.defaultSections); a test keeps the two the same.
 */
export const DEFAULT_SECTION_TITLES_BY_LANG: Record<BundleLanguage, readonly string[]> = {
  en: DEFAULT_SECTION_TITLES,
  ru: ['Процессуальные документы и решения', 'Показания свидетелей', 'Заключения экспертов и медицинские документы', 'Переписка и иные документы'],
};
