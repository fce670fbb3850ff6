/**
 * Indexing splits a text into words before folding them (each distinct word folded once) when that cannot
 * change a term; it must write exactly the words that folding the whole text first would, or a query (folded
 * whole) would miss words the index holds under another spelling.
 */
import { describe, expect, it } from 'vitest';
import { indexedForm, indexTerms, wordsOf } from '../../electron/services/search/normalize';

const wholeTextFirst = (text: string) => wordsOf(text).map(indexedForm).join(' ');

describe('search: index terms', () => {
  it('are those of the whole text folded first, for Russian, Kyrgyz, English, Uzbek and odd Unicode', () => {
    const texts = [
      'Заявление о применении ПЫТОК сотрудниками РОВД. Ребёнок',
      'КЫЙНООЛОРДУН белгилери ӨТҮНҮЧ менен катталды',
      'Tortured TORTURE tortures 2024-05-01 №15',
      "Oʻzbekiston O'ZBEKISTON sudining qarori",
      'İstanbul ΣΟΦΟΣ. Σ.д café cafe\u0301 naïve Straße ﬁne ǅemal',
    ];
    let seed = 3;
    const r = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗ abcXYZ ңөүҢӨҮ\u0301\u0308İIıΣσς09.,-ß'’";
    for (let i = 0; i < 5000; i++) {
      let t = '';
      for (let j = 0, n = 1 + Math.floor(r() * 30); j < n; j++) t += alphabet[Math.floor(r() * alphabet.length)];
      texts.push(t);
    }
    for (const t of texts) expect(indexTerms(t), JSON.stringify(t)).toBe(wholeTextFirst(t));
    expect(indexTerms('Ребёнок ПЫТКИ')).toBe(wholeTextFirst('ребенок пытки'));
  });
});
