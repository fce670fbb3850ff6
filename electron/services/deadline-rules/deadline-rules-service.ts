import { SaktaError } from '../../../shared/errors';
import { addDays, computeDeadline, workingDays, type LocalDay, type WorkingDays } from '../../../shared/deadline-count';
import { shippedRules } from '../../../shared/deadline-rules';
import type { Deadline } from '../../../shared/schemas/agenda';
import {
  AcceptSchema,
  CalendarDayInputSchema,
  ComputeQuerySchema,
  HolidaysQuerySchema,
  ProposeQuerySchema,
  type CalendarDayInput,
  type Computation,
  type HolidayList,
  type Proposals,
  type Rule,
  type RuleLink,
  type RuleSet,
  type RuleView,
  type TriggerAct,
  type WorkCalendar,
} from '../../../shared/schemas/deadline-rules';
import type { CaseEvent } from '../../../shared/schemas/event';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { ReadDb, WriteDb } from '../../db/connection';
import { invalid, notFound, type CaseWorkContext } from '../cases/context';
import type { DeadlineRow } from '../cases/rows';

interface LinkRow {
  deadline_id: string;
  rule_id: string;
  set_version: string;
  event_id: string | null;
  event_day: string | null;
  trigger_on: string;
  trigger_time: string | null;
  computed_due_on: string;
  due_time: string | null;
  edited: number;
  notice_previous: string | null;
  notice_reason: 'trigger' | 'calendar' | null;
  notice_at: string | null;
}

interface Found {
  set: RuleSet;
  rule: Rule;
}

/** "УПК КР (2021 № 129), ст. 154(3)": what the deadline's free-text rule field shows to people and bundles. */
export function citationText(r: Rule): string {
  const a = r.citation.article;
  return /^(art|rule)\b/.test(a) ? `${r.citation.law.en}, ${a}` : `${r.citation.law.ru}, ст. ${a}`;
}

/** Acts a description names outright, so the lawyer who wrote "отказ в возбуждении" is not asked again. */
const ACT_WORDS: [TriggerAct, RegExp][] = [
  ['refusal_to_open_case', /отказ\p{L}*\s+в\s+возбуждени|refus\p{L}*\s+to\s+open/iu],
  ['verdict', /приговор|verdict/iu],
];

/**
 * The deadline domain: shipped procedural rules, the count, proposals for a recorded event, accepted
 * deadlines that remember their rule, and the lawyer's corrections to the working-day calendar.
 * Writes go through the case-work context, so every change lands with its audit entry or not at all.
 */
export class DeadlineRulesService {
  private readonly sets: RuleSet[];
  private readonly calendars: WorkCalendar[];

  constructor(
    private readonly ctx: CaseWorkContext,
    private readonly getEvent: (id: string) => CaseEvent,
  ) {
    const shipped = shippedRules();
    this.sets = shipped.ruleSets;
    this.calendars = shipped.calendars;
  }

  // --- rules and the count ----------------------------------------------------------------------------

  list(): RuleView[] {
    return this.sets.flatMap((set) => set.rules.map((rule) => this.view({ set, rule })));
  }

  /** Needs no open vault (the CLI computes without one); the lawyer's calendar corrections count when one is open. */
  compute(query: unknown, local?: LocalDay[]): { rule: RuleView; computation: Computation } {
    const q = parseOrThrow(ComputeQuerySchema, query, 'deadline computation');
    const found = this.find(q.ruleId);
    return { rule: this.view(found), computation: computeDeadline(found.rule, q.from, q.time, this.daysFor(found.set, local)) };
  }

  // --- proposals --------------------------------------------------------------------------------------

