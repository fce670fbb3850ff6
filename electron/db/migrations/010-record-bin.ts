import type { Migration } from './migration';

/**
 * Undoable removal and a hearing's life.
 *
 * `removed_records` keeps what a removal took away (the rows themselves, as JSON, in the order they go back in),
 * so "Undo" puts back exactly the rows that left, with their ids. The rows leave their own tables, so no read
 * anywhere can forget to skip them (search, bundles and the calendar see a removed hearing as gone); the
 * snapshot lives in the encrypted database like everything else and is purged with the 30-day trash.
 *
 * `hearings.status` is scheduled, held, adjourned or cancelled; `hearing_changes` is a hearing's history: each
 * adjournment keeps the date it had and the date it moved to. Depends on 002 (hearings).
 */
export const m010RecordBin: Migration = {
  version: 10,
  name: 'record-bin',
  up(db) {
    db.exec(`
      CREATE TABLE removed_records (
        id           TEXT PRIMARY KEY,
        case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        entity_type  TEXT NOT NULL,
        entity_id    TEXT NOT NULL,
        label        TEXT NOT NULL,
        rows         TEXT NOT NULL,
        removed_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX removed_records_entity ON removed_records(entity_id);

      ALTER TABLE hearings ADD COLUMN status TEXT NOT NULL DEFAULT 'scheduled'
        CHECK (status IN ('scheduled', 'held', 'adjourned', 'cancelled'));

      CREATE TABLE hearing_changes (
        id          TEXT PRIMARY KEY,
        hearing_id  TEXT NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
        status      TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'adjourned', 'cancelled')),
        from_date   TEXT NOT NULL,
        from_time   TEXT,
        to_date     TEXT,
        to_time     TEXT,
        reason      TEXT,
        at          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX hearing_changes_hearing ON hearing_changes(hearing_id, at);
    `);
  },
};
