import type { Migration } from './migration';

/** Settings (one row per name, JSON values validated on read) and the record of finished backups. */
export const m005Protection: Migration = {
  version: 5,
  name: 'protection',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        name       TEXT PRIMARY KEY,
        value      TEXT NOT NULL,               -- JSON, checked against shared/schemas/settings.ts on read
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE backup_runs (
        id            INTEGER PRIMARY KEY,
        at            TEXT NOT NULL,
        folder        TEXT NOT NULL,
        snapshot      TEXT NOT NULL,
        files_written INTEGER NOT NULL,
        bytes_written INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
