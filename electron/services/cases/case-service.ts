import { RecordBin } from './record-bin';
import { recordNames } from './record-names';
import { SaktaError } from '../../../shared/errors';
import { foldForSearch, likeContains } from '../../../shared/search-fold';
import {
  CaseInputSchema,
  CaseListQuerySchema,
  CasePatchSchema,
  CategoryInputSchema,
  type Case,
  type CaseFacets,
  type CaseInput,
  type CaseList,
  type CaseListQuery,
  type CasePatch,
  type Category,
} from '../../../shared/schemas/case';
import type { AuditEntryView } from '../../../shared/schemas/common';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { ReadDb, WriteDb } from '../../db/connection';
import { applyPatch, changedFields, invalid, notFound, type CaseWorkContext } from './context';
import { requireCategory } from './refs';
import { CASE_SUMMARY_COLUMNS, toCase, toCaseSummary, toCategory, type CaseRow, type CategoryRow } from './rows';
import { prep } from '../../db/statements';

const CASE_FIELDS: (keyof Case)[] = ['title', 'internalRef', 'courtNumbers', 'categoryId', 'status', 'stage', 'openedOn', 'closedOn', 'summary', 'tags'];

/** What the case list's search box matches: title, our reference, every court number, tags. */
export function caseSearchText(c: Pick<Case, 'title' | 'internalRef' | 'courtNumbers' | 'tags'>): string {
  return foldForSearch([c.title, c.internalRef ?? '', ...c.courtNumbers.map((n) => n.number), ...c.tags].join(' '));
}

const uniqueTags = (tags: string[]) => [...new Set(tags.map((t) => t.trim()).filter(Boolean))];

