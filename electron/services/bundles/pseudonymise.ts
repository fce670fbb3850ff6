import type { SourcePerson } from './source';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces chosen persons' names with their codes in text Sakta generates. Matches the full name, its
 * transliteration, and each name word of four or more letters with up to three trailing letters, because
 * Russian and Kyrgyz decline surnames ("Иванова", "Иванову"). Over-replacing a word is the safe failure here.
 */
export function makePseudonymiser(persons: SourcePerson[], codes: { personId: string; code: string }[]): (text: string) => string {
  const pairs: [string, string, boolean][] = [];
  for (const { personId, code } of codes) {
    const p = persons.find((x) => x.id === personId);
    if (!p) continue;
    for (const full of [p.name, p.nameTranslit]) {
      if (!full?.trim()) continue;
      pairs.push([full.trim(), code, false]);
      for (const part of full.split(/[\s,.]+/)) if ([...part].length >= 4) pairs.push([part, code, true]);
    }
  }
  if (!pairs.length) return (t) => t;
  pairs.sort((a, b) => b[0].length - a[0].length);
  const rules = pairs.map(([name, code, inflect]) => ({
    re: new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}${inflect ? '\\p{L}{0,3}' : ''}(?![\\p{L}\\p{N}])`, 'giu'),
    code,
  }));
  return (text) => rules.reduce((t, r) => t.replace(r.re, r.code), text);
}
