import type { Migration } from './migration';

/**
 * The full-text index, rebuilt for indexing speed (issue 16: 15 MiB of text per second).
 * - Each word is written once, folded; stems are no longer written beside it but found at query time in the
 *   index's term list (services/search/normalize.ts, expandGroup). Half the terms to write, and FTS5's cost
 *   grew faster than the number of terms (more segments to merge).
 * - Tokenizer `ascii` instead of `unicode61`: our normaliser already writes folded words separated by single
 *   spaces, so all FTS5 has to do is split on them. `ascii` treats every non-ASCII byte as part of a word and
 *   folds nothing beyond A-Z, which is exactly that; `unicode61` decoded and classified every character again
 *   (and split words at combining marks our normaliser keeps).
 * - `hashsize` 16 MiB (FTS5's default is 1 MiB): terms gathered in memory before FTS5 writes them out as a
 *   segment. A transaction indexing many documents (this rebuild, a bulk import) then writes a few large
 *   segments instead of many small ones that must be merged again; a single document commits as before.
 * - Prefix index for two characters only (was 2, 3 and 4): each prefix length is a second copy of every term
 *   written at index time, and a longer prefix matches few enough terms that FTS5 finds them by walking its
 *   term list. Two characters (the first thing typed into the box) match too many terms for that.
 * - `search_items.keywords` keeps what was indexed with the title but is not shown (a document's file name,
 *   exhibit number, source, tags), so the index can be rebuilt from search_items and search_bodies alone.
 * - `search_unindexed` lists items whose terms are not in the index yet: here, all of them. The search
 *   service indexes them at unlock and before any query (SearchService.indexPending), in batches that each
 *   commit with their removal from this list, so a crash part-way loses nothing and repeats nothing.
 * Depends on 003 (search_items, documents), 008 (search_bodies).
 */
export const m016SearchIndexV2: Migration = {
  version: 16,
  name: 'search-index-v2',
  up(db) {
    db.exec(`
      ALTER TABLE search_items ADD COLUMN keywords TEXT NOT NULL DEFAULT '';
      UPDATE search_items SET keywords = coalesce((
        SELECT trim(d.original_name || ' ' || coalesce(d.exhibit_no, '') || ' ' || coalesce(d.source, '') || ' ' ||
                    coalesce((SELECT group_concat(t.value, ' ') FROM json_each(d.tags) t), ''))
        FROM documents d WHERE d.id = search_items.ref_id), '')
      WHERE kind = 'document';
      DROP TABLE search_fts;
      CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body,
        content = '', contentless_delete = 1,
        prefix = '2',
        tokenize = 'ascii'
      );
      CREATE TABLE search_unindexed (
        rowid INTEGER PRIMARY KEY                  -- a search_items rowid whose terms are not in search_fts yet
      ) STRICT;
      INSERT INTO search_unindexed (rowid) SELECT rowid FROM search_items;
      INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 16777216);
    `);
  },
};
