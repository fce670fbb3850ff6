import * as A from '@automerge/automerge';
import type { ReadDb } from '../../db/connection';
import type { Doc, DocRow } from './doc-store';
import { rowKey, TABLES, type SyncedRow, type TableSpec } from './tables';
import { prep } from '../../db/statements';

/** The row's life register: every edit writes "live:<hlc>", a removal "gone:<hlc>" (unique values, so each is an operation). */
export const LIFE = '_s';

type Value = string | number | null;

/**
 * Strings are stored as Automerge's immutable strings: a field is one register (last writer wins, concurrent
 * writes kept as conflicts), not collaborative text whose characters would interleave.
 */
export function toDocValue(v: Value): unknown {
  return typeof v === 'string' ? new A.ImmutableString(v) : v;
}

export function fromDocValue(v: unknown): Value {
  if (v instanceof A.ImmutableString) return v.toString();
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (v === null || v === undefined) return null;
  return String(v);
}

/** Every value a register holds: one when settled, several (by operation id) while concurrent writes disagree. */
export function registerValues(row: DocRow, field: string): Map<string, Value> {
  const c = A.getConflicts(row as A.Doc<DocRow>, field) as Record<string, unknown> | undefined;
  const out = new Map<string, Value>();
  if (c) for (const [opId, v] of Object.entries(c)) out.set(opId, fromDocValue(v));
  return out;
}

/** A row is shown while any of its life values says live: an edit concurrent with a removal keeps it. */
export function isLive(row: DocRow | undefined): boolean {
  if (!row) return false;
  // The shown value is one of the values: when it says live, no need to ask for the others.
  if (String(fromDocValue(row[LIFE]) ?? '').startsWith('live')) return true;
  const values = registerValues(row, LIFE);
  if (values.size === 0) return String(fromDocValue(row[LIFE]) ?? '').startsWith('live');
  return [...values.values()].some((v) => String(v).startsWith('live'));
}

/** The row was edited on one device while removed on another, and no one has chosen yet. */
export function removalOpen(row: DocRow): boolean {
  const values = [...registerValues(row, LIFE).values()].map((v) => String(v).startsWith('live'));
  return values.includes(true) && values.includes(false);
}

export function docRows(doc: Doc, table: string): Record<string, DocRow> {
  return (doc.t?.[table] ?? {}) as Record<string, DocRow>;
}

/** The synced fields of a document row, as SQLite would hold them. */
export function docRowValues(spec: TableSpec, row: DocRow): SyncedRow {
  const out: SyncedRow = {};
  for (const f of spec.fields) out[f] = fromDocValue(row[f]);
  return out;
}

/**
 * A case's category travels as what it means, not as this vault's row id (each vault seeds its own):
 * "key:<key>" for a seeded category, "name:<name>" for one the lawyer made.
 */
export function portableCategory(db: ReadDb, id: Value): Value {
  if (id === null) return null;
  const c = prep(db, 'SELECT key, name FROM categories WHERE id = ?').get(id) as { key: string | null; name: string } | undefined;
  if (!c) return null;
  return c.key ? `key:${c.key}` : `name:${c.name}`;
}

/** The case's synced rows here, by table and row key. */
export function localRows(db: ReadDb, caseId: string): Map<string, Map<string, SyncedRow>> {
  const out = new Map<string, Map<string, SyncedRow>>();
  for (const spec of TABLES) {
    const rows = prep(db, spec.select).all({ c: caseId }) as SyncedRow[];
    const byKey = new Map<string, SyncedRow>();
    for (const r of rows) {
      if (spec.table === 'cases') r.category_id = portableCategory(db, r.category_id ?? null);
      byKey.set(rowKey(spec, r), r);
    }
    out.set(spec.table, byKey);
  }
  return out;
}

/**
 * Rows the document holds that are not shown here yet, and must not be read as removed here: a document whose
 * encrypted file has not arrived (and its links).
 */
export function isHeld(db: ReadDb, doc: Doc, table: string, row: DocRow): boolean {
  if (table === 'documents') return !prep(db, 'SELECT 1 FROM blobs WHERE id = ?').get(fromDocValue(row.blob_id));
  if (table === 'document_links') {
    const parent = docRows(doc, 'documents')[String(fromDocValue(row.document_id))];
    return !!parent && isHeld(db, doc, 'documents', parent);
  }
  return false;
}
