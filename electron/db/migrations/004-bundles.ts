import type { Migration } from './migration';

/**
 * Court bundles: definitions saved per case under a name, so a bundle can be rebuilt after its documents
 * change. The definition is JSON validated by BundleDefinitionSchema on every read. Depends on 002 (cases).
 */
export const m004Bundles: Migration = {
  version: 4,
  name: 'bundles',
  up(db) {
    db.exec(`
      CREATE TABLE bundle_definitions (
        id          TEXT PRIMARY KEY,
        case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        name        TEXT NOT NULL,
        name_fold   TEXT NOT NULL,              -- case-folded name: one "Appeal hearing" per case
        definition  TEXT NOT NULL,              -- JSON
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        UNIQUE (case_id, name_fold)
      ) STRICT;
    `);
  },
};
