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

  it('refuses a database written by a newer schema with a clear message', () => {
    const db = freshDb();
    migrate(db);
    db.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    expect(() => migrate(db)).toThrowError(expect.objectContaining({ code: 'FORMAT_TOO_NEW' }));
    db.close();
  });
});
