import { z } from 'zod';
import { SaktaError } from '../../../shared/errors';
import type { RemovableKind, RemovalImpact, RestoredRecord } from '../../../shared/schemas/record-bin';
import { storedJson } from '../../base/stored-json';
import type { ReadDb, WriteDb } from '../../db/connection';
import type { Write } from '../changes/change-writer';
import type { VaultSession } from '../vault-service';
import { notFound, type CaseWorkContext } from './context';

/** Removed records wait this long for an Undo (or a restore from the trail), then their rows are gone for good. */
export const REMOVED_RECORD_DAYS = 30;

/**
 * One row a removal took, and how it goes back: `insert` re-creates a row that left; `relink` sets one column
 * of a row that stayed but lost its link (a proceeding's sub-proceeding, a rule link's trigger event).
 */
/** The only tables a snapshot may name; restore refuses any other. */
const TABLES = ['proceedings', 'hearings', 'hearing_changes', 'events', 'event_persons', 'deadlines', 'deadline_rule_links', 'notes'] as const;
type Table = (typeof TABLES)[number];

const TakenSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('insert'), table: z.enum(TABLES), row: z.record(z.string(), z.unknown()) }),
  z.object({ op: z.literal('relink'), table: z.enum(TABLES), key: z.string(), keyValue: z.string(), column: z.string(), value: z.string() }),
]);
type Taken = z.output<typeof TakenSchema>;

const TABLE_OF: Record<RemovableKind, Table> = { note: 'notes', event: 'events', hearing: 'hearings', deadline: 'deadlines', proceeding: 'proceedings' };

const rowsWhere = (db: ReadDb, table: Table, column: string, value: string) =>
  db.prepare(`SELECT * FROM ${table} WHERE ${column} = ?`).all(value) as Record<string, unknown>[];
const inserts = (table: Table, rows: Record<string, unknown>[]): Taken[] => rows.map((row) => ({ op: 'insert', table, row }));

interface Removal {
  caseId: string;
  label: string;
  /** In the order they go back in: parents before children. */
  taken: Taken[];
  impact: RemovalImpact;
}

/**
 * Removal that can be undone. A record's rows (and what goes with it) move into `removed_records` inside the
 * same write that records `<kind>.delete`; `restore` puts them back and records `<kind>.restore`. Rows leave
 * their own tables, so every read (lists, calendar, search, bundles) treats a removed record as gone.
 */
export class RecordBin {
  constructor(private readonly ctx: CaseWorkContext) {}

  /** What removing this record would also take away (a proceeding takes its hearings, events and deadlines). */
  impact(kind: RemovableKind, id: string): RemovalImpact {
    return this.collect(this.ctx.read(), kind, id).impact;
  }

