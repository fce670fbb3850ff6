import { describe, expect, it } from 'vitest';
import { CaseExportSchema } from '../../shared/schemas/case-export';
import { SaktaError } from '../../shared/errors';
import { addDays, localDay } from '../../electron/services/cases/context';
import { newVault } from '../helpers/vault';
import { dispatcherFor } from '../helpers/ipc';

const today = () => localDay(new Date());

/** The scenario, through the services on a real encrypted vault. */
async function scenario() {
  const v = await newVault();
  const w = v.services.caseWork;
  const torture = w.cases.listCategories().find((c) => c.key === 'torture')!;
  const kase = w.cases.create({
    title: 'Пытки в ИВС',
    internalRef: 'BIR-2014-07',
    courtNumbers: [
      { number: '1-123/2015', body: 'Первомайский районный суд г. Бишкек' },
      { number: 'CCPR/C/2761/2016', body: 'UN Human Rights Committee' },
    ],
    categoryId: torture.id,
    stage: 'UN communication',
    openedOn: '2014-07-20',
    tags: ['ИВС', 'medical'],
  });
  const client = w.persons.create({ name: 'Азамат Токтогулов', nameTranslit: 'Azamat Toktogulov', birth: { precision: 'year', year: 1988 } });
  const father = w.persons.create({ name: 'Бакыт Токтогулов', nameTranslit: 'Bakyt Toktogulov' });
  const judge = w.persons.create({ name: 'Судья Иванова', nameTranslit: 'Judge Ivanova' });
  const clientRole = w.persons.addRole({ caseId: kase.id, personId: client.id, role: 'client' });
  w.persons.addRole({ caseId: kase.id, personId: judge.id, role: 'judge' });
  // The client dies during the case; his father carries it on.
  w.persons.update(client.id, { death: { precision: 'day', date: '2016-03-02' } });
  const fatherRole = w.persons.addRole({ caseId: kase.id, personId: father.id, role: 'family_representative', representsPersonId: client.id, since: '2016-04-01' });

  const complaint = w.timeline.createProceeding({ caseId: kase.id, type: 'complaint_to_prosecutor', body: 'Prosecutor of Bishkek', startedOn: '2014-07-25', status: 'decided', outcome: 'Refused to open a criminal case' });
  const appeal = w.timeline.createProceeding({ caseId: kase.id, type: 'appeal_of_refusal', body: 'Pervomaisky District Court', startedOn: '2014-09-01', parentId: complaint.id, status: 'decided' });
  const un = w.timeline.createProceeding({ caseId: kase.id, type: 'un_treaty_body', body: 'UN Human Rights Committee', reference: 'CCPR/C/2761/2016', startedOn: '2016-05-10', parentId: appeal.id });

  const exact = w.timeline.createEvent({ caseId: kase.id, date: { precision: 'day', date: '2014-07-18' }, time: '23:00', type: 'arrest', place: 'ИВС ГУВД', personIds: [client.id] });
  const month = w.timeline.createEvent({ caseId: kase.id, date: { precision: 'month', year: 2014, month: 7 }, type: 'ill_treatment', description: 'Beaten during questioning', personIds: [client.id] });
  const season = w.timeline.createEvent({ caseId: kase.id, date: { precision: 'season', year: 2014, season: 'summer' }, type: 'incident', description: 'Threats to the family' });

  const hearing = w.agenda.createHearing({ caseId: kase.id, date: addDays(today(), 7), time: '10:00', body: 'Pervomaisky District Court', room: '12', judgePersonId: judge.id, proceedingId: appeal.id, purpose: 'Compensation claim, first hearing' });
  const overdue = w.agenda.createDeadline({ caseId: kase.id, dueOn: addDays(today(), -3), what: 'Comments on the State party observations', proceedingId: un.id, rule: 'Committee letter, 2 months' });
  return { ...v, w, kase, client, father, judge, clientRole, fatherRole, complaint, appeal, un, exact, month, season, hearing, overdue };
}

