import type { Migration } from './migration';

/**
 * Shared cases, the sharing core (issue 18; docs/vault-format.md §5.7, docs/sync-folder.md).
 *
 * Secrets (the device's identity keys, the case keys) sit in the encrypted database like every other record,
 * and are read only when needed. Case ids here have no foreign key: a device learns of a shared case (its keys
 * and members) before the merge creates the case's rows, and a removed case's keys must still open the
 * segments it already has in the folder.
 */
export const m011Sharing: Migration = {
  version: 11,
  name: 'sharing',
  up(db) {
    db.exec(`
      CREATE TABLE device_identity (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        device_id    TEXT NOT NULL,
        sign_public  BLOB NOT NULL,
        sign_secret  BLOB NOT NULL,
        box_public   BLOB NOT NULL,
        box_secret   BLOB NOT NULL,
        created_at   TEXT NOT NULL
      ) STRICT;

      CREATE TABLE peers (
        device_id    TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        name_fold    TEXT NOT NULL UNIQUE,
        sign_public  BLOB NOT NULL,
        box_public   BLOB NOT NULL,
        paired_at    TEXT NOT NULL
      ) STRICT;

      CREATE TABLE shared_cases (
        case_id      TEXT PRIMARY KEY,
        epoch        INTEGER NOT NULL CHECK (epoch >= 1),
        shared_at    TEXT NOT NULL
      ) STRICT;

      CREATE TABLE case_keys (
        case_id      TEXT NOT NULL,
        epoch        INTEGER NOT NULL CHECK (epoch >= 1),
        key_id       TEXT NOT NULL,
        key          BLOB NOT NULL,
        received_at  TEXT NOT NULL,
        PRIMARY KEY (case_id, epoch, key_id)
      ) STRICT;

      CREATE TABLE case_members (
        case_id         TEXT NOT NULL,
        device_id       TEXT NOT NULL,
        sign_public     BLOB NOT NULL,
        box_public      BLOB NOT NULL,
        added_epoch     INTEGER NOT NULL,
        removed_epoch   INTEGER,
        removed_after   INTEGER,
        added_by        TEXT NOT NULL,
        PRIMARY KEY (case_id, device_id)
      ) STRICT;

      CREATE TABLE sharing_segments (
        case_id      TEXT NOT NULL,
        author       TEXT NOT NULL,
        counter      INTEGER NOT NULL CHECK (counter >= 1),
        hash         TEXT NOT NULL,
        file         TEXT NOT NULL,
        epoch        INTEGER NOT NULL,
        signed_body  BLOB,
        at           TEXT NOT NULL,
        PRIMARY KEY (case_id, author, counter)
      ) STRICT;
      CREATE INDEX sharing_segments_file ON sharing_segments(file);

      CREATE TABLE sharing_envelopes (
        file         TEXT PRIMARY KEY,
        case_id      TEXT NOT NULL,
        epoch        INTEGER NOT NULL,
        signer       TEXT NOT NULL,
        at           TEXT NOT NULL
      ) STRICT;
    `);
  },
};
