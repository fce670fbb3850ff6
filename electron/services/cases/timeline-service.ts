import { partialDateBounds, partialDateSortKey } from '../../../shared/partial-date';
import {
  EventInputSchema,
  EventListQuerySchema,
  EventPatchSchema,
  type CaseEvent,
  type EventInput,
  type EventPatch,
} from '../../../shared/schemas/event';
import {
  ProceedingInputSchema,
  ProceedingPatchSchema,
  type Proceeding,
  type ProceedingInput,
  type ProceedingPatch,
} from '../../../shared/schemas/proceeding';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { ReadDb, WriteDb } from '../../db/connection';
import { applyPatch, changedFields, invalid, notFound, type CaseWorkContext } from './context';
import { RecordBin } from './record-bin';
import { requireCase, requirePerson, requireProceeding } from './refs';
import { EVENT_SELECT, toEvent, toProceeding, type EventRow, type ProceedingRow } from './rows';

const PROCEEDING_FIELDS: (keyof Proceeding)[] = ['type', 'body', 'reference', 'status', 'outcome', 'startedOn', 'endedOn', 'parentId'];
const EVENT_FIELDS: (keyof CaseEvent)[] = ['date', 'time', 'type', 'place', 'description', 'personIds', 'proceedingId'];

function getProceeding(db: ReadDb, id: string): Proceeding {
  const row = db.prepare('SELECT * FROM proceedings WHERE id = ?').get(id) as ProceedingRow | undefined;
  if (!row) throw notFound('proceeding');
  return toProceeding(row);
}

function getEvent(db: ReadDb, id: string): CaseEvent {
  const row = db.prepare(`${EVENT_SELECT} WHERE e.id = ?`).get(id) as EventRow | undefined;
  if (!row) throw notFound('event');
  return toEvent(row);
}

/** Proceedings (the chain of bodies a case passes through) and the timeline of events. */
export class TimelineService {
  constructor(private readonly ctx: CaseWorkContext) {}

  // --- proceedings ------------------------------------------------------------------------------

  listProceedings(caseId: string): Proceeding[] {
    const db = this.ctx.read();
    requireCase(db, caseId);
    return proceedingsOf(db, caseId);
  }

  getProceeding(id: string): Proceeding {
    return getProceeding(this.ctx.read(), id);
  }

  createProceeding(input: ProceedingInput | unknown): Proceeding {
    const v = parseOrThrow(ProceedingInputSchema, input, 'proceeding');
    return this.ctx.writer.write(({ db, record, at }) => {
      requireCase(db, v.caseId);
      const p: Proceeding = { id: this.ctx.newId(), ...v, createdAt: at, updatedAt: at };
      this.checkProceeding(db, p);
      db.prepare(
        `INSERT INTO proceedings (id, case_id, type, body, reference, status, outcome, started_on, ended_on, parent_id, created_at, updated_at)
         VALUES (@id, @caseId, @type, @body, @reference, @status, @outcome, @startedOn, @endedOn, @parentId, @createdAt, @updatedAt)`,
      ).run(p);
      record({ action: 'proceeding.create', entityType: 'proceeding', entityId: p.id, caseId: p.caseId });
      return p;
    });
  }

  updateProceeding(id: string, patch: ProceedingPatch | unknown): Proceeding {
    const v = parseOrThrow(ProceedingPatchSchema, patch, 'proceeding');
    return this.ctx.writer.write(({ db, record, at }) => {
      const before = getProceeding(db, id);
      const after = applyPatch(before, v as Partial<Proceeding>);
      const fields = changedFields(before, after, PROCEEDING_FIELDS);
      if (!fields.length) return before;
      after.updatedAt = at;
      this.checkProceeding(db, after);
      db.prepare(
        `UPDATE proceedings SET type = @type, body = @body, reference = @reference, status = @status, outcome = @outcome,
           started_on = @startedOn, ended_on = @endedOn, parent_id = @parentId, updated_at = @updatedAt WHERE id = @id`,
      ).run(after);
      record({ action: 'proceeding.update', entityType: 'proceeding', entityId: id, caseId: after.caseId, detail: { fields } });
      return after;
    });
  }

  /**
   * Undoable. The hearings, events and deadlines linked to it go with it (the form says how many first);
   * proceedings that came from it lose their parent until an Undo puts it back.
   */
  deleteProceeding(id: string): void {
    new RecordBin(this.ctx).remove('proceeding', id);
  }

  private checkProceeding(db: WriteDb, p: Proceeding): void {
    if (p.startedOn && p.endedOn && p.endedOn < p.startedOn) throw invalid('endedOn', 'The end is before the start');
    if (!p.parentId) return;
    if (p.parentId === p.id) throw invalid('parentId', 'A proceeding cannot come from itself');
    requireProceeding(db, p.parentId, p.caseId, 'parentId');
    // Walk up from the new parent: meeting this proceeding again would make the chain a loop.
    const parentOf = db.prepare('SELECT parent_id FROM proceedings WHERE id = ?').pluck();
    let cursor: string | null = p.parentId;
    for (let hops = 0; cursor && hops < 10_000; hops++) {
      if (cursor === p.id) throw invalid('parentId', 'That would make the chain of proceedings a loop');
      cursor = (parentOf.get(cursor) as string | null | undefined) ?? null;
    }
  }

  // --- events -------------------------------------------------------------------------------------

