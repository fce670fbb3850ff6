import type { Migration } from './migration';

/**
 * Moves the searchable text out of `search_items` into `search_bodies`. A query joins every match of a
 * common word with its item row to filter hidden items and by case, kind and date; with a 20 KB body in the
 * row, SQLite had to decrypt the row's overflow pages just to reach `hidden` (166 ms of a 340 ms query over
 * 10,000 documents). The item rows are now small, and the text is read only for the rows shown (snippets).
 * Depends on 003 (search_items). The rowids stay, so the full-text index needs no rebuild.
 */
export const m008SearchBodies: Migration = {
  version: 8,
  name: 'search-bodies',
  up(db) {
    db.exec(`
      CREATE TABLE search_bodies (
        rowid INTEGER PRIMARY KEY,                 -- the search_items rowid
        body  TEXT NOT NULL
      ) STRICT;
      INSERT INTO search_bodies (rowid, body) SELECT rowid, body FROM search_items;
      ALTER TABLE search_items DROP COLUMN body;
    `);
  },
};
