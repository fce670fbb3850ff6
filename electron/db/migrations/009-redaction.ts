import type { Migration } from './migration';

/**
 * True redaction: a redacted version is a document of its own, made from an original that stays. The link
 * points from the version to its original; the marks are in the version's custody entry, the removed text
 * nowhere. Depends on 003 (documents).
 */
export const m009Redaction: Migration = {
  version: 9,
  name: 'redaction',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN redacted_from TEXT REFERENCES documents(id) ON DELETE SET NULL;
      CREATE INDEX documents_redacted_from ON documents(redacted_from);
    `);
  },
};
