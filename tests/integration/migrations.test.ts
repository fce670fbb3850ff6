import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { openEncryptedDb } from '../../electron/db/connection';
import { latestSchemaVersion, migrate, MIGRATIONS, schemaVersion } from '../../electron/db/migrations';
import { tmpDir } from '../helpers/tmp';

function freshDb() {
  const c = createNativeCrypto();
  return openEncryptedDb(path.join(tmpDir(), 'm.db'), c.randomBytes(32));
}

describe('migrations', () => {
  it('001 core creates the core tables and sets user_version 1', () => {
    const db = freshDb();
    expect(migrate(db, MIGRATIONS, 1)).toBe(1);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['meta', 'blobs', 'audit_log', 'audit_head']));
    db.close();
  });

  it('each migration runs in its own transaction: a failing one leaves the previous schema intact', () => {
    const db = freshDb();
    const broken = [
      ...MIGRATIONS,
      {
        version: 999,
        name: 'broken',
        up(d: typeof db) {
          d.exec('CREATE TABLE half_made (x)');
          throw new Error('power cut');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('power cut');
    expect(schemaVersion(db)).toBe(latestSchemaVersion());
    expect(db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'half_made'`).get()).toBeUndefined();
    db.close();
  });

  it('all migrations apply in order and are idempotent on a second run', () => {
    const db = freshDb();
    expect(migrate(db)).toBe(latestSchemaVersion());
    expect(migrate(db)).toBe(latestSchemaVersion());
    db.close();
  });

  it('008 moves search text out of search_items: a vault indexed before it keeps its text, and the rowids stay', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS, 7);
    db.prepare(`INSERT INTO search_items (rowid, kind, ref_id, case_id, title, body, hidden) VALUES (5, 'document', 'd1', NULL, 'Жалоба', 'Следы пыток зафиксированы', 0)`).run();
    db.prepare(`INSERT INTO search_fts (rowid, title, body) VALUES (5, 'жалоба', 'следы пыток пытк зафиксированы')`).run();
    // Up to 15: schema 16 rebuilds the index (search-index-upgrade.test.ts).
    expect(migrate(db, MIGRATIONS, 15)).toBe(15);
    const cols = (db.prepare(`SELECT name FROM pragma_table_info('search_items')`).all() as { name: string }[]).map((c) => c.name);
    expect(cols).not.toContain('body');
    expect(db.prepare('SELECT rowid, body FROM search_bodies').all()).toEqual([{ rowid: 5, body: 'Следы пыток зафиксированы' }]);
    expect(db.prepare(`SELECT si.ref_id FROM search_fts JOIN search_items si ON si.rowid = search_fts.rowid WHERE search_fts MATCH 'пытк'`).all()).toEqual([{ ref_id: 'd1' }]);
    db.close();
  });

  it('refuses a database written by a newer schema with a clear message', () => {
    const db = freshDb();
    migrate(db);
    db.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    expect(() => migrate(db)).toThrowError(expect.objectContaining({ code: 'FORMAT_TOO_NEW' }));
    db.close();
  });
});
