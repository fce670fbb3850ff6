import type BetterSqlite3 from 'better-sqlite3';
import { partialDateBounds } from '../../../shared/partial-date';
import { PartialDateSchema, type PartialDate } from '../../../shared/schemas/partial-date';
import { SearchQuerySchema, type SearchHit, type SearchKind, type SearchQuery, type SearchResult } from '../../../shared/schemas/search';
import { parseOrThrow } from '../../../shared/zod-fields';
import { inTransaction, type ReadDb, type WriteDb } from '../../db/connection';
import type { VaultSession } from '../vault-service';
import { expandGroup, ftsExpression, indexTerms, parseQuery, termRange, type QueryGroup } from './normalize';
import { makeSnippet } from './snippet';

export interface SearchItem {
  kind: SearchKind;
  refId: string;
  caseId: string | null;
  docType?: string | null;
  date?: PartialDate | null;
  title: string;
  body: string;
  /** Indexed with the title but not shown: file name, tags, exhibit number. */
  keywords?: string;
  hidden?: boolean;
}

/**
 * Tables of other domains that the search box covers. Triggers (created here, at open, for whichever
 * of these tables exist) queue changed ids in search_dirty; we re-read and index those rows before
 * each query, so the other services need not know about search at all.
 */
const SOURCES: { kind: SearchKind; table: string }[] = [
  { kind: 'case', table: 'cases' },
  { kind: 'person', table: 'persons' },
  { kind: 'event', table: 'events' },
  { kind: 'note', table: 'notes' },
];
const TITLE_COLUMNS = ['title', 'name', 'full_name', 'display_name', 'label', 'reference', 'summary'];
const DATE_COLUMNS = ['date', 'event_date', 'occurred', 'occurred_on', 'date_json', 'when_json'];
const NOT_TEXT = /(^id$|_id$|_at$|_on$|_fold$|^created|^updated|^deleted|hash$|^sort|_sort$|_key$|^earliest$|^latest$|^time$|^status$|^birth$|^death$)/;

type Statement = BetterSqlite3.Statement<unknown[]>;
/**
 * Prepared statements, one set per open database. better-sqlite3 frees a statement only when its small JS
 * object is collected, which a heap with room to spare puts off: preparing four statements per indexed
 * document grew the process by ~20 MiB per 1,000 documents. Reusing them keeps memory flat in the corpus size.
 */
const statements = new WeakMap<ReadDb, Map<string, Statement>>();
function prep(db: ReadDb, sql: string): Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let st = byText.get(sql);
  if (!st) byText.set(sql, (st = db.prepare(sql)));
  return st;
}

/** Connections whose temp schema has the search_vocab table (made once per connection, kept in memory only). */
const withVocab = new WeakSet<ReadDb>();

function hasTable(db: ReadDb, name: string): boolean {
  return !!prep(db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name);
}

/** String leaves of a JSON value stored in a text column (structured fields hold words too). */
function textLeaves(value: string): string[] {
  const t = value.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return [value];
  try {
    const out: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') out.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(JSON.parse(t));
    return out;
  } catch {
    return [value];
  }
}

function parseDate(v: unknown): PartialDate | null {
  if (typeof v !== 'string' || !v) return null;
  try {
    const r = PartialDateSchema.safeParse(JSON.parse(v));
    if (r.success) return r.data;
  } catch {
    /* a plain day string */
  }
  const day = PartialDateSchema.safeParse({ precision: 'day', date: v.slice(0, 10) });
  return day.success ? day.data : null;
}

interface HitRow {
  rowid: number;
  kind: SearchKind;
  ref_id: string;
  case_id: string | null;
  doc_type: string | null;
  item_date: string | null;
  title: string;
  score: number;
}

export class SearchService {
  constructor(private readonly deps: { session: () => VaultSession }) {}

