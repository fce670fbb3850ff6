import type { AuditEntryView } from '../../../shared/schemas/common';
import type { ReadDb } from '../../db/connection';
import type { RecordBin } from './record-bin';

/**
 * A short name for each record a page of the trail is about ("Opening statement", "2026-03-12 Preliminary hearing"),
 * read from the records themselves at the time of reading: the hash-chained log keeps ids, not names, and a
 * renamed record reads with its current name. A removed record is named from the record bin.
 */
const NAME_SQL: Record<string, string> = {
  document: 'SELECT title AS name FROM documents WHERE id = ?',
  note: `SELECT COALESCE(NULLIF(title, ''), substr(body, 1, 60)) AS name FROM notes WHERE id = ?`,
  hearing: `SELECT trim(date || ' ' || COALESCE(purpose, '')) AS name FROM hearings WHERE id = ?`,
  deadline: `SELECT trim(due_on || ' ' || what) AS name FROM deadlines WHERE id = ?`,
  event: `SELECT COALESCE(NULLIF(substr(description, 1, 60), ''), type) AS name FROM events WHERE id = ?`,
  proceeding: `SELECT COALESCE(NULLIF(trim(COALESCE(body, '') || ' ' || COALESCE(reference, '')), ''), type) AS name FROM proceedings WHERE id = ?`,
  person: 'SELECT name FROM persons WHERE id = ?',
  bundle_definition: 'SELECT name FROM bundle_definitions WHERE id = ?',
};

export function recordNames(db: ReadDb, bin: RecordBin, entries: AuditEntryView[]): Record<string, string> {
  const names: Record<string, string> = {};
  const missing: string[] = [];
  for (const e of entries) {
    if (!e.entityId || e.entityId in names || e.entityType === 'case') continue;
    const sql = NAME_SQL[e.entityType];
    if (!sql) continue;
    const row = db.prepare(sql).get(e.entityId) as { name: string | null } | undefined;
    if (row?.name) names[e.entityId] = row.name;
    else missing.push(e.entityId);
  }
  for (const [id, label] of bin.labels(db, missing)) if (label) names[id] = label;
  return names;
}
