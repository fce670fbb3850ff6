/**
 * The first screen of results must be ranked as well as full bm25 over every match (issue 16): on a fixed
 * generated corpus, the top 20 the search box returns share at least 90 % of their documents with the exact
 * bm25 top 20, for each query class the bench measures (selective, common, every document, two words, prefix).
 */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../electron/services/search/normalize';
import { vaultWithCase } from './documents-fixtures';

const RU = 'заявление прокурору адвокат задержан изолятор следователь экспертиза свидетель жалоба суд постановление решение нарушение'.split(' ');
const EN = 'complaint prosecutor lawyer detained custody investigator examination witness appeal court decision violation'.split(' ');
const PLACED: [string, number][] = [
  ['пытки', 0.08],
  ['пыток', 0.05],
  ['tortured', 0.12],
  ['кассационная', 0.4],
  ['cassation', 0.35],
];

/** A seeded corpus: the same 400 documents of varied length on every run. */
function corpus(): string[] {
  let s = 7;
  const r = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: 400 }, () => {
    const words: string[] = [];
    const n = 40 + Math.floor(r() * 400);
    for (let i = 0; i < n; i++) {
      const vocab = r() < 0.6 ? RU : EN;
      words.push(vocab[Math.floor(r() * vocab.length)]!);
    }
    for (const [w, p] of PLACED) if (r() < p) words.splice(Math.floor(r() * words.length), 0, w);
    return words.join(' ');
  });
}

const QUERIES = ['пытка', 'tortured', 'кассационная', 'cassation', 'экспертиза', 'court', 'court decision', 'экспертиза кассационная', 'экспер', 'су'];

describe('search: ranking of the first screen', () => {
  it('top 20 overlaps the exact bm25 top 20 by at least 90 % for every query class', async () => {
    const v = await vaultWithCase();
    const { db } = v.services.vault.current();
    corpus().forEach((body, i) => v.services.search.upsert(db, { kind: 'document', refId: `doc-${i}`, caseId: v.caseId, title: `Document ${i}`, body }));
    const exact = db.prepare(
      `SELECT si.ref_id FROM search_fts JOIN search_items si ON si.rowid = search_fts.rowid
       WHERE search_fts MATCH ? AND si.hidden = 0 ORDER BY bm25(search_fts, 4.0, 1.0) LIMIT 20`,
    );
    for (const q of QUERIES) {
      const want = (exact.all(v.services.search.matchExpression(db, parseQuery(q))) as { ref_id: string }[]).map((x) => x.ref_id);
      const res = v.services.search.query({ query: q, limit: 20 });
      const got = res.hits.map((h) => h.id);
      expect(want.length, q).toBe(20);
      expect(got.length, q).toBe(20);
      const overlap = got.filter((id) => want.includes(id)).length / want.length;
      expect(overlap, q).toBeGreaterThanOrEqual(0.9);
      // The count is of every match, not of the rows shown.
      expect(res.total, q).toBeGreaterThan(20);
    }
  });
});