  /** Adds or replaces one item. Call inside the transaction that changes the item. */
  upsert(db: WriteDb, item: SearchItem): void {
    const existing = prep(db, 'SELECT rowid FROM search_items WHERE kind = ? AND ref_id = ?').get(item.kind, item.refId) as
      | { rowid: number }
      | undefined;
    const bounds = item.date ? partialDateBounds(item.date) : null;
    const values = {
      kind: item.kind,
      ref_id: item.refId,
      case_id: item.caseId,
      doc_type: item.docType ?? null,
      item_date: item.date ? JSON.stringify(item.date) : null,
      date_from: bounds?.earliest ?? null,
      date_to: bounds?.latest ?? null,
      title: item.title,
      keywords: item.keywords ?? '',
      hidden: item.hidden ? 1 : 0,
    };
    let rowid: number;
    if (existing) {
      rowid = existing.rowid;
      this.dropTerms(db, rowid);
      prep(
        db,
        `UPDATE search_items SET case_id = @case_id, doc_type = @doc_type, item_date = @item_date, date_from = @date_from,
           date_to = @date_to, title = @title, keywords = @keywords, hidden = @hidden WHERE rowid = @rowid`,
      ).run({ ...values, rowid });
      prep(db, 'UPDATE search_bodies SET body = ? WHERE rowid = ?').run(item.body, rowid);
    } else {
      rowid = Number(
        prep(
          db,
          `INSERT INTO search_items (kind, ref_id, case_id, doc_type, item_date, date_from, date_to, title, keywords, hidden)
           VALUES (@kind, @ref_id, @case_id, @doc_type, @item_date, @date_from, @date_to, @title, @keywords, @hidden)`,
        ).run(values).lastInsertRowid,
      );
      prep(db, 'INSERT INTO search_bodies (rowid, body) VALUES (?, ?)').run(rowid, item.body);
    }
    this.writeTerms(db, rowid, item.title, values.keywords, item.body);
  }

  /** Puts one item's terms into the full-text index (it is in neither the index nor the waiting list). */
  private writeTerms(db: WriteDb, rowid: number, title: string, keywords: string, body: string): void {
    prep(db, 'INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)').run(rowid, indexTerms(`${title} ${keywords}`), indexTerms(body));
  }

  /** Takes one item's terms out of the index, or out of the waiting list if they never went in. */
  private dropTerms(db: WriteDb, rowid: number): void {
    // A contentless index cannot tell whether it holds a row; deleting one it never had would be a guess.
    if (prep(db, 'DELETE FROM search_unindexed WHERE rowid = ?').run(rowid).changes === 0) prep(db, 'DELETE FROM search_fts WHERE rowid = ?').run(rowid);
  }

  /**
   * Indexes the items whose terms are not in the full-text index (all of them after migration 16 rebuilt
   * the index), a batch per transaction: each batch's terms commit together with their removal from the
   * waiting list, so a crash part-way neither loses an item nor indexes one twice. Returns how many.
   */
  indexPending(db: WriteDb): number {
    // Runs before every query: nothing but this one lookup when nothing waits (the usual case).
    if (!prep(db, 'SELECT 1 FROM search_unindexed LIMIT 1').get()) return 0;
    let done = 0;
    for (;;) {
      const rows = prep(
        db,
        `SELECT u.rowid, si.title, si.keywords, coalesce(b.body, '') AS body FROM search_unindexed u
         JOIN search_items si ON si.rowid = u.rowid LEFT JOIN search_bodies b ON b.rowid = u.rowid ORDER BY u.rowid LIMIT 200`,
      ).all() as { rowid: number; title: string; keywords: string; body: string }[];
      if (rows.length === 0) break;
      inTransaction(db, () => {
        for (const r of rows) {
          prep(db, 'DELETE FROM search_unindexed WHERE rowid = ?').run(r.rowid);
          this.writeTerms(db, r.rowid, r.title, r.keywords, r.body);
        }
      });
      done += rows.length;
    }
    // An entry whose item is gone (none is expected: remove() clears both) must not keep the loop above busy.
    prep(db, 'DELETE FROM search_unindexed WHERE rowid NOT IN (SELECT rowid FROM search_items)').run();
    return done;
  }