  propose(query: unknown): Proposals {
    const q = parseOrThrow(ProposeQuerySchema, query, 'deadline proposal');
    const event = this.getEvent(q.eventId);
    const candidates = this.list().filter((v) => v.rule.propose && v.rule.trigger.eventTypes.includes(event.type));
    const acts = [...new Set(candidates.map((v) => v.rule.trigger.act))];
    const act = q.act ?? (acts.length === 1 ? acts[0]! : (ACT_WORDS.find(([a, re]) => acts.includes(a) && re.test(event.description))?.[0] ?? null));
    if (q.act && !acts.includes(q.act)) throw invalid('act', 'No rule starts from that act for this kind of event');
    const triggerOn = q.triggerOn ?? (event.date.precision === 'day' ? event.date.date : null);
    const out: Proposals = { eventId: event.id, acts, act, triggerOn, proposals: [] };
    if (!act || !triggerOn) return out;
    const db = this.ctx.read();
    const local = this.localDays(db);
    for (const view of candidates.filter((v) => v.rule.trigger.act === act)) {
      const found = this.find(view.rule.id);
      const accepted = db.prepare('SELECT deadline_id FROM deadline_rule_links WHERE event_id = ? AND rule_id = ?').get(event.id, view.rule.id) as
        | { deadline_id: string }
        | undefined;
      out.proposals.push({
        rule: view,
        computation: computeDeadline(found.rule, triggerOn, event.time, this.daysFor(found.set, local)),
        acceptedDeadlineId: accepted?.deadline_id ?? null,
      });
    }
    return out;
  }

