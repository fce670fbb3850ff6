import { foldForSearch, likeContains } from '../../../shared/search-fold';
import { CASE_EXPORT_VERSION, CaseExportSchema, type CaseExport } from '../../../shared/schemas/case-export';
import { QuickSwitchQuerySchema, type CaseOverview, type QuickSwitchItem } from '../../../shared/schemas/case-overview';
import { parseOrThrow } from '../../../shared/zod-fields';
import { caseDocumentsForExport } from '../documents/export-records';
import type { AgendaService } from './agenda-service';
import { getCaseRow } from './case-service';
import type { CaseWorkContext } from './context';
import type { PersonService } from './person-service';
import { EVENT_SELECT, toCategory, toDeadline, toEvent, toHearing, toNote, toPerson, toRole, type CategoryRow, type DeadlineRow, type EventRow, type HearingRow, type NoteRow, type PersonRow, type RoleRow } from './rows';
import { proceedingsOf } from './timeline-service';
import { StoredCourtNumbers, StoredStrings, storedJson } from '../../base/stored-json';

/** A few words of a note's text around what matched, so the lawyer sees why it came up. */
function noteExcerpt(body: string, needle: string): string | null {
  const flat = body.replace(/\s+/g, ' ');
  const at = foldForSearch(flat).indexOf(needle);
  if (at < 0) return null;
  const start = Math.max(0, at - 30);
  return `${start > 0 ? '…' : ''}${flat.slice(start, at + needle.length + 50).trim()}${at + needle.length + 50 < flat.length ? '…' : ''}`;
}

/** Read-only views that combine several record types: the case overview, the quick switcher, the export. */
export class CaseViews {
  constructor(
    private readonly ctx: CaseWorkContext,
    private readonly persons: PersonService,
    private readonly agenda: AgendaService,
  ) {}