export function getCaseRow(db: ReadDb, id: string): Case {
  const row = prep(db, 'SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
  if (!row) throw notFound('case');
  return toCase(row);
}

const SORT_SQL: Record<string, string> = {
  updated: 'c.updated_at DESC, c.title_fold',
  title: 'c.title_fold, c.id',
  opened: 'c.opened_on IS NULL, c.opened_on DESC, c.title_fold',
  reference: 'c.internal_ref IS NULL, c.internal_ref, c.title_fold',
};

export class CaseService {
  constructor(private readonly ctx: CaseWorkContext) {}

  // --- categories ------------------------------------------------------------------------------

  listCategories(): Category[] {
    return (this.ctx.read().prepare('SELECT * FROM categories ORDER BY position, name_fold').all() as CategoryRow[]).map(toCategory);
  }

  addCategory(input: unknown): Category {
    const { name } = parseOrThrow(CategoryInputSchema, input, 'category');
    return this.ctx.writer.write(({ db, record }) => {
      if (db.prepare('SELECT 1 FROM categories WHERE name_fold = ?').get(foldForSearch(name))) throw invalid('name', 'A category with this name exists');
      const id = this.ctx.newId();
      const position = (db.prepare('SELECT coalesce(max(position), -1) + 1 AS p FROM categories').get() as { p: number }).p;
      db.prepare('INSERT INTO categories (id, key, name, name_fold, position) VALUES (?, NULL, ?, ?, ?)').run(id, name, foldForSearch(name), position);
      record({ action: 'category.create', entityType: 'category', entityId: id, caseId: null });
      return { id, key: null, name, position };
    });
  }

  renameCategory(id: string, input: unknown): Category {
    const { name } = parseOrThrow(CategoryInputSchema, input, 'category');
    return this.ctx.writer.write(({ db, record }) => {
      const row = db.prepare('SELECT * FROM categories WHERE id = ?').get(id) as CategoryRow | undefined;
      if (!row) throw notFound('category');
      const clash = db.prepare('SELECT id FROM categories WHERE name_fold = ? AND id <> ?').get(foldForSearch(name), id);
      if (clash) throw invalid('name', 'A category with this name exists');
      // A renamed seeded category loses its key so the UI shows the user's wording, not a translation.
      db.prepare('UPDATE categories SET name = ?, name_fold = ?, key = NULL WHERE id = ?').run(name, foldForSearch(name), id);
      record({ action: 'category.update', entityType: 'category', entityId: id, caseId: null, detail: { fields: ['name'] } });
      return { id, key: null, name, position: row.position };
    });
  }

  removeCategory(id: string): void {
    this.ctx.writer.write(({ db, record }) => {
      if (!db.prepare('SELECT 1 FROM categories WHERE id = ?').get(id)) throw notFound('category');
      const used = (db.prepare('SELECT count(*) AS n FROM cases WHERE category_id = ?').get(id) as { n: number }).n;
      if (used > 0) throw new SaktaError('CONFLICT', `This category is used by ${used} case(s); change their category first.`);
      db.prepare('DELETE FROM categories WHERE id = ?').run(id);
      record({ action: 'category.delete', entityType: 'category', entityId: id, caseId: null });
    });
  }

  // --- cases -------------------------------------------------------------------------------------

  create(input: CaseInput | unknown): Case {
    const v = parseOrThrow(CaseInputSchema, input, 'case');
    return this.ctx.writer.write(({ db, record, at }) => {
      const c: Case = { id: this.ctx.newId(), ...v, tags: uniqueTags(v.tags), createdAt: at, updatedAt: at };
      this.check(db, c);
      prep(
        db,
        `INSERT INTO cases (id, title, internal_ref, court_numbers, category_id, status, stage, opened_on, closed_on, summary, tags, search_fold, title_fold, created_at, updated_at)
         VALUES (@id, @title, @internalRef, @courtNumbers, @categoryId, @status, @stage, @openedOn, @closedOn, @summary, @tags, @search, @titleFold, @createdAt, @updatedAt)`,
      ).run(this.params(c));
      this.writeTags(db, c);
      record({ action: 'case.create', entityType: 'case', entityId: c.id, caseId: c.id });
      return c;
    });
  }

  update(id: string, patch: CasePatch | unknown): Case {
    const p = parseOrThrow(CasePatchSchema, patch, 'case');
    return this.ctx.writer.write(({ db, record, at }) => {
      const before = getCaseRow(db, id);
      const after: Case = applyPatch(before, { ...p, tags: p.tags ? uniqueTags(p.tags) : undefined } as Partial<Case>);
      const fields = changedFields(before, after, CASE_FIELDS);
      if (fields.length === 0) return before;
      after.updatedAt = at;
      this.check(db, after);
      prep(
        db,
        `UPDATE cases SET title = @title, internal_ref = @internalRef, court_numbers = @courtNumbers, category_id = @categoryId, status = @status,
           stage = @stage, opened_on = @openedOn, closed_on = @closedOn, summary = @summary, tags = @tags, search_fold = @search,
           title_fold = @titleFold, updated_at = @updatedAt WHERE id = @id`,
      ).run(this.params(after));
      this.writeTags(db, after);
      record({ action: 'case.update', entityType: 'case', entityId: id, caseId: id, detail: { fields } });
      return after;
    });
  }

  /** Deletes the case and everything in it (roles, proceedings, timeline, hearings, deadlines, notes). Persons stay. */
  delete(id: string): void {
    this.ctx.writer.write(({ db, record }) => {
      getCaseRow(db, id);
      db.prepare('DELETE FROM cases WHERE id = ?').run(id);
      record({ action: 'case.delete', entityType: 'case', entityId: id, caseId: id });
    });
  }

  get(id: string): Case {
    return getCaseRow(this.ctx.read(), id);
  }

  list(query: CaseListQuery | unknown = {}): CaseList {
    const q = parseOrThrow(CaseListQuerySchema, query, 'search');
    const where: string[] = [];
    const args: unknown[] = [];
    const needle = foldForSearch(q.query);
    if (needle) {
      where.push(`c.search_fold LIKE ? ESCAPE '\\'`);
      args.push(likeContains(needle));
    }
    if (q.status?.length) {
      where.push(`c.status IN (${q.status.map(() => '?').join(',')})`);
      args.push(...q.status);
    }
    if (q.categoryId) (where.push('c.category_id = ?'), args.push(q.categoryId));
    if (q.stage) (where.push('c.stage = ?'), args.push(q.stage));
    if (q.tag) (where.push('EXISTS (SELECT 1 FROM case_tags t WHERE t.case_id = c.id AND t.tag = ?)'), args.push(q.tag));
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const db = this.ctx.read();
    const total = (db.prepare(`SELECT count(*) AS n FROM cases c ${filter}`).get(...args) as { n: number }).n;
    const rows = db
      .prepare(`SELECT ${CASE_SUMMARY_COLUMNS} FROM cases c ${filter} ORDER BY ${SORT_SQL[q.sort]} LIMIT ? OFFSET ?`)
      .all(...args, q.limit, q.offset) as Omit<CaseRow, 'summary'>[];
    return { total, items: rows.map(toCaseSummary) };
  }

  /** Values the case list's stage and tag filters offer, with how many cases have each. */
  facets(): CaseFacets {
    const db = this.ctx.read();
    const stages = db.prepare('SELECT stage AS value, count(*) AS count FROM cases WHERE stage IS NOT NULL GROUP BY stage ORDER BY count DESC, stage').all() as CaseFacets['stages'];
    const tags = db.prepare('SELECT tag AS value, count(*) AS count FROM case_tags GROUP BY tag ORDER BY count DESC, tag').all() as CaseFacets['tags'];
    return { stages, tags };
  }

  /**
   * The case's audit trail, newest first: who-did-what without the values. A page of `limit` entries
   * (before `beforeSeq` for older pages) and whether older ones remain, so a ten-year history is never cut off silently.
   */
  activity(caseId: string, page: { limit?: number; beforeSeq?: number } = {}): { entries: AuditEntryView[]; more: boolean; names: Record<string, string> } {
    const s = this.ctx.session();
    getCaseRow(s.db, caseId);
    const limit = page.limit ?? 200;
    const rows = s.audit.list(s.db, { caseId, limit: limit + 1, beforeSeq: page.beforeSeq });
    const entries = rows.slice(0, limit);
    return { entries, more: rows.length > limit, names: recordNames(s.db, new RecordBin(this.ctx), entries) };
  }

  private check(db: WriteDb, c: Case): void {
    if (c.categoryId) requireCategory(db, c.categoryId);
    if (c.openedOn && c.closedOn && c.closedOn < c.openedOn) throw invalid('closedOn', 'The case cannot close before it opened');
  }

  private params(c: Case) {
    return {
      ...c,
      courtNumbers: JSON.stringify(c.courtNumbers),
      tags: JSON.stringify(c.tags),
      search: caseSearchText(c),
      titleFold: foldForSearch(c.title),
    };
  }

  private writeTags(db: WriteDb, c: Case): void {
    prep(db, 'DELETE FROM case_tags WHERE case_id = ?').run(c.id);
    const ins = prep(db, 'INSERT INTO case_tags (case_id, tag) VALUES (?, ?)');
    for (const t of c.tags) ins.run(c.id, t);
  }
}
