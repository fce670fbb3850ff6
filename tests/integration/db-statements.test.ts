import { describe, expect, it } from 'vitest';
import { prep } from '../../electron/db/statements';
import { newVault } from '../helpers/vault';

/** The statement cache the write path and the merge use (electron/db/statements.ts), on a real vault database. */
describe('reused prepared statements', () => {
  it('hands back one statement per SQL text, in its default mode whatever the last caller set', async () => {
    const { vault } = await newVault();
    const db = vault.current().db;
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('Айгуль'), ('Бакыт')`);
    const sql = 'SELECT id, name FROM t WHERE id = ?';
    const first = prep(db, sql);
    expect(first.pluck().get(1)).toBe(1);
    const again = prep(db, sql);
    expect(again).toBe(first);
    // A caller that did not ask for pluck gets the row, not the first column.
    expect(again.get(2)).toEqual({ id: 2, name: 'Бакыт' });
    expect(prep(db, sql).raw().get(1)).toEqual([1, 'Айгуль']);
    expect(prep(db, sql).get(1)).toEqual({ id: 1, name: 'Айгуль' });
  });

  it('gives a statement still being iterated to no one else, and follows a schema change', async () => {
    const { vault } = await newVault();
    const db = vault.current().db;
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b'), ('c')`);
    const sql = 'SELECT id, name FROM t ORDER BY id';
    const seen: string[] = [];
    for (const row of prep(db, sql).iterate() as Iterable<{ name: string }>) {
      // The same query again inside the loop: the busy one is not reused.
      seen.push(`${row.name}:${(prep(db, sql).all() as unknown[]).length}`);
    }
    expect(seen).toEqual(['a:3', 'b:3', 'c:3']);
    const star = 'SELECT * FROM t WHERE id = 1';
    expect(prep(db, star).get()).toEqual({ id: 1, name: 'a' });
    db.exec(`ALTER TABLE t ADD COLUMN note TEXT DEFAULT 'новое'`);
    expect(prep(db, star).get()).toEqual({ id: 1, name: 'a', note: 'новое' });
  });

  it('keeps working past its bound of kept statements', async () => {
    const { vault } = await newVault();
    const db = vault.current().db;
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const oldest = prep(db, 'SELECT 0 AS n FROM t');
    for (let i = 1; i <= 300; i++) expect(prep(db, `SELECT ${i} AS n`).get()).toEqual({ n: i });
    // The least recently used one was let go: a new statement, equally usable.
    const again = prep(db, 'SELECT 0 AS n FROM t');
    expect(again).not.toBe(oldest);
    expect(again.all()).toEqual([]);
  });
});
