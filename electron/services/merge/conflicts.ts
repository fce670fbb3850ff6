import { createHash } from 'node:crypto';
import { z } from 'zod';
import { storedJson } from '../../base/stored-json';
import type { ReadDb, WriteDb } from '../../db/connection';
import type { DocStore, Doc } from './doc-store';
import { hlcTime } from './hlc';
import { TABLE_BY_NAME } from './tables';
import { docRows, fromDocValue, LIFE, registerValues } from './values';
import { prep } from '../../db/statements';

/** One of the values a conflicted field holds: which operation wrote it, who, and when by their clock. */
export interface ConflictValue {
  valueId: string;
  /** The field's value; for a removal conflict "kept" or "removed". */
  value: string | number | null;
  actor: string;
  at: string | null;
}

const Scalar = z.union([z.string(), z.number(), z.null()]);
/** The `candidates` column as written by `refreshConflicts`, checked when read back. */
const StoredCandidates = z.object({
  values: z.array(z.object({ valueId: z.string(), value: Scalar, actor: z.string(), at: z.string().nullable() })),
  shown: Scalar,
});

export interface Conflict {
  id: string;
  caseId: string;
  table: string;
  rowKey: string;
  field: string;
  /** `field`: concurrent edits of one field; `removed`: edited on one device while removed on another (the row is kept). */
  kind: 'field' | 'removed';
  values: ConflictValue[];
  /** The value the row shows meanwhile (Automerge's deterministic winner; for `removed`, "kept"). */
  shown: string | number | null;
  openedAt: string;
}

interface ConflictRow {
  id: string;
  case_id: string;
  tbl: string;
  row_key: string;
  field: string;
  kind: 'field' | 'removed';
  candidates: string;
  opened_at: string;
}

/** The same id on every device that sees the same conflict: it names the row, the field and the values' operations. */
function conflictId(caseId: string, table: string, key: string, field: string, valueIds: string[]): string {
  return createHash('sha256').update(JSON.stringify([caseId, table, key, field, [...valueIds].sort()])).digest('hex').slice(0, 32);
}

const lifeMeaning = (v: unknown) => (String(v).startsWith('live') ? 'kept' : 'removed');

/** The conflicts one row of the document holds now. */
export function rowConflicts(store: DocStore, db: ReadDb, caseId: string, doc: Doc, table: string, key: string): Omit<Conflict, 'openedAt'>[] {
  const spec = TABLE_BY_NAME.get(table);
  const row = docRows(doc, table)[key];
  if (!spec || !row) return [];
  const out: Omit<Conflict, 'openedAt'>[] = [];
  const describe = (values: Map<string, string | number | null>, mapValue: (v: string | number | null) => string | number | null) =>
    [...values.entries()]
      .map(([valueId, v]) => {
        const who = store.authorOf(db, caseId, valueId);
        return { valueId, value: mapValue(v), actor: who.actor, at: hlcTime(who.at) };
      })
      .sort((a, b) => (a.valueId < b.valueId ? -1 : 1));
  const life = registerValues(row, LIFE);
  if (life.size > 1 && new Set([...life.values()].map(lifeMeaning)).size > 1) {
    const values = describe(life, lifeMeaning);
    out.push({ id: conflictId(caseId, table, key, LIFE, [...life.keys()]), caseId, table, rowKey: key, field: LIFE, kind: 'removed', values, shown: 'kept' });
  }
  for (const field of spec.fields) {
    const values = registerValues(row, field);
    // Two devices writing the same value at once agree: nothing to choose.
    if (values.size < 2 || new Set(values.values()).size < 2) continue;
    const shown = fromDocValue(row[field]);
    out.push({ id: conflictId(caseId, table, key, field, [...values.keys()]), caseId, table, rowKey: key, field, kind: 'field', values: describe(values, (v) => v), shown });
  }
  return out;
}

/** Brings the stored open conflicts of the given rows in line with the document: new ones open, settled ones close. */
export function refreshConflicts(store: DocStore, db: WriteDb, caseId: string, doc: Doc, rows: Map<string, Set<string>>, at: string): { opened: number; closed: number } {
  let opened = 0;
  let closed = 0;
  for (const [table, keys] of rows) {
    for (const key of keys) {
      const now = rowConflicts(store, db, caseId, doc, table, key);
      const stored = prep(db, 'SELECT id FROM shared_conflicts WHERE case_id = ? AND tbl = ? AND row_key = ?').pluck().all(caseId, table, key) as string[];
      const keep = new Set(now.map((c) => c.id));
      for (const id of stored) if (!keep.has(id)) (prep(db, 'DELETE FROM shared_conflicts WHERE id = ?').run(id), closed++);
      for (const c of now) {
        if (stored.includes(c.id)) continue;
        prep(db, 'INSERT OR REPLACE INTO shared_conflicts (id, case_id, tbl, row_key, field, kind, candidates, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          c.id,
          caseId,
          table,
          key,
          c.field,
          c.kind,
          JSON.stringify({ values: c.values, shown: c.shown }),
          at,
        );
        opened++;
      }
    }
  }
  return { opened, closed };
}

export function listConflicts(db: ReadDb, caseId?: string): Conflict[] {
  const rows = (
    caseId
      ? prep(db, 'SELECT * FROM shared_conflicts WHERE case_id = ? ORDER BY opened_at, id').all(caseId)
      : prep(db, 'SELECT * FROM shared_conflicts ORDER BY case_id, opened_at, id').all()
  ) as ConflictRow[];
  return rows.map((r) => {
    const c = storedJson(r.candidates, StoredCandidates, 'conflict');
    return { id: r.id, caseId: r.case_id, table: r.tbl, rowKey: r.row_key, field: r.field, kind: r.kind, values: c.values, shown: c.shown, openedAt: r.opened_at };
  });
}

export function getConflict(db: ReadDb, id: string): Conflict | undefined {
  return listConflicts(db).find((c) => c.id === id);
}
