import type { ReadDb } from '../../db/connection';
import type { Doc, DocRow, SharedDoc } from './doc-store';
import { TABLE_BY_NAME, TABLES, type SyncedRow } from './tables';
import { docRows, fromDocValue, isHeld, isLive, LIFE, localRows, removalOpen, toDocValue } from './values';

/** What one local write changed in a shared case, row by row: the fields to set, or the row's removal. */
export interface RowEdit {
  table: string;
  key: string;
  set: SyncedRow;
  /** The row was not in the document (or was removed there): write every field. */
  fresh: boolean;
  gone: boolean;
}

/**
 * Compares the case's rows here with its document. A field differs when the row's value is not the document's
 * shown value; a row here that the document lacks or holds as removed is (re)made; a row the document shows that
 * is gone here was removed here (unless the document holds it back: a document whose file has not arrived).
 */
export function diffCase(db: ReadDb, caseId: string, doc: Doc): RowEdit[] {
  const local = localRows(db, caseId);
  const edits: RowEdit[] = [];
  for (const spec of TABLES) {
    const here = local.get(spec.table)!;
    const there = docRows(doc, spec.table);
    for (const [key, row] of here) {
      const d = there[key];
      const live = isLive(d);
      const set: SyncedRow = {};
      for (const f of spec.fields) {
        // A field with several values keeps them until someone chooses: the shown winner is not a new edit.
        // Any other value here is one: the projection always writes the shown winner, so a row holding another of
        // the conflict's values was typed so by this device's lawyer (a choice, sent and settling the conflict).
        // Skipping it as "already a candidate" left it on this device only: the others kept the old winner and
        // never converged (found by tests/integration/team-sync-partition.test.ts).
        if (d && live && fromDocValue(d[f]) === row[f]) continue;
        set[f] = row[f]!;
      }
      if (Object.keys(set).length || !live) edits.push({ table: spec.table, key, set, fresh: !d, gone: false });
    }
    if (spec.neverRemove) continue;
    for (const [key, d] of Object.entries(there)) {
      if (here.has(key) || !isLive(d) || isHeld(db, doc, spec.table, d)) continue;
      edits.push({ table: spec.table, key, set: {}, fresh: false, gone: true });
    }
  }
  return edits;
}

/** Writes the edits into the document (inside one Automerge change); `stamp` is this change's clock. */
export function applyEdits(d: SharedDoc, edits: RowEdit[], stamp: string): void {
  if (!d.t) d.t = {};
  const t = d.t;
  for (const spec of TABLES) if (!t[spec.table]) t[spec.table] = {};
  // Every edit writes the life register, so an edit concurrent with a removal shows as a conflict there, except
  // while such a conflict is open: only its resolution settles it (a later edit here must not hide it).
  const live = (row: DocRow) => {
    if (!removalOpen(row)) row[LIFE] = toDocValue(`live:${stamp}`);
  };
  const keepAlive = (table: string, key: string) => {
    const row = t[table]![key];
    if (row) live(row);
  };
  for (const e of edits) {
    const rows = t[e.table]!;
    if (e.gone) {
      // Removing it here settles an open removal conflict as removed: a choice, written over every value.
      if (rows[e.key]) rows[e.key]![LIFE] = toDocValue(`gone:${stamp}`);
      continue;
    }
    if (!rows[e.key]) rows[e.key] = {};
    const row = rows[e.key]!;
    for (const [f, v] of Object.entries(e.set)) row[f] = toDocValue(v);
    live(row);
    const parent = TABLE_BY_NAME.get(e.table)?.parent;
    if (parent) keepAlive(parent.table, String(fromDocValue(row[parent.column])));
  }
}