  /** Changes only the visible flag (trash and restore) and metadata that needs no re-indexing of the body. */
  setHidden(db: WriteDb, kind: SearchKind, refId: string, hidden: boolean): void {
    prep(db, 'UPDATE search_items SET hidden = ? WHERE kind = ? AND ref_id = ?').run(hidden ? 1 : 0, kind, refId);
  }

  /** The stored body (extracted text) of an item, to re-index it after a metadata change. */
  body(db: ReadDb, kind: SearchKind, refId: string): string | null {
    const r = prep(db, 'SELECT b.body FROM search_items si JOIN search_bodies b ON b.rowid = si.rowid WHERE si.kind = ? AND si.ref_id = ?').get(kind, refId) as
      | { body: string }
      | undefined;
    return r?.body ?? null;
  }

  remove(db: WriteDb, kind: SearchKind, refId: string): void {
    const r = prep(db, 'SELECT rowid FROM search_items WHERE kind = ? AND ref_id = ?').get(kind, refId) as { rowid: number } | undefined;
    if (!r) return;
    this.dropTerms(db, r.rowid);
    prep(db, 'DELETE FROM search_bodies WHERE rowid = ?').run(r.rowid);
    prep(db, 'DELETE FROM search_items WHERE rowid = ?').run(r.rowid);
  }

