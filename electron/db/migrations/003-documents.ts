import type { Migration } from './migration';

/**
 * Documents (metadata over blobs), their links, and the search index shared by every domain.
 * Depends on 002 (cases). The search index is generic: one row per searchable item of any kind.
 */
export const m003Documents: Migration = {
  version: 3,
  name: 'documents',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        id             TEXT PRIMARY KEY,
        case_id        TEXT NOT NULL REFERENCES cases(id),
        blob_id        TEXT NOT NULL REFERENCES blobs(id),
        title          TEXT NOT NULL,
        doc_type       TEXT NOT NULL DEFAULT 'other',
        doc_date       TEXT,                       -- JSON partial date: the document's own date, not the import date
        language       TEXT,
        original_name  TEXT NOT NULL,
        kind           TEXT NOT NULL,              -- sniffed from the bytes
        mime           TEXT NOT NULL,
        size           INTEGER NOT NULL,
        sha256         TEXT NOT NULL,              -- of the original bytes, as received
        imported_at    TEXT NOT NULL,
        source         TEXT,
        collected_by   TEXT,
        collected_on   TEXT,                       -- JSON partial date
        translation_of TEXT REFERENCES documents(id) ON DELETE SET NULL,
        tags           TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
        exhibit_no     TEXT,
        text_status    TEXT NOT NULL DEFAULT 'pending',
        text_error     TEXT,
        deleted_at     TEXT,                       -- in the trash since; shredded 30 days later
        updated_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX documents_case ON documents(case_id, deleted_at);
      CREATE INDEX documents_blob ON documents(blob_id);
      CREATE INDEX documents_text ON documents(text_status);

      -- Targets live in other domains' tables (events, persons, proceedings), so no foreign key here.
      CREATE TABLE document_links (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        target_type TEXT NOT NULL,
        target_id   TEXT NOT NULL,
        PRIMARY KEY (document_id, target_type, target_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX document_links_target ON document_links(target_type, target_id);

      -- One row per searchable item of any kind; the raw text is kept for snippets.
      CREATE TABLE search_items (
        rowid     INTEGER PRIMARY KEY,
        kind      TEXT NOT NULL,                   -- case | person | event | note | document
        ref_id    TEXT NOT NULL,
        case_id   TEXT,
        doc_type  TEXT,
        item_date TEXT,                            -- JSON partial date, for display
        date_from TEXT,                            -- its earliest and latest day, for filters
        date_to   TEXT,
        title     TEXT NOT NULL,
        body      TEXT NOT NULL,
        hidden    INTEGER NOT NULL DEFAULT 0,      -- 1 while the item is in the trash
        UNIQUE (kind, ref_id)
      ) STRICT;
      CREATE INDEX search_items_case ON search_items(case_id);

      -- Terms are written by our own normaliser (case fold, ё→е, Russian/English stems plus surface forms),
      -- so the tokenizer only splits on spaces. Contentless: the raw text lives in search_items.
      CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body,
        content = '', contentless_delete = 1,
        prefix = '2 3 4',
        tokenize = 'unicode61 remove_diacritics 0'
      );

      -- Other domains' rows to (re)index; filled by triggers, drained by the search service.
      CREATE TABLE search_dirty (
        kind   TEXT NOT NULL,
        ref_id TEXT NOT NULL,
        PRIMARY KEY (kind, ref_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
