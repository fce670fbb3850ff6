import type { SourcePerson } from './source';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Upper case only (the modifier turns off the "i" flag here), so "Иванов и. о." keeps its lower-case abbreviation.
const INITIAL = '(?-i:\\p{Lu})\\.';
const INITIALS_BEFORE = `(?:${INITIAL}\\s?){1,2}\\s*`;
const INITIALS_AFTER = `\\s+${INITIAL}(?:\\s?${INITIAL})?`;

/** Feminine and soft endings change in declension ("Иванова" → "Ивановой", "Анна" → "Анной"), so match from the stem. */
function stem(word: string): string {
  const letters = [...word];
  return letters.length >= 5 && /[аяоеиыьйaeiouy]$/iu.test(word) ? letters.slice(0, -1).join('') : word;
}

/**
 * Replaces chosen persons' names with their codes in text Sakta generates. Matches the full name, its
 * transliteration, and each name word of four or more letters with up to three trailing letters, because
 * Russian and Kyrgyz decline surnames ("Иванова", "Иванову"). Initials written beside a name ("Иванова А. Б.",
 * "А.Б. Иванова") go with it: left behind they read «Лицо А А. Б.» and point back at the person.
 * Over-replacing a word is the safe failure here.
 */
export function makePseudonymiser(persons: SourcePerson[], codes: { personId: string; code: string }[]): (text: string) => string {
  const pairs: [string, string, boolean][] = [];
  for (const { personId, code } of codes) {
    const p = persons.find((x) => x.id === personId);
    if (!p) continue;
    for (const full of [p.name, p.nameTranslit]) {
      if (!full?.trim()) continue;
      pairs.push([full.trim(), code, false]);
      for (const part of full.split(/[\s,.]+/)) if ([...part].length >= 4) pairs.push([stem(part), code, true]);
    }
  }
  if (!pairs.length) return (t) => t;
  pairs.sort((a, b) => b[0].length - a[0].length);
  const rules = pairs.map(([name, code, inflect]) => ({
    re: new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${INITIALS_BEFORE})?${escape(name)}${inflect ? '\\p{L}{0,3}' : ''}(?:${INITIALS_AFTER})?(?![\\p{L}\\p{N}])`,
      'giu',
    ),
    code,
  }));
  return (text) => rules.reduce((t, r) => t.replace(r.re, r.code), text);
}
