import {
  CalendarQuerySchema,
  DashboardQuerySchema,
  DeadlineInputSchema,
  DeadlinePatchSchema,
  HearingInputSchema,
  HearingPatchSchema,
  type AgendaDeadline,
  type AgendaHearing,
  type Calendar,
  type Dashboard,
  type DashboardQuery,
  type Deadline,
  type DeadlineInput,
  type DeadlinePatch,
  type Hearing,
  type HearingInput,
  type HearingPatch,
} from '../../../shared/schemas/agenda';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { ReadDb, WriteDb } from '../../db/connection';
import { addDays, applyPatch, changedFields, notFound, type CaseWorkContext } from './context';
import { requireCase, requirePerson, requireProceeding } from './refs';
import { CASE_SUMMARY_COLUMNS, toCaseSummary, toDeadline, toHearing, type CaseRow, type DeadlineRow, type HearingRow } from './rows';

const HEARING_FIELDS: (keyof Hearing)[] = ['date', 'time', 'body', 'room', 'judgePersonId', 'proceedingId', 'purpose', 'outcome'];
const DEADLINE_FIELDS: (keyof Deadline)[] = ['dueOn', 'what', 'proceedingId', 'rule', 'done'];

function getHearing(db: ReadDb, id: string): Hearing {
  const row = db.prepare('SELECT * FROM hearings WHERE id = ?').get(id) as HearingRow | undefined;
  if (!row) throw notFound('hearing');
  return toHearing(row);
}

function getDeadline(db: ReadDb, id: string): Deadline {
  const row = db.prepare('SELECT * FROM deadlines WHERE id = ?').get(id) as DeadlineRow | undefined;
  if (!row) throw notFound('deadline');
  return toDeadline(row);
}

type WithCase = { case_title: string; case_ref: string | null };
const agendaHearing = (r: HearingRow & WithCase): AgendaHearing => ({ ...toHearing(r), caseTitle: r.case_title, caseRef: r.case_ref });
const agendaDeadline = (r: DeadlineRow & WithCase): AgendaDeadline => ({ ...toDeadline(r), caseTitle: r.case_title, caseRef: r.case_ref });

const HEARINGS_BETWEEN = `SELECT h.*, c.title AS case_title, c.internal_ref AS case_ref FROM hearings h JOIN cases c ON c.id = h.case_id
  WHERE h.date BETWEEN ? AND ? ORDER BY h.date, h.time IS NULL, h.time, c.title_fold`;
const DEADLINES_SELECT = `SELECT d.*, c.title AS case_title, c.internal_ref AS case_ref FROM deadlines d JOIN cases c ON c.id = d.case_id`;

/** Hearings, deadlines, and the views across cases: the dashboard and the calendar. */
export class AgendaService {
  constructor(private readonly ctx: CaseWorkContext) {}

  // --- hearings -------------------------------------------------------------------------------------

  listHearings(caseId: string): Hearing[] {
    const db = this.ctx.read();
    requireCase(db, caseId);
    return (db.prepare('SELECT * FROM hearings WHERE case_id = ? ORDER BY date, time IS NULL, time').all(caseId) as HearingRow[]).map(toHearing);
  }

  getHearing(id: string): Hearing {
    return getHearing(this.ctx.read(), id);
  }

  createHearing(input: HearingInput | unknown): Hearing {
    const v = parseOrThrow(HearingInputSchema, input, 'hearing');
    return this.ctx.writer.write(({ db, record, at }) => {
      requireCase(db, v.caseId);
      const h: Hearing = { id: this.ctx.newId(), ...v, createdAt: at, updatedAt: at };
      this.checkHearing(db, h);
      db.prepare(
        `INSERT INTO hearings (id, case_id, date, time, body, room, judge_person_id, proceeding_id, purpose, outcome, created_at, updated_at)
         VALUES (@id, @caseId, @date, @time, @body, @room, @judgePersonId, @proceedingId, @purpose, @outcome, @createdAt, @updatedAt)`,
      ).run(h);
      record({ action: 'hearing.create', entityType: 'hearing', entityId: h.id, caseId: h.caseId });
      return h;
    });
  }

