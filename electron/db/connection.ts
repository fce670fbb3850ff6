import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { SaktaError } from '../../shared/errors';

const require = createRequire(import.meta.url);

export type Database = BetterSqlite3.Database;
/** Brands that say at the type level whether a query may write (Signal's ReadableDB/WritableDB). */
export type ReadDb = Database & { readonly __read: unique symbol };
export type WriteDb = ReadDb & { readonly __write: unique symbol };

/**
 * Where the native SQLite module comes from. Under Node (tests, CLI) the package's own build is used;
 * Electron passes the path of a build made for its ABI (see scripts/native-electron.mjs).
 */
let nativeBinding: string | undefined = process.env.SAKTA_SQLITE_BINDING || undefined;
export function setSqliteNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

function isCorruption(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const code = String((e as { code?: unknown }).code ?? '');
  return code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT') || /not a database|malformed/i.test(String((e as Error).message));
}

export function integrityError(what = 'the database'): SaktaError {
  return new SaktaError('INTEGRITY', `${what[0]!.toUpperCase()}${what.slice(1)} is damaged or was altered: its encryption check failed. Restore from a backup.`);
}

/**
 * Opens the encrypted database: SQLite3 Multiple Ciphers, cipher chacha20 (ChaCha20-Poly1305 per page),
 * keyed with the raw 32-byte database subkey so no second KDF runs.
 */
export function openEncryptedDb(file: string, key: Uint8Array, opts: { readonly?: boolean } = {}): WriteDb {
  const Sqlite = require('better-sqlite3-multiple-ciphers') as typeof BetterSqlite3;
  const db = new Sqlite(file, { readonly: opts.readonly ?? false, nativeBinding } as BetterSqlite3.Options);
  try {
    db.pragma(`cipher='chacha20'`);
    // The raw key as SQLite's x'…' literal, built in a buffer that is zeroed right after: never a JS string,
    // which could not be zeroed and would live on the heap until collected.
    withKeyLiteral(key, (literal) => (db as unknown as Keyable).key(literal));
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (e) {
      if (isCorruption(e)) throw integrityError();
      throw e;
    }
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    // 32 MiB of decrypted pages instead of SQLite's 2 MiB: a search for a common word reads a few MiB of the
    // full-text index, and the next keystroke reads the same pages again; each page missed is decrypted anew.
    db.pragma('cache_size = -32768');
    // Deleted content is overwritten, so removed notes don't linger in free pages (they are encrypted anyway).
    db.pragma('secure_delete = ON');
    const fts = db.prepare(`SELECT 1 AS ok FROM pragma_compile_options WHERE compile_options = 'ENABLE_FTS5'`).get();
    if (!fts) throw new SaktaError('UNSUPPORTED', 'This build of SQLite has no full-text search (FTS5); Sakta cannot run with it.');
    return db as WriteDb;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Re-encrypts every page of an open database under `newKey`, in place and in WAL mode (SQLite3 Multiple
 * Ciphers ≥ 2.4; 2.3 refused a rekey in WAL mode). The WAL is checkpointed first so no frame is left under
 * the old key; the rekey itself rewrites each page and is one transaction, so a crash leaves either key
 * working, never a mix. Key rotation (vault format 2) builds on this.
 */
export function rekeyEncryptedDb(db: WriteDb, newKey: Uint8Array): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  withKeyLiteral(newKey, (literal) => (db as unknown as Keyable).rekey(literal));
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** better-sqlite3-multiple-ciphers' sqlite3_key / sqlite3_rekey, which its typings do not declare. */
interface Keyable {
  key(key: Buffer): number;
  rekey(key: Buffer): number;
}

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/** Calls `use` with the bytes of `x'<hex of key>'`, then zeroes them. */
function withKeyLiteral(key: Uint8Array, use: (literal: Buffer) => void): void {
  const literal = Buffer.alloc(key.length * 2 + 3); // alloc, not allocUnsafe: never a slice of the shared pool
  try {
    literal[0] = 0x78; // x
    literal[1] = 0x27; // '
    for (let i = 0; i < key.length; i++) {
      literal[2 + 2 * i] = HEX_DIGITS[key[i]! >> 4]!;
      literal[3 + 2 * i] = HEX_DIGITS[key[i]! & 15]!;
    }
    literal[literal.length - 1] = 0x27;
    use(literal);
  } finally {
    literal.fill(0);
  }
}

/** Full page-by-page check: every page is decrypted and authenticated. */
export function checkDbIntegrity(db: ReadDb): string[] {
  try {
    const rows = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
  } catch (e) {
    if (isCorruption(e)) return ['a database page failed its authentication check'];
    throw e;
  }
}

/** Runs `fn` in one IMMEDIATE transaction: all of it lands, or none. */
export function inTransaction<T>(db: WriteDb, fn: () => T): T {
  return db.transaction(fn).immediate();
}

export { isCorruption };

/**
 * SQLite failures that mean something to the user, as stable errors: damage, a refused write (constraint),
 * a full disk, a read-only folder, a disk error. In each case SQLite rolled the statement or transaction back.
 */
export function knownDbError(e: unknown): SaktaError | null {
  if (!e || typeof e !== 'object') return null;
  if (isCorruption(e)) return integrityError();
  const code = String((e as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
    return new SaktaError('CONFLICT', 'Other records still refer to this one (for example documents of the case); nothing was changed.');
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return new SaktaError('CONFLICT', 'A record with the same name or number already exists; nothing was changed.');
  if (code === 'SQLITE_FULL') return new SaktaError('DISK_FULL', 'The disk is full: the change was not saved. Nothing was changed.');
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN')
    return new SaktaError('READ_ONLY', 'The vault folder cannot be written to: the change was not saved. Nothing was changed.');
  if (code.startsWith('SQLITE_IOERR')) return new SaktaError('IO_ERROR', 'A disk error stopped the change; nothing was changed.');
  return null;
}