  /** The timeline, in chronological order (see partialDateSortKey), optionally by type or person. */
  listEvents(query: unknown): CaseEvent[] {
    const q = parseOrThrow(EventListQuerySchema, query, 'timeline filter');
    const db = this.ctx.read();
    requireCase(db, q.caseId);
    const where = ['e.case_id = ?'];
    const args: unknown[] = [q.caseId];
    if (q.types?.length) (where.push(`e.type IN (${q.types.map(() => '?').join(',')})`), args.push(...q.types));
    if (q.personId) (where.push('EXISTS (SELECT 1 FROM event_persons x WHERE x.event_id = e.id AND x.person_id = ?)'), args.push(q.personId));
    const rows = db.prepare(`${EVENT_SELECT} WHERE ${where.join(' AND ')} ORDER BY e.sort_key, e.created_at`).all(...args) as EventRow[];
    return rows.map(toEvent);
  }

  getEvent(id: string): CaseEvent {
    return getEvent(this.ctx.read(), id);
  }

  createEvent(input: EventInput | unknown): CaseEvent {
    const v = parseOrThrow(EventInputSchema, input, 'event');
    const { documentIds, ...fields } = v;
    return this.ctx.writer.write(({ db, record, touched, at }) => {
      requireCase(db, v.caseId);
      const e: CaseEvent = { id: this.ctx.newId(), ...fields, personIds: [...new Set(v.personIds)], sortKey: partialDateSortKey(v.date, v.time), createdAt: at, updatedAt: at };
      this.checkEvent(db, e);
      const b = partialDateBounds(e.date);
      db.prepare(
        `INSERT INTO events (id, case_id, date, sort_key, earliest, latest, time, type, place, description, proceeding_id, created_at, updated_at)
         VALUES (@id, @caseId, @dateJson, @sortKey, @earliest, @latest, @time, @type, @place, @description, @proceedingId, @createdAt, @updatedAt)`,
      ).run({ ...e, dateJson: JSON.stringify(e.date), earliest: b.earliest, latest: b.latest });
      this.writePersons(db, e);
      if (documentIds.length) {
        const inCase = db.prepare('SELECT 1 FROM documents WHERE id = ? AND case_id = ? AND deleted_at IS NULL');
        const link = db.prepare("INSERT OR IGNORE INTO document_links (document_id, target_type, target_id) VALUES (?, 'event', ?)");
        for (const d of new Set(documentIds)) {
          if (!inCase.get(d, e.caseId)) throw invalid('documentIds', 'Not a document of this case');
          link.run(d, e.id);
        }
        // The documents now show the event (and its deadlines) too.
        touched('document', e.caseId);
      }
      record({ action: 'event.create', entityType: 'event', entityId: e.id, caseId: e.caseId, ...(documentIds.length ? { detail: { fields: ['documentIds'] } } : {}) });
      return e;
    });
  }

  updateEvent(id: string, patch: EventPatch | unknown): CaseEvent {
    const v = parseOrThrow(EventPatchSchema, patch, 'event');
    return this.ctx.writer.write(({ db, record, at }) => {
      const before = getEvent(db, id);
      const after = applyPatch(before, { ...v, personIds: v.personIds ? [...new Set(v.personIds)] : undefined } as Partial<CaseEvent>);
      const fields = changedFields(before, after, EVENT_FIELDS);
      if (!fields.length) return before;
      after.updatedAt = at;
      after.sortKey = partialDateSortKey(after.date, after.time);
      this.checkEvent(db, after);
      const b = partialDateBounds(after.date);
      db.prepare(
        `UPDATE events SET date = @dateJson, sort_key = @sortKey, earliest = @earliest, latest = @latest, time = @time, type = @type,
           place = @place, description = @description, proceeding_id = @proceedingId, updated_at = @updatedAt WHERE id = @id`,
      ).run({ ...after, dateJson: JSON.stringify(after.date), earliest: b.earliest, latest: b.latest });
      this.writePersons(db, after);
      record({ action: 'event.update', entityType: 'event', entityId: id, caseId: after.caseId, detail: { fields } });
      return after;
    });
  }

  /** Undoable: the event waits in the record bin (`records.restore`). */
  deleteEvent(id: string): void {
    new RecordBin(this.ctx).remove('event', id);
  }


  private checkEvent(db: WriteDb, e: CaseEvent): void {
    e.personIds.forEach((pid, i) => requirePerson(db, pid, `personIds.${i}`));
    if (e.proceedingId) requireProceeding(db, e.proceedingId, e.caseId);
  }

  private writePersons(db: WriteDb, e: CaseEvent): void {
    db.prepare('DELETE FROM event_persons WHERE event_id = ?').run(e.id);
    const ins = db.prepare('INSERT INTO event_persons (event_id, person_id, position) VALUES (?, ?, ?)');
    e.personIds.forEach((pid, i) => ins.run(e.id, pid, i));
  }
}

/** A case's proceedings, parents before the proceedings that came from them, then by start date. */
export function proceedingsOf(db: ReadDb, caseId: string): Proceeding[] {
  const all = (db.prepare('SELECT * FROM proceedings WHERE case_id = ? ORDER BY started_on IS NULL, started_on, created_at').all(caseId) as ProceedingRow[]).map(
    toProceeding,
  );
  const byParent = new Map<string | null, Proceeding[]>();
  const ids = new Set(all.map((p) => p.id));
  for (const p of all) {
    const key = p.parentId && ids.has(p.parentId) ? p.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), p]);
  }
  const out: Proceeding[] = [];
  const visit = (parent: string | null) => {
    for (const p of byParent.get(parent) ?? []) {
      out.push(p);
      visit(p.id);
    }
  };
  visit(null);
  return out;
}
