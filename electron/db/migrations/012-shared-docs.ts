import type { Migration } from './migration';

/**
 * Shared cases' merge state (issue 18). One Automerge document per shared case: a snapshot plus the changes made
 * or received since, each kept once (by hash) with who wrote it and its hybrid logical clock, so a conflict can
 * name both authors and times. `sent_seq` marks how far this device's own changes have gone out.
 * `shared_conflicts` holds the open conflicts the document shows (a field with several concurrent values, or an
 * edit concurrent with a removal), until a lawyer resolves them or a later edit supersedes them.
 * No foreign key to `cases`: a device that joins a case holds its document before the case's row arrives.
 */
export const m012SharedDocs: Migration = {
  version: 12,
  name: 'shared-docs',
  up(db) {
    db.exec(`
      CREATE TABLE shared_docs (
        case_id       TEXT PRIMARY KEY,
        actor         TEXT NOT NULL,               -- this device's Automerge actor id (its device id, 32 hex)
        snapshot      BLOB,                        -- Automerge save() as of snapshot_seq
        snapshot_seq  INTEGER NOT NULL DEFAULT 0,
        sent_seq      INTEGER NOT NULL DEFAULT 0,  -- own changes up to this seq have been handed to the transport
        hlc           TEXT NOT NULL DEFAULT '',    -- the hybrid logical clock's last value
        heads         TEXT NOT NULL DEFAULT '[]',  -- the document's heads after the last write (cache check)
        created_at    TEXT NOT NULL
      ) STRICT;

      CREATE TABLE shared_changes (
        case_id   TEXT NOT NULL,
        seq       INTEGER NOT NULL,
        hash      TEXT NOT NULL,
        actor     TEXT NOT NULL,
        local     INTEGER NOT NULL CHECK (local IN (0, 1)),
        start_op  INTEGER NOT NULL,
        op_count  INTEGER NOT NULL,
        hlc       TEXT NOT NULL,
        bytes     BLOB NOT NULL,
        PRIMARY KEY (case_id, seq),
        UNIQUE (case_id, hash)
      ) STRICT;
      CREATE INDEX shared_changes_op ON shared_changes(case_id, actor, start_op);

      CREATE TABLE shared_conflicts (
        id          TEXT PRIMARY KEY,              -- the same on every member's device
        case_id     TEXT NOT NULL,
        tbl         TEXT NOT NULL,
        row_key     TEXT NOT NULL,
        field       TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('field', 'removed')),
        candidates  TEXT NOT NULL,                 -- JSON [{valueId, value, actor, at}]
        opened_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX shared_conflicts_row ON shared_conflicts(case_id, tbl, row_key);
    `);
  },
};
