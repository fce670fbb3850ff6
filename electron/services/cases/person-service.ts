import { SaktaError } from '../../../shared/errors';
import { foldForSearch, likeContains } from '../../../shared/search-fold';
import {
  PersonInputSchema,
  PersonListQuerySchema,
  PersonPatchSchema,
  RoleInputSchema,
  RolePatchSchema,
  type Party,
  type Person,
  type PersonInput,
  type PersonPatch,
  type Role,
  type RoleInput,
  type RolePatch,
} from '../../../shared/schemas/person';
import type { CaseSummary } from '../../../shared/schemas/case';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { ReadDb, WriteDb } from '../../db/connection';
import { applyPatch, changedFields, invalid, notFound, type CaseWorkContext } from './context';
import { requireCase, requirePerson } from './refs';
import { CASE_SUMMARY_COLUMNS, toCaseSummary, toPerson, toRole, type CaseRow, type PersonRow, type RoleRow } from './rows';

const PERSON_FIELDS: (keyof Person)[] = ['name', 'nameTranslit', 'birth', 'age', 'ageAsOf', 'death', 'contacts', 'notes'];
const ROLE_FIELDS: (keyof Role)[] = ['role', 'representsPersonId', 'rankUnit', 'identification', 'description', 'since', 'until'];

export function getPerson(db: ReadDb, id: string): Person {
  const row = db.prepare('SELECT * FROM persons WHERE id = ?').get(id) as PersonRow | undefined;
  if (!row) throw notFound('person');
  return toPerson(row);
}

function getRole(db: ReadDb, id: string): Role {
  const row = db.prepare('SELECT * FROM case_roles WHERE id = ?').get(id) as RoleRow | undefined;
  if (!row) throw notFound('role');
  return toRole(row);
}

export class PersonService {
  constructor(private readonly ctx: CaseWorkContext) {}

  // --- persons ------------------------------------------------------------------------------------

  create(input: PersonInput | unknown): Person {
    const v = parseOrThrow(PersonInputSchema, input, 'person');
    return this.ctx.writer.write(({ db, record, at }) => {
      const p: Person = { id: this.ctx.newId(), ...v, ageAsOf: v.age !== null ? (v.ageAsOf ?? this.ctx.today()) : null, createdAt: at, updatedAt: at };
      this.check(p);
      db.prepare(
        `INSERT INTO persons (id, name, name_translit, birth, age, age_as_of, death, contacts, notes, search_fold, created_at, updated_at)
         VALUES (@id, @name, @nameTranslit, @birth, @age, @ageAsOf, @death, @contacts, @notes, @search, @createdAt, @updatedAt)`,
      ).run(this.params(p));
      record({ action: 'person.create', entityType: 'person', entityId: p.id, caseId: null });
      return p;
    });
  }

  update(id: string, patch: PersonPatch | unknown): Person {
    const v = parseOrThrow(PersonPatchSchema, patch, 'person');
    return this.ctx.writer.write(({ db, record, at }) => {
      const before = getPerson(db, id);
      const after = applyPatch(before, v as Partial<Person>);
      const fields = changedFields(before, after, PERSON_FIELDS);
      if (!fields.length) return before;
      after.updatedAt = at;
      this.check(after);
      db.prepare(
        `UPDATE persons SET name = @name, name_translit = @nameTranslit, birth = @birth, age = @age, age_as_of = @ageAsOf, death = @death,
           contacts = @contacts, notes = @notes, search_fold = @search, updated_at = @updatedAt WHERE id = @id`,
      ).run(this.params(after));
      // A person is shared across cases: each case they appear in records the change and counts as changed.
      const caseIds = db.prepare('SELECT DISTINCT case_id FROM case_roles WHERE person_id = ?').pluck().all(id) as string[];
      record({ action: 'person.update', entityType: 'person', entityId: id, caseId: null, detail: { fields } });
      for (const caseId of caseIds) record({ action: 'person.update', entityType: 'person', entityId: id, caseId, detail: { fields } });
      return after;
    });
  }

