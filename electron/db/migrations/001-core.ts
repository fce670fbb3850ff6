import type { Migration } from './migration';

/** Core tables: settings, encrypted blobs' keys, and the hash-chained audit log. */
export const m001Core: Migration = {
  version: 1,
  name: 'core',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE blobs (
        id             TEXT PRIMARY KEY,          -- 32 hex chars (16 random bytes); also the file name
        format_version INTEGER NOT NULL,
        key_nonce      BLOB NOT NULL,             -- 24 bytes
        wrapped_key    BLOB NOT NULL,             -- per-blob key, XChaCha20-Poly1305 under the blobs subkey
        plain_size     INTEGER NOT NULL,
        cipher_size    INTEGER NOT NULL,
        sha256         TEXT NOT NULL,             -- of the original plaintext bytes
        created_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX blobs_sha256 ON blobs(sha256);

      CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        action      TEXT NOT NULL,
        entity_type TEXT NOT NULL,
        entity_id   TEXT,
        case_id     TEXT,
        detail      TEXT NOT NULL DEFAULT '{}',
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_case ON audit_log(case_id, seq);
      CREATE INDEX audit_entity ON audit_log(entity_id, seq);
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

      CREATE TABLE audit_head (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        seq       INTEGER NOT NULL,
        hash      TEXT NOT NULL,
        signature TEXT NOT NULL                   -- Ed25519 over "sakta-audit-head|v1|<seq>|<hash>"
      ) STRICT;
    `);
  },
};
