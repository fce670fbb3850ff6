import type { Deadline, Hearing, HearingStatus } from '../../../shared/schemas/agenda';
import type { Case, CaseSummary, Category, CourtNumber } from '../../../shared/schemas/case';
import type { CaseEvent } from '../../../shared/schemas/event';
import type { Note } from '../../../shared/schemas/note';
import type { PartialDate } from '../../../shared/schemas/partial-date';
import type { Contact, Person, Role, RoleKind } from '../../../shared/schemas/person';
import type { Proceeding } from '../../../shared/schemas/proceeding';
import { SaktaError } from '../../../shared/errors';

/** Row shapes as SQLite returns them, and their mapping to the shared records. */

function json<T>(text: string | null, what: string): T {
  if (text === null) return null as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new SaktaError('INTEGRITY', `A stored ${what} could not be read.`);
  }
}

export interface CategoryRow {
  id: string;
  key: string | null;
  name: string;
  position: number;
}
export const toCategory = (r: CategoryRow): Category => ({ id: r.id, key: r.key, name: r.name, position: r.position });

export interface CaseRow {
  id: string;
  title: string;
  internal_ref: string | null;
  court_numbers: string;
  category_id: string | null;
  status: Case['status'];
  stage: string | null;
  opened_on: string | null;
  closed_on: string | null;
  summary: string;
  tags: string;
  created_at: string;
  updated_at: string;
}
export function toCase(r: CaseRow): Case {
  return {
    id: r.id,
    title: r.title,
    internalRef: r.internal_ref,
    courtNumbers: json<CourtNumber[]>(r.court_numbers, 'case'),
    categoryId: r.category_id,
    status: r.status,
    stage: r.stage,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
    summary: r.summary,
    tags: json<string[]>(r.tags, 'case'),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
export function toCaseSummary(r: Omit<CaseRow, 'summary'>): CaseSummary {
  const { summary: _s, ...rest } = toCase({ ...r, summary: '' });
  return rest;
}
export const CASE_SUMMARY_COLUMNS =
  'c.id, c.title, c.internal_ref, c.court_numbers, c.category_id, c.status, c.stage, c.opened_on, c.closed_on, c.tags, c.created_at, c.updated_at';

export interface PersonRow {
  id: string;
  name: string;
  name_translit: string | null;
  birth: string | null;
  age: number | null;
  age_as_of: string | null;
  death: string | null;
  contacts: string;
  notes: string;
  created_at: string;
  updated_at: string;
}
export function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    name: r.name,
    nameTranslit: r.name_translit,
    birth: json<PartialDate | null>(r.birth, 'person'),
    age: r.age,
    ageAsOf: r.age_as_of,
    death: json<PartialDate | null>(r.death, 'person'),
    contacts: json<Contact[]>(r.contacts, 'person'),
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface RoleRow {
  id: string;
  case_id: string;
  person_id: string;
  role: RoleKind;
  represents_person_id: string | null;
  rank_unit: string | null;
  identification: Role['identification'];
  description: string | null;
  since: string | null;
  until: string | null;
  created_at: string;
  updated_at: string;
}
export const toRole = (r: RoleRow): Role => ({
  id: r.id,
  caseId: r.case_id,
  personId: r.person_id,
  role: r.role,
  representsPersonId: r.represents_person_id,
  rankUnit: r.rank_unit,
  identification: r.identification,
  description: r.description,
  since: r.since,
  until: r.until,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface ProceedingRow {
  id: string;
  case_id: string;
  type: Proceeding['type'];
  body: string | null;
  reference: string | null;
  status: Proceeding['status'];
  outcome: string | null;
  started_on: string | null;
  ended_on: string | null;
  parent_id: string | null;
  created_at: string;
  updated_at: string;
}
export const toProceeding = (r: ProceedingRow): Proceeding => ({
  id: r.id,
  caseId: r.case_id,
  type: r.type,
  body: r.body,
  reference: r.reference,
  status: r.status,
  outcome: r.outcome,
  startedOn: r.started_on,
  endedOn: r.ended_on,
  parentId: r.parent_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface EventRow {
  id: string;
  case_id: string;
  date: string;
  sort_key: string;
  time: string | null;
  type: CaseEvent['type'];
  place: string | null;
  description: string;
  proceeding_id: string | null;
  person_ids: string | null; // group_concat, ordered by position
  created_at: string;
  updated_at: string;
}
export const toEvent = (r: EventRow): CaseEvent => ({
  id: r.id,
  caseId: r.case_id,
  date: json<PartialDate>(r.date, 'event'),
  time: r.time,
  type: r.type,
  place: r.place,
  description: r.description,
  personIds: r.person_ids ? r.person_ids.split(',') : [],
  proceedingId: r.proceeding_id,
  sortKey: r.sort_key,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
export const EVENT_SELECT = `SELECT e.*, (SELECT group_concat(person_id, ',') FROM (SELECT person_id FROM event_persons ep WHERE ep.event_id = e.id ORDER BY position)) AS person_ids FROM events e`;

export interface HearingRow {
  id: string;
  case_id: string;
  date: string;
  time: string | null;
  body: string | null;
  room: string | null;
  judge_person_id: string | null;
  proceeding_id: string | null;
  purpose: string | null;
  outcome: string | null;
  status: HearingStatus;
  created_at: string;
  updated_at: string;
}
export const toHearing = (r: HearingRow): Hearing => ({
  id: r.id,
  caseId: r.case_id,
  date: r.date,
  time: r.time,
  body: r.body,
  room: r.room,
  judgePersonId: r.judge_person_id,
  proceedingId: r.proceeding_id,
  purpose: r.purpose,
  outcome: r.outcome,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface DeadlineRow {
  id: string;
  case_id: string;
  due_on: string;
  what: string;
  proceeding_id: string | null;
  rule: string | null;
  done: number;
  done_at: string | null;
  created_at: string;
  updated_at: string;
}
export const toDeadline = (r: DeadlineRow): Deadline => ({
  id: r.id,
  caseId: r.case_id,
  dueOn: r.due_on,
  what: r.what,
  proceedingId: r.proceeding_id,
  rule: r.rule,
  done: r.done === 1,
  doneAt: r.done_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface NoteRow {
  id: string;
  case_id: string;
  title: string | null;
  body: string;
  created_at: string;
  updated_at: string;
}
export const toNote = (r: NoteRow): Note => ({
  id: r.id,
  caseId: r.case_id,
  title: r.title,
  body: r.body,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
