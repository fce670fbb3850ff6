import { createRequire } from 'node:module';

/**
 * The one text normaliser used at index time AND query time, so both sides agree on every term.
 * The index holds each word once, folded (case, NFC, ё→е, Uzbek apostrophes) and cut at 64 characters; FTS5
 * only splits on the spaces. Stems are applied at query time instead (since schema 16): a query word matches
 * every indexed word that shares a stem with it, found in the index's own term list (`expandGroup`). Writing
 * stems into the index doubled the terms written per word, and indexing speed is a target (issue 16).
 */
const require = createRequire(import.meta.url);

interface Stemmer {
  stemWord(word: string): string;
}
// Only the stemmers: the packages' index files also load sentiment tables we don't need.
const StemmerRu = require('@nlpjs/lang-ru/src/stemmer-ru') as new () => Stemmer;
const StemmerEn = require('@nlpjs/lang-en-min/src/stemmer-en') as new () => Stemmer;
const ru = new StemmerRu();
const en = new StemmerEn();

const MAX_TERM = 64;
/** A word: letters (incl. Uzbek ʻ, a modifier letter), digits, combining marks. */
export const WORD_RE = /[\p{L}\p{N}\p{M}]+/gu;
const CYRILLIC_ONLY = /^[\p{Script=Cyrillic}\p{M}]+$/u;
const LATIN_ONLY = /^[a-z]+$/;
// Russian drops a vowel in some forms (пытка → пыток, ребёнок → ребёнка); Snowball leaves
// "пыток" whole, so we also index the stem without the fleeting о/е.
const FLEETING = /([бвгджзклмнпрстфхцчшщ])[ое]([бвгджзклмнпрстфхцчшщ])$/;

/** Case fold, NFC, ё→е, and Uzbek apostrophes (oʻ, gʻ typed as ' or ’) made one letter. */
export function foldText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/(\p{L})['’‘`ʼ](\p{L})/gu, '$1ʻ$2');
}

// Word frequencies are Zipfian: a bounded memo saves most stemmer calls on long texts.
const memo = new Map<string, string[]>();
const MEMO_MAX = 100_000;

/** Every term one folded word contributes: itself, its stem, and the fleeting-vowel stem. */
export function termsOfWord(word: string): string[] {
  let t = memo.get(word);
  if (!t) {
    if (memo.size >= MEMO_MAX) memo.clear();
    t = computeTerms(word);
    memo.set(word, t);
  }
  return t;
}

function computeTerms(word: string): string[] {
  const w = word.length > MAX_TERM ? word.slice(0, MAX_TERM) : word;
  const out = [w];
  let stem: string | null = null;
  if (CYRILLIC_ONLY.test(w)) stem = ru.stemWord(w);
  else if (LATIN_ONLY.test(w)) stem = en.stemWord(w);
  if (stem && stem.length > 0) {
    if (stem !== w) out.push(stem);
    const fleeting = stem.replace(FLEETING, '$1$2');
    if (fleeting !== stem && fleeting.length >= 3) out.push(fleeting);
  }
  return out;
}

export function wordsOf(text: string): string[] {
  return foldText(text).match(WORD_RE) ?? [];
}

