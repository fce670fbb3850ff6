import {
  CalendarQuerySchema,
  DashboardQuerySchema,
  DeadlineInputSchema,
  DeadlinePatchSchema,
  HearingInputSchema,
  HearingPatchSchema,
  HearingStatusChangeSchema,
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
  type HearingChange,
  type HearingPatch,
  type HearingStatusChange,
} from '../../../shared/schemas/agenda';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { ReadDb, WriteDb } from '../../db/connection';
import { addDays, applyPatch, changedFields, notFound, type CaseWorkContext } from './context';
import { RecordBin } from './record-bin';
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
      const h: Hearing = { id: this.ctx.newId(), ...v, status: 'scheduled', createdAt: at, updatedAt: at };
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

  /** Undoable: the hearing and its history wait in the record bin (`records.restore`). */
  deleteHearing(id: string): void {
    new RecordBin(this.ctx).remove('hearing', id);
  }

  /**
   * Held or cancelled keep the date; adjourned moves the hearing to the new date and it is scheduled again
   * there. Each change keeps a history line with the date it had. Deadlines counted by rule start from timeline
   * events, not hearings (services/deadline-rules), so no deadline moves with an adjournment.
   */
  setHearingStatus(change: HearingStatusChange | unknown): Hearing {
    const c = parseOrThrow(HearingStatusChangeSchema, change, 'hearing status');
    return this.ctx.writer.write(({ db, record, at, newId }) => {
      const before = getHearing(db, c.id);
      const adjourned = c.status === 'adjourned';
      const after: Hearing = {
        ...before,
        status: adjourned ? 'scheduled' : c.status,
        date: adjourned ? c.date! : before.date,
        time: adjourned ? (c.time ?? null) : before.time,
        updatedAt: at,
      };
      db.prepare('UPDATE hearings SET status = @status, date = @date, time = @time, updated_at = @updatedAt WHERE id = @id').run(after);
      db.prepare(
        `INSERT INTO hearing_changes (id, hearing_id, status, from_date, from_time, to_date, to_time, reason, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(newId(), c.id, c.status, before.date, before.time, adjourned ? after.date : null, adjourned ? after.time : null, c.reason, at);
      const fields = adjourned ? ['status', 'date', 'time'] : ['status'];
      record({ action: `hearing.${c.status}`, entityType: 'hearing', entityId: c.id, caseId: before.caseId, detail: { fields } });
      return after;
    });
  }

  /** The history of every hearing of a case, oldest change first. */
  hearingHistory(caseId: string): HearingChange[] {
    const db = this.ctx.read();
    requireCase(db, caseId);
    const rows = db
      .prepare(
        `SELECT hc.* FROM hearing_changes hc JOIN hearings h ON h.id = hc.hearing_id WHERE h.case_id = ? ORDER BY hc.at, hc.rowid`,
      )
      .all(caseId) as { id: string; hearing_id: string; status: HearingChange['status']; from_date: string; from_time: string | null; to_date: string | null; to_time: string | null; reason: string | null; at: string }[];
    return rows.map((r) => ({ id: r.id, hearingId: r.hearing_id, status: r.status, fromDate: r.from_date, fromTime: r.from_time, toDate: r.to_date, toTime: r.to_time, reason: r.reason, at: r.at }));
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

  /** Undoable: the deadline and its rule link wait in the record bin (`records.restore`). */
  deleteDeadline(id: string): void {
    new RecordBin(this.ctx).remove('deadline', id);
  }

  private saveDeadline(db: WriteDb, d: Deadline): void {
    db.prepare(
      `UPDATE deadlines SET due_on = @dueOn, what = @what, proceeding_id = @proceedingId, rule = @rule, done = @doneInt, done_at = @doneAt,
         updated_at = @updatedAt WHERE id = @id`,
    ).run({ ...d, doneInt: d.done ? 1 : 0 });
  }

  // --- across cases -----------------------------------------------------------------------------------

  /**
   * The first screen after unlock: hearings (not cancelled) from today through today + N days, open deadlines due in
   * that window, every overdue open deadline, and the cases changed most recently.
   */
  dashboard(query: DashboardQuery | unknown = {}): Dashboard {
    const q = parseOrThrow(DashboardQuerySchema, query, 'dashboard');
    const db = this.ctx.read();
    const today = this.ctx.today();
    const until = addDays(today, q.days);
    // A cancelled hearing is not coming up: the dashboard leaves it out (the calendar and the case still show it, struck through).
    const hearings = (db.prepare(HEARINGS_BETWEEN).all(today, until) as (HearingRow & WithCase)[]).map(agendaHearing).filter((h) => h.status !== 'cancelled');
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