  updateHearing(id: string, patch: HearingPatch | unknown): Hearing {
    const v = parseOrThrow(HearingPatchSchema, patch, 'hearing');
    return this.ctx.writer.write(({ db, record, at }) => {
      const before = getHearing(db, id);
      const after = applyPatch(before, v as Partial<Hearing>);
      const fields = changedFields(before, after, HEARING_FIELDS);
      if (!fields.length) return before;
      after.updatedAt = at;
      this.checkHearing(db, after);
      db.prepare(
        `UPDATE hearings SET date = @date, time = @time, body = @body, room = @room, judge_person_id = @judgePersonId,
           proceeding_id = @proceedingId, purpose = @purpose, outcome = @outcome, updated_at = @updatedAt WHERE id = @id`,
      ).run(after);
      record({ action: 'hearing.update', entityType: 'hearing', entityId: id, caseId: after.caseId, detail: { fields } });
      return after;
    });
  }

  deleteHearing(id: string): void {
    this.ctx.writer.write(({ db, record }) => {
      const h = getHearing(db, id);
      db.prepare('DELETE FROM hearings WHERE id = ?').run(id);
      record({ action: 'hearing.delete', entityType: 'hearing', entityId: id, caseId: h.caseId });
    });
  }

  private checkHearing(db: WriteDb, h: Hearing): void {
    if (h.judgePersonId) requirePerson(db, h.judgePersonId, 'judgePersonId');
    if (h.proceedingId) requireProceeding(db, h.proceedingId, h.caseId);
  }

  // --- deadlines ------------------------------------------------------------------------------------

  listDeadlines(caseId: string): Deadline[] {
    const db = this.ctx.read();
    requireCase(db, caseId);
    return (db.prepare('SELECT * FROM deadlines WHERE case_id = ? ORDER BY done, due_on').all(caseId) as DeadlineRow[]).map(toDeadline);
  }

  getDeadline(id: string): Deadline {
    return getDeadline(this.ctx.read(), id);
  }

  /** A due date before the case was opened is allowed: deadlines are often inherited from earlier counsel. */
  createDeadline(input: DeadlineInput | unknown): Deadline {
    const v = parseOrThrow(DeadlineInputSchema, input, 'deadline');
    return this.ctx.writer.write(({ db, record, at }) => {
      requireCase(db, v.caseId);
      if (v.proceedingId) requireProceeding(db, v.proceedingId, v.caseId);
      const d: Deadline = { id: this.ctx.newId(), ...v, done: false, doneAt: null, createdAt: at, updatedAt: at };
      db.prepare(
        `INSERT INTO deadlines (id, case_id, due_on, what, proceeding_id, rule, done, done_at, created_at, updated_at)
         VALUES (@id, @caseId, @dueOn, @what, @proceedingId, @rule, 0, NULL, @createdAt, @updatedAt)`,
      ).run(d);
      record({ action: 'deadline.create', entityType: 'deadline', entityId: d.id, caseId: d.caseId });
      return d;
    });
  }

  updateDeadline(id: string, patch: DeadlinePatch | unknown): Deadline {
    const v = parseOrThrow(DeadlinePatchSchema, patch, 'deadline');
    return this.ctx.writer.write(({ db, record, at }) => {
      const before = getDeadline(db, id);
      const after = applyPatch(before, v as Partial<Deadline>);
      const fields = changedFields(before, after, DEADLINE_FIELDS);
      if (!fields.length) return before;
      if (after.proceedingId) requireProceeding(db, after.proceedingId, after.caseId);
      after.updatedAt = at;
      this.saveDeadline(db, after);
      record({ action: 'deadline.update', entityType: 'deadline', entityId: id, caseId: after.caseId, detail: { fields } });
      return after;
    });
  }

