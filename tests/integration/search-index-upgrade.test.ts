/**
 * Schema 16 rebuilt the full-text index (a faster tokenizer, one prefix length). A vault last opened by the
 * previous version holds its terms in the old index; after the upgrade every item must still be found — its
 * title, its text, and what is indexed but not shown (a document's tags and file name) — the upgrade must lose
 * no text, and `verify` must find nothing wrong, neither while items wait nor after they are indexed.
 */
import { describe, expect, it } from 'vitest';
import { PASS } from '../helpers/vault';
import { sample, vaultWithCase } from './documents-fixtures';
import { asSchema15 } from './search-fixtures';

describe('search: the index rebuilt by schema 16', () => {
  it('a vault of the previous version finds the same items after the upgrade, tags and file names included', async () => {
    const { services, caseId } = await vaultWithCase('Дело о пытках в ИВС');
    const [doc] = (await services.documents.import({ caseId, paths: [sample('hrw-letter-2017-12-20.txt')] })).documents;
    await services.documents.scheduleExtraction();
    services.documents.update(doc!.id, { tags: ['срочно-ООН'], exhibitNo: 'A-17' });
    services.caseWork.notes.create({ caseId, body: 'Свидетель Токтогулова видела избиение' });
    const ids = (q: string) => services.search.query({ query: q }).hits.map((h) => `${h.kind}:${h.id}`).sort();
    const before = ['пытка', 'letter', 'срочно', 'hrw', 'A-17', 'Токтогулова', 'избиения', 'Human Rights Watch'].map((q) => [q, ids(q)] as const);
    expect(before.every(([, hits]) => hits.length > 0)).toBe(true);
    const textsBefore = services.vault.current().db.prepare('SELECT rowid, body FROM search_bodies ORDER BY rowid').all();

    asSchema15(services.vault.current().db);
    services.vault.lock();
    await services.vault.unlock(PASS);
    const { db } = services.vault.current();

    expect(Number(db.pragma('user_version', { simple: true }))).toBeGreaterThanOrEqual(16);
    expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'search_fts'`).pluck().get()).toMatch(/tokenize = 'ascii'/);
    // The unlock indexed every item: none waits, and each query finds what it found before.
    expect(db.prepare('SELECT count(*) FROM search_unindexed').pluck().get()).toBe(0);
    for (const [q, hits] of before) expect(ids(q), q).toEqual(hits);
    expect(ids('срочно-ООН')).toEqual([`document:${doc!.id}`]);
    expect(db.prepare('SELECT rowid, body FROM search_bodies ORDER BY rowid').all()).toEqual(textsBefore);
    expect((await services.verify.verify()).problems).toEqual([]);

    // An item waiting to be indexed (an unlock cut short) is not reported missing, and the next query indexes it.
    const rowid = db.prepare(`SELECT rowid FROM search_items WHERE kind = 'document'`).pluck().get() as number;
    db.prepare('DELETE FROM search_fts WHERE rowid = ?').run(rowid);
    db.prepare('INSERT INTO search_unindexed (rowid) VALUES (?)').run(rowid);
    expect((await services.verify.verify()).problems).toEqual([]);
    expect(ids('срочно-ООН')).toEqual([`document:${doc!.id}`]);
    expect(db.prepare('SELECT count(*) FROM search_unindexed').pluck().get()).toBe(0);
    // An item changed while it waits is indexed once, with its new words.
    db.prepare('DELETE FROM search_fts WHERE rowid = ?').run(rowid);
    db.prepare('INSERT INTO search_unindexed (rowid) VALUES (?)').run(rowid);
    services.documents.update(doc!.id, { tags: ['апелляция'] });
    expect(ids('апелляция')).toEqual([`document:${doc!.id}`]);
    expect(ids('срочно-ООН')).toEqual([]);
    expect(services.search.query({ query: 'letter' }).total).toBe(before.find(([q]) => q === 'letter')![1].length);
  });
});
