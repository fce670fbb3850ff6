import type { Migration } from './migration';

/**
 * Shared cases, the exchange through the folder (issue 18; docs/sync.md): which stored files of a case are in the
 * folder already (put there by this device or received from it, so they are not sent again), stored files offered by others that have not arrived yet (the folder's
 * carrier may still be moving them), and a case's exchange state (when it last sent and received; whether the
 * next segment must carry the whole history because a member was added).
 */
export const m013Sync: Migration = {
  version: 13,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_blobs_sent (
        case_id   TEXT NOT NULL,
        blob_id   TEXT NOT NULL,
        file      TEXT NOT NULL,
        at        TEXT NOT NULL,
        PRIMARY KEY (case_id, blob_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_blobs_waiting (
        blob_id   TEXT PRIMARY KEY,
        case_id   TEXT NOT NULL,
        author    TEXT NOT NULL,
        offer     TEXT NOT NULL,
        since     TEXT NOT NULL,
        problem   TEXT
      ) STRICT;

      CREATE TABLE sync_state (
        case_id        TEXT PRIMARY KEY,
        last_sent_at   TEXT,
        last_received_at TEXT,
        send_history   INTEGER NOT NULL DEFAULT 0 CHECK (send_history IN (0, 1))
      ) STRICT;
    `);
  },
};
