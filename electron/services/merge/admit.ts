import { z } from 'zod';
import { StoredCourtNumbers, StoredStrings } from '../../base/stored-json';
import { PartialDateSchema } from '../../../shared/schemas/partial-date';
import { ContactSchema } from '../../../shared/schemas/person';
import type { ReadDb } from '../../db/connection';
import { rowKey, TABLE_BY_NAME, type SyncedRow, type TableSpec } from './tables';
import { prep } from '../../db/statements';

/**
 * What a received change may do to this vault's rows. A member holds the case key and signs its own changes, so
 * the document can say anything; the rows of this vault take only what belongs to the shared case: a row is
 * written or removed only when it is (and stays) a row of that case, and only with values the vault's readers
 * can read. Anything else is left out of the rows (the document keeps it, the trail names who sent it).
 */

/** Columns stored as JSON text, with the shape every reader of them expects. */
const JSON_COLUMNS: Record<string, Record<string, z.ZodType>> = {
  cases: { court_numbers: StoredCourtNumbers, tags: StoredStrings },
  persons: { birth: PartialDateSchema.nullable(), death: PartialDateSchema.nullable(), contacts: z.array(ContactSchema) },
  events: { date: PartialDateSchema },
  documents: { tags: StoredStrings, doc_date: PartialDateSchema.nullable() },
};

const keyMatch = (spec: TableSpec) => spec.key.map((k) => `${k} = @${k}`).join(' AND ');
const keyValues = (spec: TableSpec, key: string) => Object.fromEntries(spec.key.map((k, i) => [k, key.split('|')[i]]));

function validJson(spec: TableSpec, values: SyncedRow): boolean {
  for (const [column, schema] of Object.entries(JSON_COLUMNS[spec.table] ?? {})) {
    const v = values[column];
    if (v === null || v === undefined) {
      if (!schema.safeParse(null).success) return false;
      continue;
    }
    try {
      if (!schema.safeParse(JSON.parse(String(v))).success) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** The row with this key is in the vault, whichever case holds it. */
function existsHere(db: ReadDb, spec: TableSpec, key: string): boolean {
  return !!prep(db, `SELECT 1 FROM ${spec.table} WHERE ${keyMatch(spec)}`).get(keyValues(spec, key));
}

/** The row with this key is one of the case's rows here (for persons: one the case names). */
export function inCase(db: ReadDb, spec: TableSpec, key: string, caseId: string): boolean {
  return !!prep(db, `SELECT 1 FROM (${spec.select}) WHERE ${keyMatch(spec)}`).get({ ...keyValues(spec, key), c: caseId });
}

const caseOf = (db: ReadDb, table: string, id: unknown) => prep(db, `SELECT case_id FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined;

/** A received row of the case (`key` in the document) may be written here with `values`. */
export function mayWrite(db: ReadDb, spec: TableSpec, key: string, values: SyncedRow, caseId: string): boolean {
  if (rowKey(spec, values) !== key) return false;
  if (!validJson(spec, values)) return false;
  if (spec.table === 'cases') return key === caseId;
  // An existing row of another case (or a person only other cases name) is not this case's to edit or take over.
  if (existsHere(db, spec, key) && !inCase(db, spec, key, caseId)) return false;
  if (spec.fields.includes('case_id') && values.case_id !== caseId) return false;
  if (spec.parent && caseOf(db, spec.parent.table, values[spec.parent.column]) !== caseId) return false;
  // Persons a row names must exist (they are written before it); a missing one would fail the whole write.
  for (const column of ['person_id'] as const) {
    if (spec.fields.includes(column) && !prep(db, 'SELECT 1 FROM persons WHERE id = ?').get(values[column])) return false;
  }
  return true;
}

/** A received removal may remove the row here: only a row of the case. */
export function mayRemove(db: ReadDb, spec: TableSpec, key: string, caseId: string): boolean {
  return inCase(db, spec, key, caseId);
}

/** A reference a received row makes stays only if the row it names is here and, when that row has a case, in this case. */
export function refHolds(db: ReadDb, table: string, id: unknown, caseId: string): boolean {
  const spec = TABLE_BY_NAME.get(table);
  if (!prep(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(id)) return false;
  return !spec?.fields.includes('case_id') || caseOf(db, table, id) === caseId;
}

/** A document's stored file is not another case's: a member must not point the shared case at a file it never sent. */
export function blobIsOthers(db: ReadDb, blobId: unknown, caseId: string): boolean {
  return !!prep(db, 'SELECT 1 FROM documents WHERE blob_id = ? AND case_id <> ?').get(blobId, caseId);
}
