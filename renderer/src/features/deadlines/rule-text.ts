import type { Citation, Localized } from '../../../../shared/schemas/deadline-rules';
import type { WordsLanguage } from '../../../../shared/deadline-words';

/** Rules are written in Russian and English; Kyrgyz readers get the Russian (the procedure's language). */
export const ruleLang = (lng: string): WordsLanguage => (lng === 'en' ? 'en' : 'ru');

export const loc = (text: Localized, lng: string): string => text[ruleLang(lng)];

/** "УПК КР (2021 № 129), ст. 154(3)" / "Criminal Procedure Code … , art. 154(3)". */
export function citationLine(c: Citation, lng: string): string {
  const lang = ruleLang(lng);
  if (/^(art|rule)\b/.test(c.article)) return `${c.law[lang]}, ${c.article}`;
  return `${c.law[lang]}, ${lang === 'en' ? 'art.' : 'ст.'} ${c.article}`;
}