// …and Greek capital sigma, whose lower case depends on what follows the word (Σ. is σ before a letter).
const FOLD_WHOLE_TEXT = /['’‘`ʼΣ]/;
// Raw (unfolded) words: folding never moves a word boundary, since NFC composes and lower-casing maps
// letters and marks only to letters and marks. So a text without apostrophes can be split first and each
// distinct word folded once (memoised) instead of folding megabytes of text and splitting the copy.
const rawTerms = new Map<string, string>();

/** The folded words of a piece of raw text (usually one word), joined by spaces; '' if it holds none. */
function termOfRawWord(raw: string): string {
  let t = rawTerms.get(raw);
  if (t === undefined) {
    if (rawTerms.size >= MEMO_MAX) rawTerms.clear();
    const folded = raw.normalize('NFC').toLowerCase().replace(/ё/g, 'е');
    t = (folded.match(WORD_RE) ?? []).map(indexedForm).join(' ');
    rawTerms.set(raw, t);
  }
  return t;
}

/** How a folded word is written into the index: itself, cut at MAX_TERM characters. */
export function indexedForm(word: string): string {
  return word.length > MAX_TERM ? word.slice(0, MAX_TERM) : word;
}

/**
 * Where a text can be cut before its words are found: white space and common punctuation, none of them part
 * of a word. Splitting on these with a plain (non-Unicode) pattern is much cheaper than finding every word
 * with WORD_RE; each piece, usually one word, is then folded and split properly once, memoised.
 */
const CUT = /[\s!-/:-@[-`{-~«»—–…]+/;

/** The string written into an FTS5 column for `text`: its folded words, separated by single spaces. */
export function indexTerms(text: string): string {
  // Apostrophes join letters into one word (Uzbek oʻ): only then the whole text is folded before splitting.
  if (FOLD_WHOLE_TEXT.test(text)) return wordsOf(text).map(indexedForm).join(' ');
  const parts: string[] = [];
  for (const piece of text.split(CUT)) {
    const t = piece ? termOfRawWord(piece) : '';
    if (t) parts.push(t);
  }
  return parts.join(' ');
}

export interface QueryGroup {
  /** The word as typed, folded. */
  word: string;
  /** Exact terms that match it (stems). */
  exact: Set<string>;
}

/** The user's query as groups, one per word; all groups must match (AND), any term within a group. */
export function parseQuery(query: string): QueryGroup[] {
  const seen = new Set<string>();
  const groups: QueryGroup[] = [];
  for (const w of wordsOf(query)) {
    if (seen.has(w)) continue;
    seen.add(w);
    groups.push({ word: w.slice(0, MAX_TERM), exact: new Set(termsOfWord(w)) });
  }
  return groups;
}

/**
 * Where in the index's sorted term list every word matching `g` lies. A word matches when one of its terms
 * (itself, its stem, its fleeting-vowel stem) is one of the group's; each such term is the word itself or the
 * word's beginning with at most its last letter changed (Snowball removes endings; the fleeting form drops a
 * vowel before the last consonant; English turns y into i). So every matching word starts with the shortest
 * of the group's terms less its last letter. Very short terms keep their letters: one letter would span a
 * good part of the whole vocabulary for a query of two or three letters, which the prefix form covers anyway.
 */
export function termRange(g: QueryGroup): { from: string; to: string } {
  let from = [...g.exact].reduce((a, b) => (b.length < a.length ? b : a));
  if (from.length > 3) from = from.slice(0, -1);
  return { from, to: `${from}\uffff` };
}

/**
 * The indexed words of `candidates` (terms from `termRange(g)`) that match the group: those sharing a term
 * with it. Words starting with the typed word are left out: the group's prefix form finds them.
 */
export function expandGroup(g: QueryGroup, candidates: Iterable<string>): string[] {
  const out: string[] = [];
  for (const t of candidates) {
    if (t.startsWith(g.word)) continue;
    if (termsOfWord(t).some((x) => g.exact.has(x))) out.push(t);
  }
  return out;
}

const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;

/**
 * An FTS5 MATCH expression: each group is (word* OR each other indexed form of it); all groups must match.
 * `forms[i]` are group i's indexed words found by `expandGroup`. The prefix form also gives Kyrgyz and Uzbek,
 * which have no stemmer here, matching of their suffixed forms.
 */
export function ftsExpression(groups: QueryGroup[], forms: string[][]): string {
  return groups.map((g, i) => `(${[`${quote(g.word)}*`, ...(forms[i] ?? []).map(quote)].join(' OR ')})`).join(' AND ');
}

/** Whether a folded word from a text matches a group (same rule as the FTS expression). */
export function wordMatches(word: string, g: QueryGroup): boolean {
  if (word.startsWith(g.word)) return true;
  // Cheap filter first: stemming every word of a long text would be slow.
  for (const e of g.exact) if (word.startsWith(e.slice(0, 2))) return termsOfWord(word).some((t) => g.exact.has(t));
  return false;
}
