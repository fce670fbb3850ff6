import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDb, rekeyEncryptedDb } from '../../electron/db/connection';
import { tmpDir } from '../helpers/tmp';

/**
 * The base of key rotation (vault format 2): a database in WAL mode, with frames not yet checkpointed, is
 * re-keyed in place and reopens with the new key only; no page of it is readable without a key.
 */
describe('re-keying the vault database in WAL mode', () => {
  it('reopens with the new key, refuses the old one, and leaves no plaintext in the file or its WAL', () => {
    const file = path.join(tmpDir(), 'vault.db');
    const oldKey = crypto.randomBytes(32);
    const newKey = crypto.randomBytes(32);
    const canary = `Свидетель-${crypto.randomBytes(6).toString('hex')}`;

    const db = openEncryptedDb(file, oldKey);
    expect(String(db.pragma('journal_mode', { simple: true }))).toBe('wal');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE witness (name TEXT)');
    for (let i = 0; i < 50; i++) db.prepare('INSERT INTO witness VALUES (?)').run(`${canary} ${i}`);
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);

    rekeyEncryptedDb(db, newKey);
    // Still usable after the rekey, in WAL mode, for further writes.
    db.prepare('INSERT INTO witness VALUES (?)').run(`${canary} after`);
    expect(String(db.pragma('journal_mode', { simple: true }))).toBe('wal');
    db.close();

    const reopened = openEncryptedDb(file, newKey);
    expect((reopened.prepare('SELECT count(*) AS n FROM witness').get() as { n: number }).n).toBe(51);
    expect(reopened.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    reopened.close();

    expect(() => openEncryptedDb(file, oldKey)).toThrow();

    for (const f of [file, `${file}-wal`]) {
      if (!fs.existsSync(f)) continue;
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(Buffer.from(canary)), `${path.basename(f)} holds the canary in plaintext`).toBe(false);
      expect(bytes.includes(Buffer.from('CREATE TABLE witness')), `${path.basename(f)} holds the schema in plaintext`).toBe(false);
    }
  });
});
