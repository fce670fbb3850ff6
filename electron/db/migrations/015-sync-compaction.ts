import type { Migration } from './migration';

/**
 * Compaction of a shared case's segments into signed, sealed snapshots (issue 18; docs/sync-folder.md §5.5):
 * what each member has acknowledged of each author (from the `seen` of the member's own segments), and the
 * snapshots this device wrote (with the signed body, to write a lost file again) or met in the folder; and how
 * many segments with changes this device applied since it last wrote one (it acknowledges them in a segment).
 */
export const m015SyncCompaction: Migration = {
  version: 15,
  name: 'sync-compaction',
  up(db) {
    db.exec(`
      CREATE TABLE sharing_acks (
        case_id  TEXT NOT NULL,
        member   TEXT NOT NULL,
        author   TEXT NOT NULL,
        counter  INTEGER NOT NULL CHECK (counter >= 0),
        PRIMARY KEY (case_id, member, author)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sharing_snapshots (
        file         TEXT PRIMARY KEY,
        case_id      TEXT NOT NULL,
        author       TEXT NOT NULL,
        up_to        INTEGER NOT NULL CHECK (up_to >= 1),
        last         TEXT NOT NULL,
        epoch        INTEGER NOT NULL,
        signed_body  BLOB,
        at           TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sharing_snapshots_author ON sharing_snapshots(case_id, author, up_to);

      ALTER TABLE sync_state ADD COLUMN unacked INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