  /** Creates the change-tracking triggers on whichever source tables exist; queues all rows of newly covered tables. */
  ensureSourceTriggers(db: WriteDb): void {
    inTransaction(db, () => {
      for (const s of SOURCES) {
        if (!hasTable(db, s.table)) continue;
        const cols = prep(db, `SELECT name FROM pragma_table_info(?)`).all(s.table) as { name: string }[];
        if (!cols.some((c) => c.name === 'id')) continue;
        const name = `search_src_${s.table}`;
        if (prep(db, `SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(`${name}_ai`)) continue;
        db.exec(`
          CREATE TRIGGER ${name}_ai AFTER INSERT ON ${s.table} BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('${s.kind}', NEW.id); END;
          CREATE TRIGGER ${name}_au AFTER UPDATE ON ${s.table} BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('${s.kind}', NEW.id); END;
          CREATE TRIGGER ${name}_ad AFTER DELETE ON ${s.table} BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('${s.kind}', OLD.id); END;
          INSERT OR IGNORE INTO search_dirty SELECT '${s.kind}', id FROM ${s.table};
        `);
      }
    });
  }

  /** Indexes the rows other domains changed since the last call. */
  drainDirty(db: WriteDb): number {
    const dirty = prep(db, 'SELECT kind, ref_id FROM search_dirty LIMIT 5000').all() as { kind: SearchKind; ref_id: string }[];
    if (dirty.length === 0) return 0;
    inTransaction(db, () => {
      for (const d of dirty) {
        const source = SOURCES.find((s) => s.kind === d.kind);
        const row = source ? (prep(db, `SELECT * FROM ${source.table} WHERE id = ?`).get(d.ref_id) as Record<string, unknown> | undefined) : undefined;
        if (!row) this.remove(db, d.kind, d.ref_id);
        else this.upsert(db, this.itemFromRow(d.kind, row));
        prep(db, 'DELETE FROM search_dirty WHERE kind = ? AND ref_id = ?').run(d.kind, d.ref_id);
      }
    });
    return dirty.length + this.drainDirty(db);
  }

  /** Generic: a title column, every other text column as the body, the case, the date if one parses. */
  private itemFromRow(kind: SearchKind, row: Record<string, unknown>): SearchItem {
    const titleCol = TITLE_COLUMNS.find((c) => typeof row[c] === 'string' && row[c]);
    const body: string[] = [];
    for (const [k, v] of Object.entries(row)) {
      if (k === titleCol || typeof v !== 'string' || !v || NOT_TEXT.test(k) || DATE_COLUMNS.includes(k)) continue;
      body.push(...textLeaves(v));
    }
    const dateCol = DATE_COLUMNS.find((c) => row[c] != null);
    return {
      kind,
      refId: String(row.id),
      caseId: kind === 'case' ? String(row.id) : typeof row.case_id === 'string' ? row.case_id : null,
      date: dateCol ? parseDate(row[dateCol]) : null,
      title: titleCol ? String(row[titleCol]) : '',
      body: body.join('\n'),
      hidden: row.deleted_at != null,
    };
  }

  /**
   * The FTS5 expression for a parsed query: each word's prefix, and every indexed word sharing a stem with it,
   * looked up in the index's own term list (an fts5vocab table in the connection's temp schema: nothing is
   * stored, and a word whose last document is gone drops out with it).
   */
  matchExpression(db: ReadDb, groups: QueryGroup[]): string {
    if (!withVocab.has(db)) {
      db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, 'search_fts', 'row')`);
      withVocab.add(db);
    }
    const terms = prep(db, 'SELECT term FROM temp.search_vocab WHERE term >= ? AND term < ?').pluck();
    return ftsExpression(
      groups,
      groups.map((g) => {
        const { from, to } = termRange(g);
        // Every term in that range starts with the typed word, which the word's prefix form already finds:
        // nothing to look up (the usual case for a word of two or three letters, typed first).
        if (from.startsWith(g.word)) return [];
        return expandGroup(g, terms.all(from, to) as string[]);
      }),
    );
  }

  query(input: SearchQuery): SearchResult {
    const q = parseOrThrow(SearchQuerySchema, input, 'search');
    const session = this.deps.session();
    this.indexPending(session.db);
    this.drainDirty(session.db);
    const groups = parseQuery(q.query);
    if (groups.length === 0) return { hits: [], total: 0 };
    const where = ['search_fts MATCH @match', 'si.hidden = 0'];
    const args: Record<string, unknown> = { match: this.matchExpression(session.db, groups), limit: q.limit, offset: q.offset };
    if (q.caseId) (where.push('si.case_id = @caseId'), (args.caseId = q.caseId));
    if (q.kinds?.length) where.push(`si.kind IN (${q.kinds.map((_, i) => `@k${i}`).join(',')})`), q.kinds.forEach((k, i) => (args[`k${i}`] = k));
    if (q.documentTypes?.length)
      where.push(`si.doc_type IN (${q.documentTypes.map((_, i) => `@t${i}`).join(',')})`), q.documentTypes.forEach((t, i) => (args[`t${i}`] = t));
    // A partial date matches when the span it could mean overlaps the filter.
    if (q.dateFrom) (where.push('si.date_to >= @dateFrom'), (args.dateFrom = q.dateFrom));
    if (q.dateTo) (where.push('si.date_from <= @dateTo'), (args.dateTo = q.dateTo));
    const from = `FROM search_fts JOIN search_items si ON si.rowid = search_fts.rowid WHERE ${where.join(' AND ')}`;
    const db = session.db;
    // The number of matches costs a walk of the doclists without scoring (about a millisecond for a word in
    // all 10,000 bench documents); the page of results is scored and sorted. Folding the count into the scoring
    // query as a window was slower: SQLite then had to copy every scored row aside before sorting them.
    const total = (prep(db, `SELECT count(*) AS n ${from}`).get(args) as { n: number }).n;
    // Title matches weigh more than body matches.
    const rows = prep(
      db,
      `SELECT si.rowid, si.kind, si.ref_id, si.case_id, si.doc_type, si.item_date, si.title, bm25(search_fts, 4.0, 1.0) AS score
       ${from} ORDER BY score LIMIT @limit OFFSET @offset`,
    ).all(args) as HitRow[];
    const bodyOf = prep(db, 'SELECT body FROM search_bodies WHERE rowid = ?');
    const hits: SearchHit[] = rows.map((r) => {
      const body = (bodyOf.get(r.rowid) as { body: string } | undefined)?.body ?? '';
      const snippet = makeSnippet(body, groups);
      return {
        kind: r.kind,
        id: r.ref_id,
        caseId: r.case_id,
        title: r.title,
        documentType: r.doc_type,
        date: r.item_date ? parseDate(r.item_date) : null,
        score: r.score,
        snippet: snippet.some((s) => s.hit) ? snippet : makeSnippet(r.title, groups).length ? makeSnippet(r.title, groups) : snippet,
      };
    });
    return { hits, total };
  }
}