  remove(kind: RemovableKind, id: string): RemovalImpact {
    return this.ctx.writer.write((w) => {
      const r = this.collect(w.db, kind, id);
      w.db
        .prepare('INSERT INTO removed_records (id, case_id, entity_type, entity_id, label, rows, removed_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(w.newId(), r.caseId, kind, id, r.label, JSON.stringify(r.taken), w.at);
      // Children first: the parent's row goes last, after everything that points to it has left.
      for (const t of [...r.taken].reverse()) if (t.op === 'insert') this.deleteRow(w.db, t.table, t.row);
      const withIt = { hearings: r.impact.hearings, events: r.impact.events, deadlines: r.impact.deadlines };
      w.record({ action: `${kind}.delete`, entityType: kind, entityId: id, caseId: r.caseId, ...(kind === 'proceeding' ? { detail: { with: withIt } } : {}) });
      this.touchDependents(w, r);
      return r.impact;
    });
  }

  /** Puts back the newest removal of this record, with everything that went with it. */
  restore(id: string): RestoredRecord {
    return this.ctx.writer.write((w) => {
      const saved = w.db.prepare('SELECT * FROM removed_records WHERE entity_id = ? ORDER BY removed_at DESC LIMIT 1').get(id) as
        | { id: string; case_id: string; entity_type: RemovableKind; rows: string }
        | undefined;
      if (!saved) throw new SaktaError('NOT_FOUND', 'There is nothing to restore: that record was not removed, or its 30 days have passed.');
      const taken = storedJson(saved.rows, z.array(TakenSchema), 'removed record');
      try {
        for (const t of taken) this.putBack(w.db, t);
      } catch (e) {
        if (e instanceof SaktaError) throw e;
        // A proceeding or person it pointed to was removed since: restore that first.
        throw new SaktaError('CONFLICT', 'This record cannot come back: something it belongs to was removed since. Restore that first.');
      }
      w.db.prepare('DELETE FROM removed_records WHERE id = ?').run(saved.id);
      w.record({ action: `${saved.entity_type}.restore`, entityType: saved.entity_type, entityId: id, caseId: saved.case_id });
      const impact = countImpact(taken);
      this.touchDependents(w, { caseId: saved.case_id, impact });
      return { entityType: saved.entity_type, id, caseId: saved.case_id };
    });
  }

  /** Names of removed records, for the trail of a record that is no longer in its table. */
  labels(db: ReadDb, ids: string[]): Map<string, string> {
    const out = new Map<string, string>();
    const q = db.prepare('SELECT label FROM removed_records WHERE entity_id = ? ORDER BY removed_at DESC LIMIT 1');
    for (const id of ids) {
      const r = q.get(id) as { label: string } | undefined;
      if (r) out.set(id, r.label);
    }
    return out;
  }

  /** Removals older than 30 days are final: their rows are deleted, so nothing removed lingers in the vault. */
  purgeExpired(session: VaultSession): number {
    const cutoff = new Date(this.ctx.now().getTime() - REMOVED_RECORD_DAYS * 86_400_000).toISOString();
    const due = session.db.prepare('SELECT id, case_id, entity_type, entity_id FROM removed_records WHERE removed_at <= ?').all(cutoff) as {
      id: string;
      case_id: string;
      entity_type: RemovableKind;
      entity_id: string;
    }[];
    if (due.length === 0) return 0;
    this.ctx.writer.write(({ db, record }) => {
      for (const r of due) {
        db.prepare('DELETE FROM removed_records WHERE id = ?').run(r.id);
        record({ action: `${r.entity_type}.purge`, entityType: r.entity_type, entityId: r.entity_id, caseId: r.case_id });
      }
    }, session);
    return due.length;
  }

  private touchDependents(w: Write, r: { caseId: string; impact: RemovalImpact }): void {
    if (r.impact.hearings) w.touched('hearing', r.caseId);
    if (r.impact.events) w.touched('event', r.caseId);
    if (r.impact.deadlines) w.touched('deadline', r.caseId);
  }

  private collect(db: ReadDb, kind: RemovableKind, id: string): Removal {
    const own = db.prepare(`SELECT * FROM ${TABLE_OF[kind]} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    if (!own) throw notFound(kind);
    const caseId = String(own['case_id']);
    const taken: Taken[] = [{ op: 'insert', table: TABLE_OF[kind], row: own }];
    const label = labelOf(kind, own);
    if (kind === 'proceeding') {
      for (const child of rowsWhere(db, 'proceedings', 'parent_id', id)) {
        taken.push({ op: 'relink', table: 'proceedings', key: 'id', keyValue: String(child['id']), column: 'parent_id', value: id });
      }
      for (const h of rowsWhere(db, 'hearings', 'proceeding_id', id)) taken.push(...this.hearingRows(db, h));
      for (const e of rowsWhere(db, 'events', 'proceeding_id', id)) taken.push(...this.eventRows(db, e));
      for (const d of rowsWhere(db, 'deadlines', 'proceeding_id', id)) taken.push(...this.deadlineRows(db, d));
    } else if (kind === 'hearing') taken.splice(0, 1, ...this.hearingRows(db, own));
    else if (kind === 'event') taken.splice(0, 1, ...this.eventRows(db, own));
    else if (kind === 'deadline') taken.splice(0, 1, ...this.deadlineRows(db, own));
    return { caseId, label, taken, impact: countImpact(taken) };
  }

  private hearingRows(db: ReadDb, h: Record<string, unknown>): Taken[] {
    return [...inserts('hearings', [h]), ...inserts('hearing_changes', rowsWhere(db, 'hearing_changes', 'hearing_id', String(h['id'])))];
  }

  private eventRows(db: ReadDb, e: Record<string, unknown>): Taken[] {
    const id = String(e['id']);
    // A deadline counted from this event keeps its link row; only the link to the event is put back.
    const links = rowsWhere(db, 'deadline_rule_links', 'event_id', id).map(
      (l): Taken => ({ op: 'relink', table: 'deadline_rule_links', key: 'deadline_id', keyValue: String(l['deadline_id']), column: 'event_id', value: id }),
    );
    return [...inserts('events', [e]), ...inserts('event_persons', rowsWhere(db, 'event_persons', 'event_id', id)), ...links];
  }

  private deadlineRows(db: ReadDb, d: Record<string, unknown>): Taken[] {
    return [...inserts('deadlines', [d]), ...inserts('deadline_rule_links', rowsWhere(db, 'deadline_rule_links', 'deadline_id', String(d['id'])))];
  }

  private deleteRow(db: WriteDb, table: Table, row: Record<string, unknown>): void {
    if (table === 'event_persons') db.prepare('DELETE FROM event_persons WHERE event_id = ? AND person_id = ?').run(row['event_id'], row['person_id']);
    else if (table === 'deadline_rule_links') db.prepare('DELETE FROM deadline_rule_links WHERE deadline_id = ?').run(row['deadline_id']);
    else db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(row['id']);
  }

  private putBack(db: WriteDb, t: Taken): void {
    if (!(TABLES as readonly string[]).includes(t.table)) throw new SaktaError('INTEGRITY', 'A removed record names an unknown table.');
    const columns = new Set((db.prepare(`SELECT name FROM pragma_table_info(?)`).all(t.table) as { name: string }[]).map((c) => c.name));
    if (t.op === 'relink') {
      if (!columns.has(t.key) || !columns.has(t.column)) throw new SaktaError('INTEGRITY', 'A removed record names an unknown column.');
      db.prepare(`UPDATE ${t.table} SET ${t.column} = ? WHERE ${t.key} = ?`).run(t.value, t.keyValue);
      return;
    }
    const names = Object.keys(t.row);
    if (names.some((n) => !columns.has(n))) throw new SaktaError('INTEGRITY', 'A removed record names an unknown column.');
    db.prepare(`INSERT INTO ${t.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((n) => t.row[n]));
  }
}

function countImpact(taken: Taken[]): RemovalImpact {
  const n = (table: Table) => taken.filter((t) => t.op === 'insert' && t.table === table).length;
  return { hearings: n('hearings'), events: n('events'), deadlines: n('deadlines') };
}

/** A few words naming the record in the trail once it has left its table (the vault is encrypted, as is this). */
function labelOf(kind: RemovableKind, r: Record<string, unknown>): string {
  const s = (k: string) => (typeof r[k] === 'string' && r[k] ? String(r[k]) : '');
  switch (kind) {
    case 'note':
      return s('title') || s('body').slice(0, 60);
    case 'event':
      return s('description').slice(0, 60) || s('type');
    case 'hearing':
      return [s('date'), s('purpose')].filter(Boolean).join(' ');
    case 'deadline':
      return [s('due_on'), s('what')].filter(Boolean).join(' ');
    case 'proceeding':
      return [s('body'), s('reference')].filter(Boolean).join(' ') || s('type');
  }
}
