import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../shared/schemas/search';
import { sample, SAMPLE_FILES, vaultWithCase } from './documents-fixtures';
import { dispatcherFor } from '../helpers/ipc';

const snippetText = (h: SearchHit) => h.snippet.map((s) => s.text).join('');
const hitWords = (h: SearchHit) => h.snippet.filter((s) => s.hit).map((s) => s.text);

async function indexed(texts: Record<string, string>) {
  const v = await vaultWithCase();
  const { db } = v.services.vault.current();
  for (const [id, body] of Object.entries(texts)) {
    v.services.search.upsert(db, { kind: 'document', refId: id, caseId: v.caseId, title: id, body });
  }
  const ids = (q: string) => v.services.search.query({ query: q }).hits.map((h) => h.id).sort();
  return { ...v, ids };
}

describe('search: language', () => {
  it('«пытка» finds пытки, пыток, пытках; ё and е match; case folds', async () => {
    const { ids } = await indexed({
      a: 'Заявление о применении пыток сотрудниками РОВД',
      b: 'Следы пытки зафиксированы врачом',
      c: 'Он рассказал о пытках в изоляторе',
      d: 'Ребёнок был свидетелем задержания',
      e: 'Ничего общего с делом',
    });
    expect(ids('пытка')).toEqual(['a', 'b', 'c']);
    expect(ids('ПЫТКИ')).toEqual(['a', 'b', 'c']);
    expect(ids('пыток')).toEqual(['a', 'b', 'c']);
    expect(ids('ребенок')).toEqual(['d']);
    expect(ids('РЕБЁНКА')).toEqual(['d']);
  });

  it('English stems: "tortured" finds "torture" and back', async () => {
    const { ids } = await indexed({ a: 'He was tortured in custody.', b: 'Allegations of torture were ignored.', c: 'The report was filed.' });
    expect(ids('torture')).toEqual(['a', 'b']);
    expect(ids('TORTURED')).toEqual(['a', 'b']);
  });

  it('Kyrgyz: ң ө ү fold case and prefixes match suffixed forms; Uzbek apostrophes are one letter', async () => {
    const { ids } = await indexed({
      a: 'КЫЙНООЛОРДУН белгилери ӨТҮНҮЧ менен катталды',
      b: 'Соттун чечими жокко чыгарылды',
      c: 'Oʻzbekiston sudining qarori',
    });
    expect(ids('кыйноо')).toEqual(['a']);
    expect(ids('өтүнүч')).toEqual(['a']);
    expect(ids('соттун')).toEqual(['b']);
    expect(ids("o'zbekiston")).toEqual(['c']);
    expect(ids('o’zbek')).toEqual(['c']);
  });

  it('all words of the query must match; the snippet marks the matched words and is plain text', async () => {
    const { services } = await indexed({
      a: 'Вступление. '.repeat(50) + 'В ночь на 13 марта его избивали и применяли пытки электрошоком. ' + 'Заключение. '.repeat(50),
      b: 'Пытки упомянуты, но без подробностей',
    });
    const r = services.search.query({ query: 'пытка электрошок' });
    expect(r.hits.map((h) => h.id)).toEqual(['a']);
    expect(hitWords(r.hits[0]!)).toEqual(['пытки', 'электрошоком']);
    expect(snippetText(r.hits[0]!)).toContain('13 марта');
    expect(snippetText(r.hits[0]!).length).toBeLessThan(300);
  });

  it('a hostile query is just words: FTS syntax and quotes cannot break it', async () => {
    const { services } = await indexed({ a: 'обычный текст' });
    for (const q of ['"', 'NEAR(a b)', 'a OR', '*', '^текст', 'текст" OR "x', ')(']) {
      expect(() => services.search.query({ query: q })).not.toThrow();
    }
    expect(services.search.query({ query: '"текст"' }).hits.map((h) => h.id)).toEqual(['a']);
  });
});