describe('case work: the issue scenario on a real vault', () => {
  it('dashboard shows the hearing next week and the overdue deadline, and the case as recently changed', async () => {
    const s = await scenario();
    const d = s.w.agenda.dashboard({ days: 14 });
    expect(d.hearings.map((h) => [h.id, h.caseTitle, h.time])).toEqual([[s.hearing.id, 'Пытки в ИВС', '10:00']]);
    expect(d.overdue.map((x) => [x.id, x.what])).toEqual([[s.overdue.id, 'Comments on the State party observations']]);
    expect(d.dueSoon).toEqual([]);
    expect(d.recentCases[0]!.id).toBe(s.kase.id);
    // Marked done, the deadline leaves the overdue list.
    s.w.agenda.setDeadlineDone(s.overdue.id, true);
    expect(s.w.agenda.dashboard({}).overdue).toEqual([]);
    // Cancelled, the hearing is no longer coming up: the dashboard drops it, the calendar keeps it, marked.
    s.w.agenda.setHearingStatus({ id: s.hearing.id, status: 'cancelled' });
    expect(s.w.agenda.dashboard({ days: 14 }).hearings).toEqual([]);
    const day = addDays(today(), 7);
    expect(s.w.agenda.calendar({ from: day, to: day }).hearings.map((h) => [h.id, h.status])).toEqual([[s.hearing.id, 'cancelled']]);
  });

  it('search finds "Пытки в ИВС" for "пытки", "ПЫТКИ", a court number and a tag, and not for other words', async () => {
    const s = await scenario();
    s.w.cases.create({ title: 'Arbitrary detention of a journalist' });
    const titles = (query: string) => s.w.cases.list({ query }).items.map((c) => c.title);
    expect(titles('пытки')).toEqual(['Пытки в ИВС']);
    expect(titles('ПЫТКИ')).toEqual(['Пытки в ИВС']);
    expect(titles('ивс')).toEqual(['Пытки в ИВС']);
    expect(titles('2761/2016')).toEqual(['Пытки в ИВС']);
    expect(titles('JOURNALIST')).toEqual(['Arbitrary detention of a journalist']);
    expect(titles('избиение')).toEqual([]);
    expect(titles('100%')).toEqual([]);
    const q = s.w.views.quickSwitch({ query: 'токтог' });
    expect(q.map((i) => [i.kind, i.title]).sort()).toEqual([
      ['person', 'Азамат Токтогулов'],
      ['person', 'Бакыт Токтогулов'],
    ]);
    expect(s.w.views.quickSwitch({ query: 'пытки' }).map((i) => i.id)).toEqual([s.kase.id]);
  });

  it('overview: two court numbers, the dead client represented by his father, the chain of three proceedings', async () => {
    const s = await scenario();
    const o = s.w.views.overview(s.kase.id);
    expect(o.case.courtNumbers.map((n) => n.number)).toEqual(['1-123/2015', 'CCPR/C/2761/2016']);
    expect(o.category?.key).toBe('torture');
    const client = o.parties.find((p) => p.role.role === 'client')!;
    expect(client.deceased).toBe(true);
    expect(client.representedBy.map((r) => r.name)).toEqual(['Бакыт Токтогулов']);
    expect(o.proceedings.map((p) => [p.type, p.parentId])).toEqual([
      ['complaint_to_prosecutor', null],
      ['appeal_of_refusal', s.complaint.id],
      ['un_treaty_body', s.appeal.id],
    ]);
    expect(o.currentProceeding?.id).toBe(s.un.id);
    expect(o.nextHearing?.id).toBe(s.hearing.id);
    expect(o.openDeadlines.map((d) => d.id)).toEqual([s.overdue.id]);
    expect(o.counts).toEqual({ events: 3, hearings: 1, deadlines: 1, notes: 0 });
  });

  it('timeline sorts exact, month and season dates sensibly and filters by person and type', async () => {
    const s = await scenario();
    const ids = s.w.timeline.listEvents({ caseId: s.kase.id }).map((e) => e.id);
    // summer 2014 starts 1 June, July 2014 on 1 July, the arrest on 18 July.
    expect(ids).toEqual([s.season.id, s.month.id, s.exact.id]);
    expect(s.w.timeline.listEvents({ caseId: s.kase.id, personId: s.client.id }).map((e) => e.id)).toEqual([s.month.id, s.exact.id]);
    expect(s.w.timeline.listEvents({ caseId: s.kase.id, types: ['arrest'] }).map((e) => e.id)).toEqual([s.exact.id]);
  });

  it('a proceeding cannot be made the parent of its own ancestor', async () => {
    const s = await scenario();
    expect(() => s.w.timeline.updateProceeding(s.complaint.id, { parentId: s.un.id })).toThrow(/loop/);
    expect(s.w.timeline.getProceeding(s.complaint.id).parentId).toBeNull();
  });

  it('calendar lists hearings and deadlines across cases in a range', async () => {
    const s = await scenario();
    const other = s.w.cases.create({ title: 'Другое дело' });
    const dl = s.w.agenda.createDeadline({ caseId: other.id, dueOn: addDays(today(), 2), what: 'Appeal' });
    const c = s.w.agenda.calendar({ from: addDays(today(), -10), to: addDays(today(), 10) });
    expect(c.hearings.map((h) => h.id)).toEqual([s.hearing.id]);
    expect(c.deadlines.map((d) => [d.id, d.caseTitle])).toEqual([
      [s.overdue.id, 'Пытки в ИВС'],
      [dl.id, 'Другое дело'],
    ]);
  });

  it('export-case holds every record of the case and round-trips through its schema', async () => {
    const s = await scenario();
    s.w.notes.create({ caseId: s.kase.id, title: 'Strategy', body: '# Plan\n\n<script>alert(1)</script> stays raw text' });
    const e = s.w.views.exportCase(s.kase.id);
    const again = CaseExportSchema.parse(JSON.parse(JSON.stringify(e)));
    expect(again).toEqual(e);
    expect(e.persons.map((p) => p.name).sort()).toEqual(['Азамат Токтогулов', 'Бакыт Токтогулов', 'Судья Иванова']);
    expect([e.roles.length, e.proceedings.length, e.events.length, e.hearings.length, e.deadlines.length, e.notes.length]).toEqual([3, 3, 3, 1, 1, 1]);
    expect(e.notes[0]!.body).toContain('<script>');
    expect(e.activity[0]!.action).toBe('case.create');
  });
});

