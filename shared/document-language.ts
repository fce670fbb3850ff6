/**
 * Which language a document is written in, guessed from its extracted text, for the four languages of Sakta's
 * casework: Russian, Kyrgyz, Uzbek (Latin or Cyrillic script) and English. No detector package is installed and
 * a general one (franc, cld) would weigh megabytes for four languages; these are told apart reliably by two
 * things a reader would use too:
 *
 * 1. Letters only one of them writes: Kyrgyz ң ө ү; Uzbek Cyrillic ў қ ғ ҳ; Uzbek Latin oʻ gʻ (also typed o' g').
 * 2. Their commonest short words (stop words): "и в не на что" are Russian, "жана менен үчүн" Kyrgyz,
 *    "va bilan uchun" Uzbek, "the and of to" English. A page of legal prose has dozens of them.
 *
 * Each language scores hits per word; the best score wins if it is clearly ahead. Too little text, or a tie,
 * gives null: the lawyer then chooses, and a wrong guess is never better than none.
 */

/** The languages Sakta offers for a document, in the order of the select; codes are ISO 639-1. */
export const DOCUMENT_LANGUAGES = ['ru', 'ky', 'uz', 'en', 'kk', 'tg', 'tr', 'fr', 'de'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];
/** The ones `detectLanguage` can name. */
export type DetectedLanguage = 'ru' | 'ky' | 'uz' | 'en';

const STOP_WORDS: Record<DetectedLanguage, readonly string[]> = {
  ru: ['и', 'в', 'не', 'на', 'что', 'с', 'по', 'о', 'к', 'из', 'от', 'для', 'был', 'была', 'было', 'это', 'как', 'его', 'её', 'он', 'она', 'они', 'при', 'за', 'также', 'который', 'которые', 'или', 'но', 'то', 'же', 'со', 'во', 'до', 'после', 'суд', 'года'],
  ky: ['жана', 'менен', 'үчүн', 'бул', 'деп', 'болуп', 'жок', 'эмес', 'тарабынан', 'боюнча', 'анын', 'ал', 'алар', 'бир', 'да', 'дагы', 'же', 'бирок', 'болгон', 'кийин', 'чейин', 'сот', 'жылы', 'турат', 'керек'],
  uz: ['va', 'bilan', 'uchun', 'bu', 'emas', 'edi', 'ham', 'bir', 'deb', 'lekin', 'yoki', 'uning', 'ular', 'bo‘lgan', 'boʻlgan', "bo'lgan", 'bo‘yicha', 'boʻyicha', "bo'yicha", 'sud', 'yil', 'ва', 'билан', 'учун', 'бу', 'эмас', 'эди', 'ҳам', 'деб', 'лекин', 'ёки', 'унинг', 'улар', 'бўлган', 'бўйича', 'йил'],
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'was', 'that', 'for', 'on', 'with', 'by', 'as', 'it', 'at', 'from', 'be', 'this', 'were', 'are', 'an', 'or', 'his', 'her', 'their', 'has', 'have', 'not', 'which'],
};
const STOP_SETS = Object.fromEntries(Object.entries(STOP_WORDS).map(([k, v]) => [k, new Set(v)])) as Record<DetectedLanguage, Set<string>>;

/** Letters only this language (of the four) writes; each counts as much as a stop word. */
const OWN_LETTERS: Partial<Record<DetectedLanguage, RegExp>> = {
  ky: /[ңөү]/g,
  uz: /[ўқғҳ]|[og][ʻ‘'ʼ`]/g,
};

/** Fewer words than this say too little to tell (a title page, a signature block). */
export const MIN_WORDS = 8;
/** The winner must score at least this many times the runner-up. */
const LEAD = 1.5;

export function detectLanguage(text: string): DetectedLanguage | null {
  const sample = text.slice(0, 20_000).toLowerCase();
  const words = sample.match(/[\p{L}ʻ‘'ʼ`]+/gu) ?? [];
  if (words.length < MIN_WORDS) return null;
  const scores = { ru: 0, ky: 0, uz: 0, en: 0 } satisfies Record<DetectedLanguage, number>;
  for (const raw of words) {
    const w = raw.replace(/^['‘ʼ`]+|['‘ʼ`]+$/g, '');
    for (const lang of Object.keys(scores) as DetectedLanguage[]) if (STOP_SETS[lang].has(w)) scores[lang]++;
  }
  for (const [lang, re] of Object.entries(OWN_LETTERS) as [DetectedLanguage, RegExp][]) scores[lang] += (sample.match(re) ?? []).length;
  // Kyrgyz and Uzbek share Russian's short words ("и", "в" appear in both as loans far less); a Russian text that
  // quotes a Kyrgyz name (Үсөнов) gets a few own letters, which the Russian stop words outweigh.
  const ranked = (Object.entries(scores) as [DetectedLanguage, number][]).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 3) return null;
  if (second && second[1] > 0 && best[1] < second[1] * LEAD) return null;
  return best[0];
}
