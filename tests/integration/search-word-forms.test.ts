/**
 * Since schema 16 the index holds each word once, as written (folded), and stems are applied at query time:
 * a query word is expanded to the indexed words that share a stem with it, looked up in a range of the
 * index's term list. That range must never miss a word form. The rule it must agree with is the one the
 * snippet marks words by (`wordMatches`): a document is found exactly when one of its words matches every
 * query word. Checked over inflected Russian, English, Kyrgyz and Uzbek forms, fleeting vowels included.
 */
import { describe, expect, it } from 'vitest';
import { parseQuery, wordMatches, wordsOf } from '../../electron/services/search/normalize';
import { vaultWithCase } from './documents-fixtures';

const FORMS = [
  'пытка пытки пыток пыткам пытках пыткой',
  'ребёнок ребенка ребенку детей',
  'суд суда суду судом суде судебный судебного судья судьи',
  'дело дела делу делом деле делать делегат',
  'экспертиза экспертизы экспертизе экспертизой экспертизами эксперт эксперта',
  'заявление заявления заявлением заявлений',
  'happy happier happiness happily',
  'study studies studied studying student students',
  'torture tortured tortures torturing',
  'detain detained detention detainee detainees',
  'communicate communication communications',
  'кыйноо кыйноолор кыйноолордун сот соттун соттор',
  "qaror qarori qarorlar sud sudining oʻzbekiston",
];

describe('search: word forms found at query time', () => {
  it('a query finds exactly the documents with a word sharing a stem or the typed beginning, for every form', async () => {
    const v = await vaultWithCase();
    const { db } = v.services.vault.current();
    const words = FORMS.flatMap((f) => f.split(' '));
    // One document per word, and documents of two words, so AND queries have something to tell apart.
    const docs = new Map<string, string>();
    words.forEach((w, i) => docs.set(`w${i}`, `Материал ${w} дополнение`));
    for (let i = 0; i + 7 < words.length; i += 3) docs.set(`p${i}`, `${words[i]} и ${words[i + 7]}`);
    for (const [id, body] of docs) v.services.search.upsert(db, { kind: 'document', refId: id, caseId: v.caseId, title: 'Документ', body });

    const queries = [...words, ...words.map((w) => w.slice(0, Math.max(2, w.length - 2))), 'пытка суд', 'torture study', 'ребёнка'];
    let checked = 0;
    for (const q of queries) {
      const groups = parseQuery(q);
      const want = [...docs].filter(([, body]) => groups.every((g) => wordsOf(`Документ ${body}`).some((w) => wordMatches(w, g)))).map(([id]) => id).sort();
      const got = v.services.search.query({ query: q, limit: 100, kinds: ['document'] }).hits.map((h) => h.id).sort();
      expect(got, q).toEqual(want);
      checked += want.length;
    }
    // Not a vacuous pass: the queries found hundreds of (query, document) pairs.
    expect(checked).toBeGreaterThan(300);
    // The forms a lawyer expects together.
    const found = (q: string) => v.services.search.query({ query: q, limit: 100, kinds: ['document'] }).hits.map((h) => docs.get(h.id)).join(' | ');
    for (const form of ['пыток', 'пытках', 'пыткой']) expect(found('пытка')).toContain(form);
    expect(found('ребёнок')).toContain('ребенка');
    expect(found('tortured')).toContain('torture ');
    expect(found('studies')).toContain('studying');
  });
});