describe('case work: validation and atomicity', () => {
  it('an empty title is a VALIDATION error on the field "title", and nothing is saved', async () => {
    const { services } = await newVault();
    const w = services.caseWork;
    const err = (() => {
      try {
        w.cases.create({ title: '   ' });
      } catch (e) {
        return e as SaktaError;
      }
    })();
    expect(err?.code).toBe('VALIDATION');
    expect(Object.keys(err?.fields ?? {})).toEqual(['title']);
    expect(w.cases.list({}).total).toBe(0);
  });

  it('a malformed date names its field; a deadline before the case opened is allowed', async () => {
    const { services } = await newVault();
    const w = services.caseWork;
    const c = w.cases.create({ title: 'Case', openedOn: '2020-01-10' });
    expect(() => w.agenda.createDeadline({ caseId: c.id, dueOn: '2020-02-30', what: 'x' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION', fields: expect.objectContaining({ dueOn: expect.any(String) }) }),
    );
    expect(() => w.cases.update(c.id, { openedOn: '10/01/2020' })).toThrow(expect.objectContaining({ fields: expect.objectContaining({ openedOn: expect.any(String) }) }));
    const early = w.agenda.createDeadline({ caseId: c.id, dueOn: '2019-12-01', what: 'Inherited appeal deadline' });
    expect(w.agenda.listDeadlines(c.id).map((d) => d.id)).toEqual([early.id]);
  });

  it('an unknown person id names the field and leaves no half-saved event or audit entry', async () => {
    const { services, vault } = await newVault();
    const w = services.caseWork;
    const c = w.cases.create({ title: 'Case' });
    const p = w.persons.create({ name: 'Witness' });
    const auditBefore = vault.current().audit.list(vault.current().db).length;
    expect(() =>
      w.timeline.createEvent({ caseId: c.id, date: { precision: 'year', year: 2015 }, type: 'incident', personIds: [p.id, '6f1c2f0e-1111-4a2b-9c3d-000000000000'] }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION', fields: { 'personIds.1': 'No such person' } }));
    expect(() => w.persons.addRole({ caseId: c.id, personId: '6f1c2f0e-1111-4a2b-9c3d-000000000000', role: 'witness' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION', fields: { personId: 'No such person' } }),
    );
    expect(w.timeline.listEvents({ caseId: c.id })).toEqual([]);
    const db = vault.current().db;
    expect(db.prepare('SELECT count(*) AS n FROM event_persons').get()).toEqual({ n: 0 });
    expect(vault.current().audit.list(db).length).toBe(auditBefore);
  });

  it('the IPC dispatcher rejects a bad payload with field errors and serves a good one', async () => {
    const { services } = await newVault();
    const dispatch = dispatcherFor(services, { allowedOrigins: ['app://sakta'] });
    const caller = { origin: 'app://sakta', isMainFrame: true };
    const bad = await dispatch('cases.create', { title: '' }, caller);
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: { title: 'Enter a title' } } });
    const good = await dispatch('cases.create', { title: 'Пытки в ИВС', courtNumbers: [{ number: 'A-1' }] }, caller);
    expect(good.ok).toBe(true);
    const list = await dispatch('cases.list', { query: 'ПЫТКИ' }, caller);
    expect(list).toMatchObject({ ok: true, value: { total: 1 } });
    const dash = await dispatch('dashboard.get', {}, caller);
    expect(dash.ok).toBe(true);
    const qs = await dispatch('cases.quickSwitch', { query: 'пыт' }, caller);
    expect(qs).toMatchObject({ ok: true, value: { items: [{ kind: 'case', title: 'Пытки в ИВС' }] } });
  });
});

describe('case work: the audit trail', () => {
  it('every create, change and delete appends an entry in the case activity, and the chain verifies', async () => {
    const { services, vault } = await newVault();
    const w = services.caseWork;
    const c = w.cases.create({ title: 'Case' });
    w.cases.update(c.id, { title: 'Case renamed', status: 'closed' });
    const p = w.persons.create({ name: 'Client' });
    const r = w.persons.addRole({ caseId: c.id, personId: p.id, role: 'client' });
    w.persons.updateRole(r.id, { description: 'since 2015' });
    const pr = w.timeline.createProceeding({ caseId: c.id, type: 'criminal_trial' });
    w.timeline.updateProceeding(pr.id, { outcome: 'Acquitted' });
    const e = w.timeline.createEvent({ caseId: c.id, date: { precision: 'year', year: 2015 }, type: 'arrest' });
    w.timeline.updateEvent(e.id, { place: 'Osh' });
    w.timeline.deleteEvent(e.id);
    const h = w.agenda.createHearing({ caseId: c.id, date: '2030-01-01' });
    w.agenda.updateHearing(h.id, { outcome: 'Postponed' });
    w.agenda.deleteHearing(h.id);
    const d = w.agenda.createDeadline({ caseId: c.id, dueOn: '2030-01-01', what: 'Appeal' });
    w.agenda.setDeadlineDone(d.id, true);
    w.agenda.updateDeadline(d.id, { rule: 'CPC 435' });
    w.agenda.deleteDeadline(d.id);
    const n = w.notes.create({ caseId: c.id, body: 'x' });
    w.notes.update(n.id, { body: 'y' });
    w.notes.delete(n.id);
    w.persons.removeRole(r.id);
    w.timeline.deleteProceeding(pr.id);
    w.persons.update(p.id, { notes: 'moved abroad' }); // no longer in the case: recorded globally only
    const actions = w.cases.activity(c.id).entries.map((a) => a.action).reverse();
    expect(actions).toEqual([
      'case.create',
      'case.update',
      'role.add',
      'role.update',
      'proceeding.create',
      'proceeding.update',
      'event.create',
      'event.update',
      'event.delete',
      'hearing.create',
      'hearing.update',
      'hearing.delete',
      'deadline.create',
      'deadline.done',
      'deadline.update',
      'deadline.delete',
      'note.create',
      'note.update',
      'note.delete',
      'role.remove',
      'proceeding.delete',
    ]);
    expect(w.cases.activity(c.id).entries.find((a) => a.action === 'case.update')?.detail).toEqual({ fields: ['title', 'status'] });
    // The trail records which fields changed, never their values.
    expect(JSON.stringify(w.cases.activity(c.id).entries)).not.toContain('Acquitted');
    const s = vault.current();
    expect(s.audit.verify(s.db, s.keys.signing.publicKey)).toEqual([]);
    w.cases.delete(c.id);
    expect(s.audit.list(s.db, { caseId: c.id })[0]?.action).toBe('case.delete');
    expect(() => w.cases.get(c.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('a no-op update writes nothing to the trail', async () => {
    const { services } = await newVault();
    const w = services.caseWork;
    const c = w.cases.create({ title: 'Case', tags: ['a'] });
    w.cases.update(c.id, { title: 'Case', tags: ['a'] });
    expect(w.cases.activity(c.id).entries.map((a) => a.action)).toEqual(['case.create']);
  });

  it('pages back through a long trail without losing or repeating an entry, and says when older ones remain', async () => {
    const { services } = await newVault();
    const w = services.caseWork;
    const c = w.cases.create({ title: 'Ten years of a case' });
    for (let i = 1; i <= 7; i++) w.notes.create({ caseId: c.id, title: `Заметка ${i}`, body: 'text' });
    const other = w.cases.create({ title: 'Another case' });
    w.notes.create({ caseId: other.id, title: 'elsewhere', body: 'x' });
    const dispatch = dispatcherFor(services, { allowedOrigins: ['app://sakta'] });
    const caller = { origin: 'app://sakta', isMainFrame: true };
    const seen: number[] = [];
    const mores: boolean[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const r = await dispatch('cases.activity', { caseId: c.id, limit: 3, ...(beforeSeq ? { beforeSeq } : {}) }, caller);
      if (!r.ok) throw new Error(r.error.message);
      const page = r.value as { entries: { seq: number; caseId: string | null }[]; more: boolean };
      expect(page.entries.every((e) => e.caseId === c.id)).toBe(true);
      seen.push(...page.entries.map((e) => e.seq));
      mores.push(page.more);
      if (!page.more) break;
      beforeSeq = page.entries.at(-1)!.seq;
    }
    expect(mores).toEqual([true, true, false]);
    expect(seen).toHaveLength(8); // case.create + 7 notes
    expect(new Set(seen).size).toBe(8);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect(w.cases.activity(c.id, { limit: 8 }).more).toBe(false);
  });

  it('filters the case list by status, category, stage and tag, and sorts by title', async () => {
    const { services } = await newVault();
    const w = services.caseWork;
    const cats = w.cases.listCategories();
    const dv = cats.find((c) => c.key === 'domestic_violence')!;
    w.cases.create({ title: 'Б дело', status: 'closed', stage: 'appeal', tags: ['osh'] });
    w.cases.create({ title: 'а дело', categoryId: dv.id, stage: 'trial', tags: ['osh', 'urgent'] });
    w.cases.create({ title: 'Ё-дело', status: 'archived' });
    const titles = (q: object) => w.cases.list({ sort: 'title', ...q }).items.map((c) => c.title);
    expect(titles({})).toEqual(['а дело', 'Б дело', 'Ё-дело']);
    expect(titles({ status: ['closed', 'archived'] })).toEqual(['Б дело', 'Ё-дело']);
    expect(titles({ categoryId: dv.id })).toEqual(['а дело']);
    expect(titles({ stage: 'appeal' })).toEqual(['Б дело']);
    expect(titles({ tag: 'osh' })).toEqual(['а дело', 'Б дело']);
    expect(titles({ query: 'е-дело' })).toEqual(['Ё-дело']);
    expect(w.cases.facets().tags).toEqual([
      { value: 'osh', count: 2 },
      { value: 'urgent', count: 1 },
    ]);
    const custom = w.cases.addCategory({ name: 'Land rights' });
    expect(w.cases.listCategories().map((c) => c.name)).toContain('Land rights');
    expect(() => w.cases.addCategory({ name: 'land RIGHTS' })).toThrow(expect.objectContaining({ fields: { name: expect.any(String) } }));
    w.cases.removeCategory(custom.id);
    expect(() => w.cases.removeCategory(dv.id)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });
});