  /** The lawyer accepts a proposal (perhaps with another date): a deadline that remembers its rule. */
  accept(input: unknown): { deadline: Deadline; link: RuleLink } {
    const v = parseOrThrow(AcceptSchema, input, 'deadline');
    const found = this.find(v.ruleId);
    return this.ctx.writer.write(({ db, record, at }) => {
      const event = this.getEvent(v.eventId);
      if (!found.rule.trigger.eventTypes.includes(event.type)) throw invalid('ruleId', 'This rule does not start from this kind of event');
      const dup = db.prepare('SELECT deadline_id FROM deadline_rule_links WHERE event_id = ? AND rule_id = ?').get(event.id, found.rule.id);
      if (dup) throw new SaktaError('CONFLICT', 'This deadline was already accepted for this event.');
      const c = computeDeadline(found.rule, v.triggerOn, event.time, this.daysFor(found.set, this.localDays(db)));
      const dueOn = v.dueOn ?? c.dueOn;
      const d: Deadline = {
        id: this.ctx.newId(),
        caseId: event.caseId,
        dueOn,
        what: v.what ?? found.rule.action.en,
        proceedingId: event.proceedingId,
        rule: citationText(found.rule),
        done: false,
        doneAt: null,
        createdAt: at,
        updatedAt: at,
      };
      db.prepare(
        `INSERT INTO deadlines (id, case_id, due_on, what, proceeding_id, rule, done, done_at, created_at, updated_at)
         VALUES (@id, @caseId, @dueOn, @what, @proceedingId, @rule, 0, NULL, @createdAt, @updatedAt)`,
      ).run(d);
      db.prepare(
        `INSERT INTO deadline_rule_links (deadline_id, rule_id, set_version, event_id, event_day, trigger_on, trigger_time, computed_due_on, due_time, edited)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(d.id, found.rule.id, found.set.version, event.id, event.date.precision === 'day' ? event.date.date : null, v.triggerOn, event.time, c.dueOn, c.dueTime, dueOn === c.dueOn ? 0 : 1);
      record({ action: 'deadline.create', entityType: 'deadline', entityId: d.id, caseId: d.caseId });
      return { deadline: d, link: this.toLink(this.linkRow(db, d.id)!) };
    });
  }

  // --- accepted deadlines -----------------------------------------------------------------------------

  links(caseId: string): RuleLink[] {
    const rows = this.ctx
      .read()
      .prepare('SELECT l.* FROM deadline_rule_links l JOIN deadlines d ON d.id = l.deadline_id WHERE d.case_id = ? ORDER BY d.due_on')
      .all(caseId) as LinkRow[];
    return rows.flatMap((r) => this.toLinkOrSkip(r));
  }

  linksFor(deadlineIds: string[]): RuleLink[] {
    if (!deadlineIds.length) return [];
    const db = this.ctx.read();
    const rows = db.prepare(`SELECT * FROM deadline_rule_links WHERE deadline_id IN (${deadlineIds.map(() => '?').join(',')})`).all(...deadlineIds) as LinkRow[];
    return rows.flatMap((r) => this.toLinkOrSkip(r));
  }

  /** The lawyer has seen that a recount moved the date. */
  acknowledge(deadlineId: string): RuleLink {
    return this.ctx.writer.write(({ db, record }) => {
      const row = this.linkRow(db, deadlineId);
      if (!row) throw notFound('deadline rule');
      db.prepare('UPDATE deadline_rule_links SET notice_previous = NULL, notice_reason = NULL, notice_at = NULL WHERE deadline_id = ?').run(deadlineId);
      const d = db.prepare('SELECT case_id FROM deadlines WHERE id = ?').get(deadlineId) as { case_id: string };
      record({ action: 'deadline.seen', entityType: 'deadline', entityId: deadlineId, caseId: d.case_id, access: true });
      return this.toLink({ ...row, notice_previous: null, notice_reason: null, notice_at: null });
    });
  }

  /**
   * Recounts the deadlines an event started after the event changed (its date moves the trigger by as many
   * days), or every linked deadline after the calendar changed. A deadline whose date the lawyer set by hand
   * keeps it; each one whose computed date moved carries a notice until the lawyer acknowledges it.
   */
  recount(scope: { eventId: string } | 'all', reason: 'trigger' | 'calendar'): number {
    return this.ctx.writer.write(({ db, record, at }) => {
      const rows = (
        scope === 'all'
          ? db.prepare('SELECT * FROM deadline_rule_links').all()
          : db.prepare('SELECT * FROM deadline_rule_links WHERE event_id = ?').all(scope.eventId)
      ) as LinkRow[];
      const local = this.localDays(db);
      let moved = 0;
      for (const row of rows) {
        const found = this.tryFind(row.rule_id);
        if (!found) continue; // a rule withdrawn from the shipped set: the deadline stays as it is
        let triggerOn = row.trigger_on;
        let triggerTime = row.trigger_time;
        let eventDay = row.event_day;
        if (row.event_id) {
          const event = this.getEvent(row.event_id);
          if (event.date.precision === 'day') {
            if (row.event_day && row.event_day !== event.date.date) triggerOn = addDays(row.trigger_on, dayDiff(row.event_day, event.date.date));
            eventDay = event.date.date;
          }
          triggerTime = event.time;
        }
        const c = computeDeadline(found.rule, triggerOn, triggerTime, this.daysFor(found.set, local));
        const changed = c.dueOn !== row.computed_due_on;
        if (!changed && triggerOn === row.trigger_on && triggerTime === row.trigger_time && eventDay === row.event_day) continue;
        db.prepare(
          `UPDATE deadline_rule_links SET trigger_on = ?, trigger_time = ?, event_day = ?, computed_due_on = ?, due_time = ?, set_version = ? WHERE deadline_id = ?`,
        ).run(triggerOn, triggerTime, eventDay, c.dueOn, c.dueTime, found.set.version, row.deadline_id);
        if (!changed) continue;
        const d = db.prepare('SELECT * FROM deadlines WHERE id = ?').get(row.deadline_id) as DeadlineRow;
        db.prepare('UPDATE deadline_rule_links SET notice_previous = ?, notice_reason = ?, notice_at = ? WHERE deadline_id = ?').run(d.due_on, reason, at, row.deadline_id);
        if (!row.edited && d.due_on !== c.dueOn) {
          db.prepare('UPDATE deadlines SET due_on = ?, updated_at = ? WHERE id = ?').run(c.dueOn, at, d.id);
          record({ action: 'deadline.update', entityType: 'deadline', entityId: d.id, caseId: d.case_id, detail: { fields: ['dueOn'] } });
        }
        moved++;
      }
      return moved;
    });
  }

  // --- the working-day calendar -------------------------------------------------------------------------

  holidays(query: unknown, calendarId = 'kg'): HolidayList {
    const q = parseOrThrow(HolidaysQuerySchema, query, 'holidays');
    const cal = this.calendar(calendarId);
    const shippedYear = cal.years.find((y) => y.year === q.year);
    const local = this.localDaysOrNone().filter((d) => d.date.startsWith(`${q.year}-`));
    const days = new Map<string, HolidayList['days'][number]>();
    for (const d of shippedYear?.nonWorking ?? []) days.set(d.date, { ...d, kind: 'non_working', local: false });
    for (const d of shippedYear?.workingWeekendDays ?? []) days.set(d.date, { ...d, kind: 'working_weekend', local: false });
    for (const d of local) {
      const source = { text: 'Entered in this vault', verified: false };
      if (d.kind === 'non_working') days.set(d.date, { date: d.date, name: d.name, source, kind: 'non_working', local: true });
      else days.set(d.date, { date: d.date, name: d.name, source, kind: 'working_weekend', local: true });
    }
    return {
      year: q.year,
      known: !!shippedYear || local.length > 0,
      calendarVersion: cal.version,
      days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
    };
  }

  /** A correction to the calendar (a lunar holiday announced, a decree): saved, then every linked deadline recounted. */
  setDay(input: CalendarDayInput | unknown): { moved: number } {
    const v = parseOrThrow(CalendarDayInputSchema, input, 'calendar day');
    // One write: the correction, its entry and the recount land together (the recount's write joins this one).
    return this.ctx.writer.write(({ db, record, at }) => {
      db.prepare('INSERT OR REPLACE INTO calendar_days (calendar_id, date, kind, name, created_at) VALUES (?, ?, ?, ?, ?)').run(
        'kg',
        v.date,
        v.kind,
        JSON.stringify({ ru: v.name, en: v.name }),
        at,
      );
      record({ action: 'calendar.day', entityType: 'settings', entityId: v.date, caseId: null });
      return { moved: this.recount('all', 'calendar') };
    });
  }

  removeDay(date: string): { moved: number } {
    return this.ctx.writer.write(({ db, record }) => {
      const r = db.prepare("DELETE FROM calendar_days WHERE calendar_id = 'kg' AND date = ?").run(date);
      if (!r.changes) throw notFound('calendar correction');
      record({ action: 'calendar.day', entityType: 'settings', entityId: date, caseId: null });
      return { moved: this.recount('all', 'calendar') };
    });
  }

  /** The vault's corrections, or none when no vault is open (the CLI's `holidays` and `compute` work without one). */
  localDaysOrNone(): LocalDay[] {
    try {
      return this.localDays(this.ctx.read());
    } catch (e) {
      if (e instanceof SaktaError && e.code === 'VAULT_LOCKED') return [];
      throw e;
    }
  }

  // --- internals ---------------------------------------------------------------------------------------

  private localDays(db: ReadDb | WriteDb): LocalDay[] {
    const rows = db.prepare("SELECT date, kind, name FROM calendar_days WHERE calendar_id = 'kg' ORDER BY date").all() as { date: string; kind: LocalDay['kind']; name: string }[];
    return rows.map((r) => ({ date: r.date, kind: r.kind, name: JSON.parse(r.name) as LocalDay['name'] }));
  }

  private calendar(id: string): WorkCalendar {
    const c = this.calendars.find((x) => x.id === id);
    if (!c) throw notFound('calendar');
    return c;
  }

  private daysFor(set: RuleSet, local: LocalDay[] = []): WorkingDays | null {
    return set.calendar ? workingDays(this.calendar(set.calendar), local) : null;
  }

  private tryFind(ruleId: string): Found | null {
    for (const set of this.sets) {
      const rule = set.rules.find((r) => r.id === ruleId);
      if (rule) return { set, rule };
    }
    return null;
  }

  private find(ruleId: string): Found {
    const f = this.tryFind(ruleId);
    if (!f) throw new SaktaError('NOT_FOUND', `No rule "${ruleId}" (see sakta rules list).`);
    return f;
  }

  private view({ set, rule }: Found): RuleView {
    return { setId: set.id, setVersion: set.version, setTitle: set.title, rule };
  }

  private linkRow(db: ReadDb | WriteDb, deadlineId: string): LinkRow | undefined {
    return db.prepare('SELECT * FROM deadline_rule_links WHERE deadline_id = ?').get(deadlineId) as LinkRow | undefined;
  }

  private toLinkOrSkip(r: LinkRow): RuleLink[] {
    return this.tryFind(r.rule_id) ? [this.toLink(r)] : [];
  }

  private toLink(r: LinkRow): RuleLink {
    const { rule } = this.find(r.rule_id);
    return {
      deadlineId: r.deadline_id,
      ruleId: r.rule_id,
      setVersion: r.set_version,
      eventId: r.event_id,
      triggerOn: r.trigger_on,
      triggerTime: r.trigger_time,
      computedDueOn: r.computed_due_on,
      dueTime: r.due_time,
      edited: r.edited === 1,
      citation: rule.citation,
      title: rule.title,
      notice: r.notice_previous && r.notice_reason && r.notice_at ? { previousDueOn: r.notice_previous, reason: r.notice_reason, at: r.notice_at } : null,
    };
  }
}

const dayDiff = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

