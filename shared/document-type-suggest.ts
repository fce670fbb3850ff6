import type { DocumentType } from './schemas/document';

/**
 * A document type suggested from its title ("Постановление об отказе…" → decision, "Жалоба на…" → complaint),
 * in Russian, Kyrgyz, Uzbek and English. Only a suggestion: the lawyer confirms it (documents list, document
 * page); nothing is set without that.
 *
 * Titles name the kind of paper first ("Постановление о назначении судебно-медицинской экспертизы" is a
 * decision, not a forensic report), so the keyword found earliest in the title wins. Keywords are word stems,
 * matched at the start of a word, so "жалоба", "жалобы" and "апелляционная жалоба" all match "жалоб".
 */
const KEYWORDS: [DocumentType, readonly string[]][] = [
  ['decision', ['постановлени', 'решени', 'определени', 'приговор', 'токтом', 'чечим', 'аныктама', 'өкүм', 'qaror', 'hukm', 'decision', 'ruling', 'judgment', 'judgement', 'verdict', 'views of the committee']],
  ['complaint', ['жалоб', 'заявлени', 'ходатайств', 'даттануу', 'арыз', 'шикоят', 'shikoyat', 'ariza', 'complaint', 'appeal', 'petition', 'application', 'communication to']],
  ['forensic-report', ['заключение эксперт', 'заключение судебно', 'судебно-медицин', 'экспертиз', 'эксперттин', 'экспертиза', 'ekspertiza', 'forensic', 'expert opinion', 'autopsy', 'istanbul protocol']],
  ['medical-report', ['медицинск', 'справк', 'выписк', 'эпикриз', 'диагноз', 'медициналык', 'маалымкат', 'tibbiy', 'medical', 'hospital', 'discharge summary', 'diagnosis']],
  ['injury-photo', ['фото', 'снимок', 'сүрөт', 'surat', 'photo', 'picture', 'injur', 'img', 'dsc']],
  ['witness-statement', ['показани', 'протокол допроса', 'допрос', 'объяснени', 'свидетел', 'күбө', 'guvoh', 'witness', 'statement', 'testimony', 'affidavit', 'interview']],
  ['translation', ['перевод', 'котормо', 'tarjima', 'translation']],
  ['correspondence', ['письм', 'ответ на', 'уведомлени', 'кат ', 'xat', 'letter', 'email', 'e-mail', 'correspondence', 'reply', 'notification']],
];

export function suggestDocumentType(title: string): DocumentType | null {
  // File names arrive as titles: "zhaloba_2024-03.pdf", "Постановление_об_отказе.pdf".
  const text = ` ${title.toLowerCase().replace(/[_.]+/g, ' ')} `;
  let best: { type: DocumentType; at: number } | null = null;
  for (const [type, stems] of KEYWORDS) {
    for (const stem of stems) {
      // At a word's start: a letter before the stem means it is inside another word.
      const re = new RegExp(`(?<![\\p{L}])${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u');
      const m = re.exec(text);
      if (m && (best === null || m.index < best.at)) best = { type, at: m.index };
    }
  }
  return best?.type ?? null;
}