  setDeadlineDone(id: string, done: boolean): Deadline {
    return this.ctx.writer.write(({ db, record, at }) => {
      const before = getDeadline(db, id);
      if (before.done === done) return before;
      const after: Deadline = { ...before, done, doneAt: done ? at : null, updatedAt: at };
      this.saveDeadline(db, after);
      record({ action: done ? 'deadline.done' : 'deadline.reopen', entityType: 'deadline', entityId: id, caseId: after.caseId, detail: { fields: ['done'] } });
      return after;
    });
  }

  deleteDeadline(id: string): void {
    this.ctx.writer.write(({ db, record }) => {
      const d = getDeadline(db, id);
      db.prepare('DELETE FROM deadlines WHERE id = ?').run(id);
      record({ action: 'deadline.delete', entityType: 'deadline', entityId: id, caseId: d.caseId });
    });
  }

  private saveDeadline(db: WriteDb, d: Deadline): void {
    db.prepare(
      `UPDATE deadlines SET due_on = @dueOn, what = @what, proceeding_id = @proceedingId, rule = @rule, done = @doneInt, done_at = @doneAt,
         updated_at = @updatedAt WHERE id = @id`,
    ).run({ ...d, doneInt: d.done ? 1 : 0 });
  }

  // --- across cases -----------------------------------------------------------------------------------

  /**
   * The first screen after unlock: hearings from today through today + N days, open deadlines due in
   * that window, every overdue open deadline, and the cases changed most recently.
   */
  dashboard(query: DashboardQuery | unknown = {}): Dashboard {
    const q = parseOrThrow(DashboardQuerySchema, query, 'dashboard');
    const db = this.ctx.read();
    const today = this.ctx.today();
    const until = addDays(today, q.days);
    const hearings = (db.prepare(HEARINGS_BETWEEN).all(today, until) as (HearingRow & WithCase)[]).map(agendaHearing);
    const dueSoon = (db.prepare(`${DEADLINES_SELECT} WHERE d.done = 0 AND d.due_on BETWEEN ? AND ? ORDER BY d.due_on, c.title_fold`).all(today, until) as (DeadlineRow &
      WithCase)[]).map(agendaDeadline);
    const overdue = (db.prepare(`${DEADLINES_SELECT} WHERE d.done = 0 AND d.due_on < ? ORDER BY d.due_on, c.title_fold`).all(today) as (DeadlineRow & WithCase)[]).map(
      agendaDeadline,
    );
    const recent = db.prepare(`SELECT ${CASE_SUMMARY_COLUMNS} FROM cases c ORDER BY c.updated_at DESC LIMIT ?`).all(q.recentLimit) as Omit<CaseRow, 'summary'>[];
    return { today, days: q.days, hearings, dueSoon, overdue, recentCases: recent.map(toCaseSummary) };
  }

  /** Hearings and deadlines of all cases between two days, inclusive (month and agenda views). */
  calendar(query: unknown): Calendar {
    const q = parseOrThrow(CalendarQuerySchema, query, 'calendar range');
    const db = this.ctx.read();
    const hearings = (db.prepare(HEARINGS_BETWEEN).all(q.from, q.to) as (HearingRow & WithCase)[]).map(agendaHearing);
    const deadlines = (
      db.prepare(`${DEADLINES_SELECT} WHERE d.due_on BETWEEN ? AND ? ${q.includeDone ? '' : 'AND d.done = 0'} ORDER BY d.due_on, c.title_fold`).all(q.from, q.to) as (DeadlineRow &
        WithCase)[]
    ).map(agendaDeadline);
    return { from: q.from, to: q.to, hearings, deadlines };
  }

  /** For the case overview: the next hearing from today and the open deadlines. */
  nextFor(db: ReadDb, caseId: string, today: string): { nextHearing: Hearing | null; openDeadlines: Deadline[] } {
    const h = db.prepare('SELECT * FROM hearings WHERE case_id = ? AND date >= ? ORDER BY date, time IS NULL, time LIMIT 1').get(caseId, today) as HearingRow | undefined;
    const d = db.prepare('SELECT * FROM deadlines WHERE case_id = ? AND done = 0 ORDER BY due_on').all(caseId) as DeadlineRow[];
    return { nextHearing: h ? toHearing(h) : null, openDeadlines: d.map(toDeadline) };
  }
}
