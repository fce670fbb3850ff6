import { partialDateBounds, partialDateSortKey } from '../../../shared/partial-date';
import type { PartialDate } from '../../../shared/schemas/partial-date';
import { foldForSearch } from '../../../shared/search-fold';
import { caseSearchText } from '../cases/case-service';

/** A row as the shared document holds it: synced columns only, values as SQLite returns them. */
export type SyncedRow = Record<string, string | number | null>;

/**
 * One table of a shared case: which columns travel, how its rows are found for a case, and what is recomputed
 * locally. Columns not named in `fields` stay local: derived copies (`*_fold`, sort keys), `updated_at` (every
 * write touches it, so syncing it would make every pair of concurrent edits a conflict), and state of this
 * device only (a document's extracted text and its status).
 */
export interface TableSpec {
  table: string;
  /** Primary key columns; the document's row key is their values joined by '|'. */
  key: string[];
  /** Synced columns, key columns included. */
  fields: string[];
  /** Selects the case's rows (synced columns), the case id as `@c`. */
  select: string;
  /** An edit of this row also keeps its parent alive: adding a person to an event concurrent with removing the event keeps the event. */
  parent?: { table: string; column: string };
  /** Nullable references: set to null when the row they name is not here (removed on another device, as ON DELETE SET NULL would). */
  refs?: { column: string; table: string }[];
  /** Columns computed here from the synced ones. */
  derive?: (r: SyncedRow) => SyncedRow;
  /** Persons belong to every case they appear in: a case never removes one; only which persons it names travels. */
  neverRemove?: boolean;
}

const partial = (v: string | number | null | undefined) => JSON.parse(String(v)) as PartialDate;

const cols = (fields: string[], alias = '') => fields.map((f) => (alias ? `${alias}.${f}` : f)).join(', ');

const PERSON_FIELDS = ['id', 'name', 'name_translit', 'birth', 'age', 'age_as_of', 'death', 'contacts', 'notes', 'created_at'];
const CASE_FIELDS = ['id', 'title', 'internal_ref', 'court_numbers', 'category_id', 'status', 'stage', 'opened_on', 'closed_on', 'summary', 'tags', 'created_at'];
const PROCEEDING_FIELDS = ['id', 'case_id', 'type', 'body', 'reference', 'status', 'outcome', 'started_on', 'ended_on', 'parent_id', 'created_at'];
const EVENT_FIELDS = ['id', 'case_id', 'date', 'time', 'type', 'place', 'description', 'proceeding_id', 'created_at'];
const EVENT_PERSON_FIELDS = ['event_id', 'person_id', 'position'];
const HEARING_FIELDS = ['id', 'case_id', 'date', 'time', 'body', 'room', 'judge_person_id', 'proceeding_id', 'purpose', 'outcome', 'status', 'created_at'];
const HEARING_CHANGE_FIELDS = ['id', 'hearing_id', 'status', 'from_date', 'from_time', 'to_date', 'to_time', 'reason', 'at'];
const DEADLINE_FIELDS = ['id', 'case_id', 'due_on', 'what', 'proceeding_id', 'rule', 'done', 'done_at', 'created_at'];
const NOTE_FIELDS = ['id', 'case_id', 'title', 'body', 'created_at'];
const ROLE_FIELDS = ['id', 'case_id', 'person_id', 'role', 'represents_person_id', 'rank_unit', 'identification', 'description', 'since', 'until', 'created_at'];
const DOCUMENT_FIELDS = [
  'id', 'case_id', 'blob_id', 'title', 'doc_type', 'doc_date', 'language', 'original_name', 'kind', 'mime', 'size', 'sha256', 'imported_at',
  'source', 'collected_by', 'collected_on', 'translation_of', 'tags', 'exhibit_no', 'deleted_at', 'redacted_from',
];
const LINK_FIELDS = ['document_id', 'target_type', 'target_id'];

/** The persons a case names: its roles (and whom they represent), its events' people, its hearings' judges. */
const CASE_PERSONS = `SELECT person_id FROM case_roles WHERE case_id = @c
  UNION SELECT represents_person_id FROM case_roles WHERE case_id = @c AND represents_person_id IS NOT NULL
  UNION SELECT ep.person_id FROM event_persons ep JOIN events e ON e.id = ep.event_id WHERE e.case_id = @c
  UNION SELECT judge_person_id FROM hearings WHERE case_id = @c AND judge_person_id IS NOT NULL`;

/**
 * The synced tables in an order where every row's references come before it (parents first), which is the order
 * rows are written in; removals go in the reverse order. Case tags are not here: `cases.tags` travels and
 * `case_tags` (its mirror for filtering) is rebuilt from it.
 */