  /** Only a person who appears nowhere can be deleted; otherwise remove their roles first. */
  delete(id: string): void {
    this.ctx.writer.write(({ db, record }) => {
      getPerson(db, id);
      const uses = db
        .prepare(
          `SELECT (SELECT count(*) FROM case_roles WHERE person_id = @id OR represents_person_id = @id)
                + (SELECT count(*) FROM event_persons WHERE person_id = @id)
                + (SELECT count(*) FROM hearings WHERE judge_person_id = @id) AS n`,
        )
        .get({ id }) as { n: number };
      if (uses.n > 0) throw new SaktaError('CONFLICT', 'This person appears in a case; remove them from it first.');
      db.prepare('DELETE FROM persons WHERE id = ?').run(id);
      record({ action: 'person.delete', entityType: 'person', entityId: id, caseId: null });
    });
  }

  get(id: string): Person {
    return getPerson(this.ctx.read(), id);
  }

  /** Persons by name or transliteration, case-insensitive in any script. */
  list(query: unknown = {}): { total: number; items: Person[] } {
    const q = parseOrThrow(PersonListQuerySchema, query, 'search');
    const needle = foldForSearch(q.query);
    const where = needle ? `WHERE search_fold LIKE ? ESCAPE '\\'` : '';
    const args = needle ? [likeContains(needle)] : [];
    const db = this.ctx.read();
    const total = (db.prepare(`SELECT count(*) AS n FROM persons ${where}`).get(...args) as { n: number }).n;
    const rows = db.prepare(`SELECT * FROM persons ${where} ORDER BY search_fold LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset) as PersonRow[];
    return { total, items: rows.map(toPerson) };
  }

  /** The cases a person takes part in, with their roles there. */
  cases(personId: string): { person: Person; cases: { case: CaseSummary; roles: string[] }[] } {
    const db = this.ctx.read();
    const person = getPerson(db, personId);
    const rows = db
      .prepare(
        `SELECT ${CASE_SUMMARY_COLUMNS}, group_concat(r.role, ',') AS roles FROM case_roles r JOIN cases c ON c.id = r.case_id
         WHERE r.person_id = ? GROUP BY c.id ORDER BY c.updated_at DESC`,
      )
      .all(personId) as (Omit<CaseRow, 'summary'> & { roles: string })[];
    return { person, cases: rows.map(({ roles, ...r }) => ({ case: toCaseSummary(r), roles: roles.split(',') })) };
  }

  private check(p: Person): void {
    if (p.birth && p.death) {
      // Compare the latest possible birth with the earliest possible death only when both are exact enough to conflict.
      const b = p.birth.precision === 'day' ? p.birth.date : null;
      const d = p.death.precision === 'day' ? p.death.date : null;
      if (b && d && d < b) throw invalid('death', 'The date of death is before the date of birth');
    }
  }

  private params(p: Person) {
    return {
      ...p,
      birth: p.birth ? JSON.stringify(p.birth) : null,
      death: p.death ? JSON.stringify(p.death) : null,
      contacts: JSON.stringify(p.contacts),
      search: foldForSearch(`${p.name} ${p.nameTranslit ?? ''}`),
    };
  }

  // --- roles ----------------------------------------------------------------------------------------

  listRoles(caseId: string): Role[] {
    const db = this.ctx.read();
    requireCase(db, caseId);
    return (db.prepare('SELECT * FROM case_roles WHERE case_id = ? ORDER BY created_at, id').all(caseId) as RoleRow[]).map(toRole);
  }

  addRole(input: RoleInput | unknown): Role {
    const v = parseOrThrow(RoleInputSchema, input, 'role');
    return this.ctx.writer.write(({ db, record, at }) => {
      requireCase(db, v.caseId);
      requirePerson(db, v.personId);
      const r: Role = {
        id: this.ctx.newId(),
        ...v,
        identification: v.role === 'alleged_perpetrator' ? (v.identification ?? 'named') : v.identification,
        createdAt: at,
        updatedAt: at,
      };
      this.checkRole(db, r);
      if (db.prepare('SELECT 1 FROM case_roles WHERE case_id = ? AND person_id = ? AND role = ?').get(r.caseId, r.personId, r.role)) {
        throw invalid('role', 'This person already has this role in the case');
      }
      db.prepare(
        `INSERT INTO case_roles (id, case_id, person_id, role, represents_person_id, rank_unit, identification, description, since, until, created_at, updated_at)
         VALUES (@id, @caseId, @personId, @role, @representsPersonId, @rankUnit, @identification, @description, @since, @until, @createdAt, @updatedAt)`,
      ).run(r);
      record({ action: 'role.add', entityType: 'role', entityId: r.id, caseId: r.caseId });
      return r;
    });
  }

  updateRole(id: string, patch: RolePatch | unknown): Role {
    const v = parseOrThrow(RolePatchSchema, patch, 'role');
    return this.ctx.writer.write(({ db, record, at }) => {
      const before = getRole(db, id);
      const after = applyPatch(before, v as Partial<Role>);
      if (after.role !== 'alleged_perpetrator' && v.identification === undefined) after.identification = null;
      const fields = changedFields(before, after, ROLE_FIELDS);
      if (!fields.length) return before;
      after.updatedAt = at;
      this.checkRole(db, after);
      const clash = db.prepare('SELECT 1 FROM case_roles WHERE case_id = ? AND person_id = ? AND role = ? AND id <> ?').get(after.caseId, after.personId, after.role, id);
      if (clash) throw invalid('role', 'This person already has this role in the case');
      db.prepare(
        `UPDATE case_roles SET role = @role, represents_person_id = @representsPersonId, rank_unit = @rankUnit, identification = @identification,
           description = @description, since = @since, until = @until, updated_at = @updatedAt WHERE id = @id`,
      ).run(after);
      record({ action: 'role.update', entityType: 'role', entityId: id, caseId: after.caseId, detail: { fields } });
      return after;
    });
  }

  removeRole(id: string): void {
    this.ctx.writer.write(({ db, record }) => {
      const r = getRole(db, id);
      db.prepare('DELETE FROM case_roles WHERE id = ?').run(id);
      record({ action: 'role.remove', entityType: 'role', entityId: id, caseId: r.caseId });
    });
  }

  /** The case's parties with their persons; a client who has died shows who represents them now. */
  parties(db: ReadDb, caseId: string, today: string): Party[] {
    const rows = db
      .prepare(`SELECT r.*, ${PERSON_COLS} FROM case_roles r JOIN persons p ON p.id = r.person_id WHERE r.case_id = ? ORDER BY r.created_at, r.id`)
      .all(caseId) as (RoleRow & Record<string, unknown>)[];
    const parties = rows.map((row) => ({ role: toRole(row), person: toPerson(personFrom(row)) }));
    return parties.map(({ role, person }) => ({
      role,
      person,
      deceased: person.death !== null,
      representedBy: parties
        .filter((x) => x.role.representsPersonId === person.id && x.role.id !== role.id && (!x.role.until || x.role.until >= today))
        .map((x) => ({ personId: x.person.id, name: x.person.name, roleId: x.role.id, role: x.role.role })),
    }));
  }

  private checkRole(db: WriteDb, r: Role): void {
    if (r.representsPersonId) {
      if (r.representsPersonId === r.personId) throw invalid('representsPersonId', 'A person cannot represent themselves');
      requirePerson(db, r.representsPersonId, 'representsPersonId');
      if (!db.prepare('SELECT 1 FROM case_roles WHERE case_id = ? AND person_id = ?').get(r.caseId, r.representsPersonId)) {
        throw invalid('representsPersonId', 'The represented person has no role in this case');
      }
    }
    if (r.identification && r.role !== 'alleged_perpetrator') throw invalid('identification', 'Only an alleged perpetrator has an identification certainty');
    if (r.since && r.until && r.until < r.since) throw invalid('until', 'The end is before the start');
  }
}

const PERSON_COLS = [
  'id',
  'name',
  'name_translit',
  'birth',
  'age',
  'age_as_of',
  'death',
  'contacts',
  'notes',
  'created_at',
  'updated_at',
]
  .map((c) => `p.${c} AS p_${c}`)
  .join(', ');

function personFrom(row: Record<string, unknown>): PersonRow {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k.startsWith('p_')) out[k.slice(2)] = v;
  return out as unknown as PersonRow;
}
