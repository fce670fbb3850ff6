import { randomUUID } from 'node:crypto';
import * as A from '@automerge/automerge';
import { foldForSearch } from '../../../shared/search-fold';
import type { WriteDb } from '../../db/connection';
import { documentRow, toDocument } from '../documents/rows';
import { indexDocument } from '../documents/search-entry';
import type { SearchService } from '../search/search-service';
import { blobIsOthers, mayRemove, mayWrite, refHolds } from './admit';
import type { Doc } from './doc-store';
import { TABLES, type SyncedRow, type TableSpec } from './tables';
import { docRowValues, docRows, isHeld, isLive } from './values';
import { prep } from '../../db/statements';

export interface Projected {
  /** Rows written or removed here, by table. */
  written: number;
  removed: number;
  /** Documents that became visible here: their text is extracted locally. */
  documentsShown: string[];
}

/** A category by what it means ("key:…" / "name:…"), made here if this vault lacks it. */
function localCategory(db: WriteDb, portable: string | number | null): string | null {
  if (portable === null) return null;
  const text = String(portable);
  const [kind, ...rest] = text.split(':');
  const value = rest.join(':');
  if (kind === 'key') {
    const id = prep(db, 'SELECT id FROM categories WHERE key = ?').pluck().get(value) as string | undefined;
    if (id) return id;
  }
  const name = value;
  const byName = prep(db, 'SELECT id FROM categories WHERE name_fold = ?').pluck().get(foldForSearch(name)) as string | undefined;
  if (byName) return byName;
  const id = randomUUID();
  const position = prep(db, 'SELECT coalesce(max(position), -1) + 1 FROM categories').pluck().get() as number;
  prep(db, 'INSERT INTO categories (id, key, name, name_fold, position) VALUES (?, ?, ?, ?, ?)').run(id, kind === 'key' ? value : null, name, foldForSearch(name), position);
  return id;
}