export const TABLES: TableSpec[] = [
  {
    table: 'persons',
    key: ['id'],
    fields: PERSON_FIELDS,
    select: `SELECT ${cols(PERSON_FIELDS)} FROM persons WHERE id IN (${CASE_PERSONS})`,
    derive: (r) => ({ search_fold: foldForSearch(`${r.name} ${r.name_translit ?? ''}`) }),
    neverRemove: true,
  },
  {
    table: 'cases',
    key: ['id'],
    fields: CASE_FIELDS,
    select: `SELECT ${cols(CASE_FIELDS)} FROM cases WHERE id = @c`,
    derive: (r) => {
      const c = { title: String(r.title), internalRef: r.internal_ref as string | null, courtNumbers: JSON.parse(String(r.court_numbers)) as { number: string; body: string | null }[], tags: JSON.parse(String(r.tags)) as string[] };
      return { search_fold: caseSearchText(c), title_fold: foldForSearch(c.title) };
    },
  },
  {
    table: 'proceedings',
    key: ['id'],
    fields: PROCEEDING_FIELDS,
    select: `SELECT ${cols(PROCEEDING_FIELDS)} FROM proceedings WHERE case_id = @c`,
    refs: [{ column: 'parent_id', table: 'proceedings' }],
  },
  {
    table: 'events',
    key: ['id'],
    fields: EVENT_FIELDS,
    select: `SELECT ${cols(EVENT_FIELDS)} FROM events WHERE case_id = @c`,
    refs: [{ column: 'proceeding_id', table: 'proceedings' }],
    derive: (r) => {
      const b = partialDateBounds(partial(r.date));
      return { sort_key: partialDateSortKey(partial(r.date), r.time as string | null), earliest: b.earliest, latest: b.latest };
    },
  },
  {
    table: 'event_persons',
    key: ['event_id', 'person_id'],
    fields: EVENT_PERSON_FIELDS,
    select: `SELECT ${cols(EVENT_PERSON_FIELDS, 'ep')} FROM event_persons ep JOIN events e ON e.id = ep.event_id WHERE e.case_id = @c`,
    parent: { table: 'events', column: 'event_id' },
  },
  {
    table: 'hearings',
    key: ['id'],
    fields: HEARING_FIELDS,
    select: `SELECT ${cols(HEARING_FIELDS)} FROM hearings WHERE case_id = @c`,
    refs: [
      { column: 'judge_person_id', table: 'persons' },
      { column: 'proceeding_id', table: 'proceedings' },
    ],
  },
  {
    table: 'hearing_changes',
    key: ['id'],
    fields: HEARING_CHANGE_FIELDS,
    select: `SELECT ${cols(HEARING_CHANGE_FIELDS, 'hc')} FROM hearing_changes hc JOIN hearings h ON h.id = hc.hearing_id WHERE h.case_id = @c`,
    parent: { table: 'hearings', column: 'hearing_id' },
  },
  {
    table: 'deadlines',
    key: ['id'],
    fields: DEADLINE_FIELDS,
    select: `SELECT ${cols(DEADLINE_FIELDS)} FROM deadlines WHERE case_id = @c`,
    refs: [{ column: 'proceeding_id', table: 'proceedings' }],
  },
  { table: 'notes', key: ['id'], fields: NOTE_FIELDS, select: `SELECT ${cols(NOTE_FIELDS)} FROM notes WHERE case_id = @c` },
  {
    table: 'case_roles',
    key: ['id'],
    fields: ROLE_FIELDS,
    select: `SELECT ${cols(ROLE_FIELDS)} FROM case_roles WHERE case_id = @c`,
    refs: [{ column: 'represents_person_id', table: 'persons' }],
  },
  {
    table: 'documents',
    key: ['id'],
    fields: DOCUMENT_FIELDS,
    select: `SELECT ${cols(DOCUMENT_FIELDS)} FROM documents WHERE case_id = @c`,
    refs: [
      { column: 'translation_of', table: 'documents' },
      { column: 'redacted_from', table: 'documents' },
    ],
  },
  {
    table: 'document_links',
    key: ['document_id', 'target_type', 'target_id'],
    fields: LINK_FIELDS,
    select: `SELECT ${cols(LINK_FIELDS, 'l')} FROM document_links l JOIN documents d ON d.id = l.document_id WHERE d.case_id = @c`,
    parent: { table: 'documents', column: 'document_id' },
  },
];

export const TABLE_BY_NAME = new Map(TABLES.map((t) => [t.table, t]));

export const rowKey = (spec: TableSpec, r: SyncedRow): string => spec.key.map((k) => String(r[k])).join('|');
