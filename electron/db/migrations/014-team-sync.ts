import type { Migration } from './migration';

/**
 * Shared cases carried by Syncthing (issue 19; docs/sync.md, "Team sync"): a paired device's Syncthing device id
 * and listen address (from its signed pairing offer), and each shared case's Syncthing folder id (chosen by the
 * member who first shared it, carried to the others in the signed, sealed key envelope).
 */
export const m014TeamSync: Migration = {
  version: 14,
  name: 'team-sync',
  up(db) {
    db.exec(`
      ALTER TABLE peers ADD COLUMN engine_device TEXT;
      ALTER TABLE peers ADD COLUMN engine_address TEXT;

      CREATE TABLE team_folders (
        case_id    TEXT PRIMARY KEY,
        folder_id  TEXT NOT NULL,
        at         TEXT NOT NULL
      ) STRICT;
    `);
  },
};