describe('search: one box for the vault', () => {
  it('finds a Russian word that occurs only inside the PDF, with a snippet', async () => {
    const { services, caseId } = await vaultWithCase();
    await services.documents.import({ caseId, paths: SAMPLE_FILES });
    await services.documents.scheduleExtraction();
    const pdf = services.documents.list({ caseId }).find((d) => d.originalName === 'complaint-to-prosecutor-ru.pdf')!;
    expect(pdf.textStatus).toBe('done');
    const r = services.search.query({ query: 'пытка' });
    expect(r.hits.map((h) => h.id)).toContain(pdf.id);
    const hit = r.hits.find((h) => h.id === pdf.id)!;
    expect(hitWords(hit)).toContain('пыток');
    // English PDF text is indexed too.
    const en = services.documents.list({ caseId }).find((d) => d.originalName === 'forensic-report-318-en.pdf')!;
    expect(services.search.query({ query: 'examinations' }).hits.map((h) => h.id)).toContain(en.id);
    // The photo has no text layer: its caption is read by OCR (tests/integration/documents-ocr.test.ts).
    const photo = services.documents.list({ caseId }).find((d) => d.kind === 'png')!;
    expect(photo).toMatchObject({ textStatus: 'done', textFromOcr: true });
    expect(services.search.query({ query: 'fictional' }).hits.map((h) => h.id)).toContain(photo.id);
  });

  it('indexes cases, persons, events and notes written by the case service, and follows their edits', async () => {
    const { services, caseId } = await vaultWithCase('Дело о пытках в ИВС Бишкека');
    const w = services.caseWork;
    const person = w.persons.create({ name: 'Азамат Токтогулов' });
    const note = w.notes.create({ caseId, title: 'Встреча', body: 'Клиент подробно описал избиение дубинкой' });
    const kinds = (q: string) => services.search.query({ query: q }).hits.map((h) => `${h.kind}:${h.id}`).sort();
    expect(kinds('пытка')).toEqual([`case:${caseId}`]);
    expect(kinds('Токтогулова')).toEqual([`person:${person.id}`]);
    expect(kinds('избиения')).toEqual([`note:${note.id}`]);
    w.notes.update(note.id, { body: 'Текст заменён' });
    expect(kinds('избиения')).toEqual([]);
  });

  it('filters by case, kind, document type and date; trashed documents disappear and come back', async () => {
    const { services, caseId } = await vaultWithCase();
    const other = services.caseWork.cases.create({ title: 'Второе дело' });
    const [a] = (await services.documents.import({ caseId, paths: [sample('hrw-letter-2017-12-20.txt')], type: 'correspondence' })).documents;
    const [b] = (await services.documents.import({ caseId: other.id, paths: [sample('letter-to-president-2020-04-27.txt')] })).documents;
    await services.documents.scheduleExtraction();
    services.documents.update(a!.id, { title: 'Letter one', date: { precision: 'day', date: '2017-12-20' } });
    services.documents.update(b!.id, { title: 'Letter two', date: { precision: 'year', year: 2020 } });
    const q = (extra: object) => services.search.query({ query: 'letter', kinds: ['document'], ...extra }).hits.map((h) => h.id).sort();
    expect(q({})).toEqual([a!.id, b!.id].sort());
    expect(q({ caseId })).toEqual([a!.id]);
    expect(q({ documentTypes: ['correspondence'] })).toEqual([a!.id]);
    expect(q({ dateFrom: '2018-01-01' })).toEqual([b!.id]);
    expect(q({ dateTo: '2019-12-31' })).toEqual([a!.id]);
    expect(q({ dateFrom: '2020-06-01', dateTo: '2020-06-30' })).toEqual([b!.id]);
    services.documents.trash(a!.id);
    expect(q({})).toEqual([b!.id]);
    services.documents.restore(a!.id);
    expect(q({})).toEqual([a!.id, b!.id].sort());
  });

  it('the search.query channel validates its payload and returns segments, never HTML', async () => {
    const { services } = await indexed({ a: '<img src=x onerror=alert(1)> пытки' });
    const dispatch = dispatcherFor(services, { allowedOrigins: ['app://sakta'] });
    const caller = { origin: 'app://sakta', isMainFrame: true };
    const r = await dispatch('search.query', { query: 'пытка' }, caller);
    expect(r.ok).toBe(true);
    const hit = (r as { value: { hits: SearchHit[] } }).value.hits[0]!;
    expect(hit.snippet.some((s) => s.hit && s.text === 'пытки')).toBe(true);
    expect(snippetText(hit)).toContain('<img src=x onerror=alert(1)>'); // text, for the renderer to show as text
    expect(await dispatch('search.query', { query: '' }, caller)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch('search.query', { query: 'x', sql: 'DROP' }, caller)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