  overview(caseId: string): CaseOverview {
    const db = this.ctx.read();
    const c = getCaseRow(db, caseId);
    const today = this.ctx.today();
    const category = c.categoryId ? (db.prepare('SELECT * FROM categories WHERE id = ?').get(c.categoryId) as CategoryRow | undefined) : undefined;
    const proceedings = proceedingsOf(db, caseId);
    const live = proceedings
      .filter((p) => p.status === 'active' || p.status === 'planned' || p.status === 'suspended')
      .sort((a, b) => (b.startedOn ?? '').localeCompare(a.startedOn ?? '') || b.createdAt.localeCompare(a.createdAt));
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE case_id = ?`).get(caseId) as { n: number }).n;
    return {
      case: c,
      category: category ? toCategory(category) : null,
      parties: this.persons.parties(db, caseId, today),
      proceedings,
      currentProceeding: live[0] ?? null,
      ...this.agenda.nextFor(db, caseId, today),
      counts: { events: count('events'), hearings: count('hearings'), deadlines: count('deadlines'), notes: count('notes') },
    };
  }

  /**
   * Ctrl/Cmd+K: cases by title, reference or court number; people by name; documents by title, exhibit
   * number, file name or tag; proceedings by reference or body; notes by title or text. Case-insensitive in
   * any script. Each kind gets a few places so one busy kind cannot push the others out of the list.
   */
  quickSwitch(query: unknown): QuickSwitchItem[] {
    const q = parseOrThrow(QuickSwitchQuerySchema, query, 'search');
    const needle = foldForSearch(q.query);
    if (!needle) return [];
    const db = this.ctx.read();
    const pattern = likeContains(needle);
    const prefix = `${needle.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const per = Math.max(3, Math.ceil(q.limit / 4));
    const has = (text: string | null | undefined) => !!text && foldForSearch(text).includes(needle);
    const caseTitles = new Map<string, string>();
    const caseTitle = (id: string) => {
      let t = caseTitles.get(id);
      if (t === undefined) {
        t = (db.prepare('SELECT title FROM cases WHERE id = ?').get(id) as { title: string } | undefined)?.title ?? '';
        caseTitles.set(id, t);
      }
      return t;
    };
    // Titles that start with what was typed rank above those that merely contain it.
    const cases = db
      .prepare(
        `SELECT id, title, internal_ref, court_numbers FROM cases WHERE search_fold LIKE ? ESCAPE '\\'
         ORDER BY (title_fold LIKE ? ESCAPE '\\') DESC, updated_at DESC LIMIT ?`,
      )
      .all(pattern, prefix, per) as { id: string; title: string; internal_ref: string | null; court_numbers: string }[];
    const people = db
      .prepare(
        `SELECT id, name, name_translit FROM persons WHERE search_fold LIKE ? ESCAPE '\\'
         ORDER BY (search_fold LIKE ? ESCAPE '\\') DESC, search_fold LIMIT ?`,
      )
      .all(pattern, prefix, per) as { id: string; name: string; name_translit: string | null }[];
    const items: QuickSwitchItem[] = [
      ...cases.map((c) => {
        const numbers = storedJson(c.court_numbers, StoredCourtNumbers, 'case record').map((n) => n.number);
        const match = has(c.title) ? null : (numbers.find(has) ?? (has(c.internal_ref) ? c.internal_ref : null));
        return { kind: 'case' as const, id: c.id, caseId: null, title: c.title, subtitle: c.internal_ref, match };
      }),
      ...people.map((p) => ({ kind: 'person' as const, id: p.id, caseId: null, title: p.name, subtitle: p.name_translit, match: null })),
    ];
    // Documents, proceedings and notes have no folded column; their text is short and is folded here.
    const docs = db
      .prepare('SELECT id, case_id, title, exhibit_no, original_name, tags FROM documents WHERE deleted_at IS NULL ORDER BY updated_at DESC')
      .iterate() as Iterable<{ id: string; case_id: string; title: string; exhibit_no: string | null; original_name: string; tags: string }>;
    let n = 0;
    for (const d of docs) {
      if (n >= per) break;
      const tags = storedJson(d.tags, StoredStrings, 'document record');
      if (!(has(d.title) || has(d.exhibit_no) || has(d.original_name) || tags.some(has))) continue;
      const match = has(d.title) ? null : has(d.exhibit_no) ? d.exhibit_no : has(d.original_name) ? d.original_name : (tags.find(has) ?? null);
      items.push({ kind: 'document', id: d.id, caseId: d.case_id, title: d.title, subtitle: caseTitle(d.case_id), match });
      n++;
    }
    const procs = db.prepare('SELECT id, case_id, reference, body FROM proceedings ORDER BY updated_at DESC').iterate() as Iterable<{
      id: string;
      case_id: string;
      reference: string | null;
      body: string | null;
    }>;
    n = 0;
    for (const p of procs) {
      if (n >= per) break;
      if (!(has(p.reference) || has(p.body))) continue;
      const title = [p.reference, p.body].filter(Boolean).join(' · ');
      items.push({ kind: 'proceeding', id: p.id, caseId: p.case_id, title, subtitle: caseTitle(p.case_id), match: null });
      n++;
    }
    const notes = db.prepare('SELECT id, case_id, title, body FROM notes ORDER BY updated_at DESC').iterate() as Iterable<{
      id: string;
      case_id: string;
      title: string | null;
      body: string;
    }>;
    n = 0;
    for (const x of notes) {
      if (n >= per) break;
      if (!(has(x.title) || has(x.body))) continue;
      const title = x.title?.trim() || x.body.trim().split('\n')[0]!.slice(0, 80);
      items.push({ kind: 'note', id: x.id, caseId: x.case_id, title, subtitle: caseTitle(x.case_id), match: has(x.title) ? null : noteExcerpt(x.body, needle) });
      n++;
    }
    return items.slice(0, q.limit);
  }

  /** Every record of one case as the documented export (docs/export-format.md), checked against its schema. */
  exportCase(caseId: string): CaseExport {
    const s = this.ctx.session();
    const db = s.db;
    const c = getCaseRow(db, caseId);
    const category = c.categoryId ? (db.prepare('SELECT * FROM categories WHERE id = ?').get(c.categoryId) as CategoryRow | undefined) : undefined;
    const roles = (db.prepare('SELECT * FROM case_roles WHERE case_id = ? ORDER BY created_at, id').all(caseId) as RoleRow[]).map(toRole);
    const events = (db.prepare(`${EVENT_SELECT} WHERE e.case_id = ? ORDER BY e.sort_key, e.created_at`).all(caseId) as EventRow[]).map(toEvent);
    const hearings = (db.prepare('SELECT * FROM hearings WHERE case_id = ? ORDER BY date, time').all(caseId) as HearingRow[]).map(toHearing);
    const deadlines = (db.prepare('SELECT * FROM deadlines WHERE case_id = ? ORDER BY due_on').all(caseId) as DeadlineRow[]).map(toDeadline);
    const notes = (db.prepare('SELECT * FROM notes WHERE case_id = ? ORDER BY created_at, id').all(caseId) as NoteRow[]).map(toNote);
    const personIds = new Set<string>();
    for (const r of roles) (personIds.add(r.personId), r.representsPersonId && personIds.add(r.representsPersonId));
    for (const e of events) e.personIds.forEach((p) => personIds.add(p));
    for (const h of hearings) if (h.judgePersonId) personIds.add(h.judgePersonId);
    const getPerson = db.prepare('SELECT * FROM persons WHERE id = ?');
    const persons = [...personIds].map((id) => toPerson(getPerson.get(id) as PersonRow)).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    const out: CaseExport = {
      format: 'sakta-case-export',
      version: CASE_EXPORT_VERSION,
      exportedAt: this.ctx.nowIso(),
      case: c,
      category: category ? toCategory(category) : null,
      persons,
      roles,
      proceedings: proceedingsOf(db, caseId),
      events,
      hearings,
      hearingChanges: this.agenda.hearingHistory(caseId),
      deadlines,
      notes,
      documents: caseDocumentsForExport(db, s.audit, caseId),
      activity: s.audit.list(db, { caseId, limit: 1_000_000 }).reverse(),
    };
    // Checked on the way out so a bug can never produce an export its own documentation rejects.
    return CaseExportSchema.parse(out);
  }
}