const exists = (db: WriteDb, table: string, id: unknown) => !!prep(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(id);

function keyWhere(spec: TableSpec): string {
  return spec.key.map((k) => `${k} = @${k}`).join(' AND ');
}

function upsert(db: WriteDb, spec: TableSpec, values: SyncedRow, at: string): void {
  const row: SyncedRow = { ...values, ...(spec.derive?.(values) ?? {}) };
  const hasUpdated = spec.table !== 'event_persons' && spec.table !== 'document_links' && spec.table !== 'hearing_changes';
  if (hasUpdated) row.updated_at = at;
  const names = Object.keys(row);
  const rest = names.filter((n) => !spec.key.includes(n) && n !== 'created_at');
  // An UPDATE, else an INSERT: an UPSERT's conflict rule would override the search triggers' INSERT OR IGNORE.
  if (rest.length && prep(db, `UPDATE ${spec.table} SET ${rest.map((n) => `${n} = @${n}`).join(', ')} WHERE ${keyWhere(spec)}`).run(row).changes) return;
  prep(db, `INSERT OR IGNORE INTO ${spec.table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(row);
}

/**
 * Writes the document's state of the given rows into the vault's tables, in the same write: removals children
 * first, then every shown row parents first, then references to rows that are not here are cleared (as
 * ON DELETE SET NULL would have). Foreign keys are checked at the commit, so a proceeding and its sub-proceeding
 * may arrive in any order. Derived columns are computed here; search follows through its triggers, and documents
 * are indexed here (their text is extracted here later).
 */
export function project(db: WriteDb, caseId: string, doc: Doc, changed: Map<string, Set<string>>, at: string, search: SearchService): Projected {
  db.pragma('defer_foreign_keys = ON');
  const out: Projected = { written: 0, removed: 0, documentsShown: [] };
  for (const spec of [...TABLES].reverse()) {
    // Persons belong to every case that names them; a case stays until it is unshared or removed here.
    if (spec.neverRemove || spec.table === 'cases') continue;
    const rows = docRows(doc, spec.table);
    for (const key of changed.get(spec.table) ?? []) {
      const d = rows[key];
      if (!d || isLive(d)) continue;
      // Only a row of this case: a member's document may name any id of this vault (admit.ts).
      if (!mayRemove(db, spec, key, caseId)) continue;
      const where = Object.fromEntries(spec.key.map((k, i) => [k, key.split('|')[i]]));
      // Clear references first, as statements of our own: SQLite runs an ON DELETE SET NULL action under the
      // DELETE's conflict rule, which overrides the search triggers' INSERT OR IGNORE and fails the write.
      if (spec.key.length === 1) clearReferencesTo(db, spec.table, key);
      if (prep(db, `DELETE FROM ${spec.table} WHERE ${keyWhere(spec)}`).run(where).changes) {
        out.removed++;
        if (spec.table === 'documents') search.remove(db, 'document', key);
      }
    }
  }
  const written: { spec: TableSpec; values: SyncedRow }[] = [];
  for (const spec of TABLES) {
    const rows = docRows(doc, spec.table);
    for (const key of changed.get(spec.table) ?? []) {
      const d = rows[key];
      if (!d || !isLive(d) || isHeld(db, doc, spec.table, d)) continue;
      const values = docRowValues(spec, d);
      if (spec.key.some((k) => values[k] === null)) continue;
      if (!mayWrite(db, spec, key, values, caseId)) continue;
      if (spec.table === 'documents' && blobIsOthers(db, values.blob_id, caseId)) continue;
      if (spec.table === 'cases') values.category_id = localCategory(db, values.category_id ?? null);
      if (spec.table === 'case_roles' && !roleMaySit(db, values)) continue;
      const isNew = spec.key.length === 1 && !exists(db, spec.table, values.id);
      if (!tryWrite(db, () => upsert(db, spec, values, at))) continue;
      if (isNew) prep(db, 'DELETE FROM removed_records WHERE entity_id = ?').run(values.id);
      if (spec.table === 'cases') {
        prep(db, 'DELETE FROM case_tags WHERE case_id = ?').run(values.id);
        const ins = prep(db, 'INSERT OR IGNORE INTO case_tags (case_id, tag) VALUES (?, ?)');
        for (const tag of JSON.parse(String(values.tags)) as string[]) ins.run(values.id, tag);
      }
      if (spec.table === 'documents' && isNew) out.documentsShown.push(String(values.id));
      written.push({ spec, values });
      out.written++;
    }
  }
  for (const { spec, values } of written) {
    for (const ref of spec.refs ?? []) {
      const v = values[ref.column];
      if (v !== null && v !== undefined && !refHolds(db, ref.table, v, caseId)) {
        prep(db, `UPDATE ${spec.table} SET ${ref.column} = NULL WHERE ${keyWhere(spec)}`).run(Object.fromEntries(spec.key.map((k) => [k, values[k]])));
      }
    }
    const parent = spec.parent;
    // A link whose record is not here (removed here and not kept by a concurrent edit) cannot stand.
    if (parent && !exists(db, parent.table, values[parent.column])) {
      prep(db, `DELETE FROM ${spec.table} WHERE ${keyWhere(spec)}`).run(Object.fromEntries(spec.key.map((k) => [k, values[k]])));
    }
    if (spec.table === 'documents') {
      const id = String(values.id);
      indexDocument(search, db, toDocument(db, documentRow(db, id)), search.body(db, 'document', id) ?? '');
    }
  }
  return out;
}

/**
 * Runs one row's write under a savepoint: a value SQLite refuses (a NOT NULL or CHECK a member's hand-made change
 * breaks) leaves that row out instead of failing the whole segment, and with it every later exchange.
 */
function tryWrite(db: WriteDb, fn: () => void): boolean {
  db.exec('SAVEPOINT received_row');
  try {
    fn();
    db.exec('RELEASE received_row');
    return true;
  } catch (e) {
    db.exec('ROLLBACK TO received_row');
    db.exec('RELEASE received_row');
    if (e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT')) return false;
    throw e;
  }
}

function clearReferencesTo(db: WriteDb, table: string, id: string): void {
  for (const other of TABLES) {
    for (const ref of other.refs ?? []) if (ref.table === table) prep(db, `UPDATE ${other.table} SET ${ref.column} = NULL WHERE ${ref.column} = ?`).run(id);
  }
}

/**
 * One person holds one role in a case once. When two devices added the same role at once, the row with the
 * smaller id stays on every device, so both converge on it; the other is removed here, and that removal travels.
 */
function roleMaySit(db: WriteDb, r: SyncedRow): boolean {
  const other = prep(db, 'SELECT id FROM case_roles WHERE case_id = ? AND person_id = ? AND role = ? AND id <> ?').pluck().get(r.case_id, r.person_id, r.role, r.id) as
    | string
    | undefined;
  if (!other) return true;
  if (String(r.id) > other) return false;
  prep(db, 'DELETE FROM case_roles WHERE id = ?').run(other);
  return true;
}

/**
 * Which rows the given changes wrote to, found from their operations rather than from a diff of what is shown: a
 * value that loses to a concurrent one changes nothing on screen, yet it makes a conflict, or keeps a removed row.
 * An operation above the rows (the document's first change) means every row.
 */
export function rowsTouchedBy(doc: Doc, changes: Uint8Array[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (table: string, key: string) => {
    const s = out.get(table) ?? new Set<string>();
    s.add(key);
    out.set(table, s);
  };
  const rowOf = new Map<string, [string, string]>();
  const tableOf = new Map<string, string>();
  for (const spec of TABLES) {
    const rows = doc.t?.[spec.table];
    if (!rows) continue;
    tableOf.set(A.getObjectId(rows)!, spec.table);
    for (const [key, row] of Object.entries(rows)) rowOf.set(A.getObjectId(row)!, [spec.table, key]);
  }
  for (const bytes of changes) {
    for (const op of A.decodeChange(bytes).ops) {
      const row = rowOf.get(op.obj);
      if (row) add(row[0], row[1]);
      else if (tableOf.has(op.obj) && typeof op.key === 'string') add(tableOf.get(op.obj)!, op.key);
      else if (!tableOf.has(op.obj)) for (const spec of TABLES) for (const key of Object.keys(docRows(doc, spec.table))) add(spec.table, key);
    }
  }
  return out;
}
