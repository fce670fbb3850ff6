import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { openEncryptedDb } from '../../electron/db/connection';
import { migrate, MIGRATIONS, schemaVersion } from '../../electron/db/migrations';
import { SEEDED_CATEGORY_KEYS } from '../../shared/schemas/case';
import { tmpDir } from '../helpers/tmp';

describe('migration 2 (case work)', () => {
  it('upgrades a schema-1 database: seeds the six categories and the case tables, keeping existing rows', () => {
    const crypto = createNativeCrypto();
    const key = crypto.randomBytes(32);
    const file = path.join(tmpDir(), 'db');
    const db = openEncryptedDb(file, key);
    try {
      migrate(db, MIGRATIONS, 1);
      db.prepare(`INSERT INTO meta (key, value) VALUES ('vault_id', 'x')`).run();
      expect(schemaVersion(db)).toBe(1);
      migrate(db, MIGRATIONS, 2);
      expect(schemaVersion(db)).toBe(2);
      expect(db.prepare('SELECT value FROM meta').pluck().get()).toBe('x');
      expect(db.prepare('SELECT key FROM categories ORDER BY position').pluck().all()).toEqual([...SEEDED_CATEGORY_KEYS]);
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
      for (const t of ['cases', 'case_tags', 'persons', 'case_roles', 'proceedings', 'events', 'event_persons', 'hearings', 'deadlines', 'notes']) {
        expect(tables).toContain(t);
      }
      // Deleting a case removes its records with it (foreign keys are on).
      db.prepare(`INSERT INTO cases (id, title, status, search_fold, title_fold, created_at, updated_at) VALUES ('c', 't', 'open', 't', 't', 'now', 'now')`).run();
      db.prepare(`INSERT INTO notes (id, case_id, body, created_at, updated_at) VALUES ('n', 'c', 'b', 'now', 'now')`).run();
      db.prepare(`DELETE FROM cases WHERE id = 'c'`).run();
      expect(db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0);
      expect(() => db.prepare(`INSERT INTO cases (id, title, status, search_fold, title_fold, created_at, updated_at) VALUES ('d', 't', 'lost', 't', 't', 'now', 'now')`).run()).toThrow(
        /CHECK/,
      );
    } finally {
      db.close();
    }
  });
});
