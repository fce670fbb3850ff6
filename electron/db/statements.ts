import type BetterSqlite3 from 'better-sqlite3';
import type { ReadDb } from './connection';

export type Statement = BetterSqlite3.Statement<unknown[]>;

/**
 * How many statements one connection keeps. The hot paths use a few dozen fixed SQL texts; the bound only stops
 * a caller that builds SQL text from data (an IN list of varying length) from growing the map without end.
 */
const KEEP = 256;

const byDb = new WeakMap<ReadDb, Map<string, Statement>>();

/**
 * A prepared statement for `sql` on `db`, reused across calls. better-sqlite3 frees a statement's native part
 * (its SQLite program, some kilobytes) only after a major garbage collection of its small JS object and a later
 * turn of the event loop; V8 is not told of that native memory, so it puts the collection off. A write to a
 * shared case prepared ~27 statements, and 1,000 writes in a row (a bench, an exchange applying a long history)
 * kept ~27,000 of them alive: ~200 MiB of the process, freed only when the database closed. Reusing them keeps
 * that flat, and skips SQLite's parsing and planning on every call.
 *
 * The statement comes back in its default mode (rows as objects, numbers as numbers): a caller that set
 * `pluck()` on it before does not leak that mode to the next. One still being iterated (`busy`) is not handed
 * out again: that caller gets a statement of its own.
 */
export function prep(db: ReadDb, sql: string): Statement {
  let cache = byDb.get(db);
  if (!cache) byDb.set(db, (cache = new Map()));
  const hit = cache.get(sql);
  if (hit && !hit.busy) {
    // Most recently used last, so eviction takes the least recently used first.
    cache.delete(sql);
    cache.set(sql, hit);
    if (hit.reader) hit.pluck(false).raw(false).expand(false);
    return hit.safeIntegers(false);
  }
  const made = db.prepare(sql) as Statement;
  if (hit) return made;
  cache.set(sql, made);
  if (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return made;
}
