import type { WriteDb } from '../../electron/db/connection';
import { indexTerms } from '../../electron/services/search/normalize';

/**
 * Puts the session's database back as the previous version left it: schema 15's index, filled the way it filled it
 * (in one transaction, so a large vault is quick to prepare).
 */
export function asSchema15(db: WriteDb): void {
  const items = db.prepare('SELECT si.rowid, si.title, si.keywords, b.body FROM search_items si JOIN search_bodies b ON b.rowid = si.rowid').all() as {
    rowid: number;
    title: string;
    keywords: string;
    body: string;
  }[];
  db.transaction(() => {
    db.exec(`
      DROP TABLE search_fts;
      DROP TABLE search_unindexed;
      ALTER TABLE search_items DROP COLUMN keywords;
      CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content = '', contentless_delete = 1, prefix = '2 3 4', tokenize = 'unicode61 remove_diacritics 0');
    `);
    const ins = db.prepare('INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)');
    for (const i of items) ins.run(i.rowid, indexTerms(`${i.title} ${i.keywords}`), indexTerms(i.body));
    db.pragma('user_version = 15');
  })();
}
