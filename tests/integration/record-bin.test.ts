import { describe, expect, it } from 'vitest';
import { vaultWithCase } from './documents-fixtures';

/**
 * Undoable removal (electron/services/cases/record-bin.ts) and a hearing's status history, through the services
 * the window and the CLI share.
 */
describe('record bin', () => {
  it('a removed proceeding takes its hearings, events and deadlines; Undo brings every one back with its links', async () => {
    const { services, caseId } = await vaultWithCase();
    const w = services.caseWork;
    const p = w.timeline.createProceeding({ caseId, type: 'criminal_trial', body: 'Первомайский районный суд' });
    const sub = w.timeline.createProceeding({ caseId, type: 'appeal', body: 'Бишкекский городской суд', parentId: p.id });
    const h = w.agenda.createHearing({ caseId, date: '2024-05-10', purpose: 'Допрос свидетеля', proceedingId: p.id });
    w.agenda.setHearingStatus({ id: h.id, status: 'adjourned', date: '2024-06-01', reason: 'неявка прокурора' });
    const person = w.persons.create({ name: 'Асанов Бакыт' });
    const e = w.timeline.createEvent({ caseId, date: { precision: 'day', date: '2024-04-02' }, type: 'arrest', proceedingId: p.id, personIds: [person.id] });
    const d = w.agenda.createDeadline({ caseId, dueOn: '2024-05-20', what: 'Апелляция', proceedingId: p.id });
    const other = w.agenda.createHearing({ caseId, date: '2024-07-01', purpose: 'Other, not linked' });

    expect(w.bin.impact('proceeding', p.id)).toEqual({ hearings: 1, events: 1, deadlines: 1 });
    w.timeline.deleteProceeding(p.id);
    expect(w.timeline.listProceedings(caseId).map((x) => x.id)).toEqual([sub.id]);
    expect(w.timeline.getProceeding(sub.id).parentId).toBeNull();
    expect(w.agenda.listHearings(caseId).map((x) => x.id)).toEqual([other.id]);
    expect(w.timeline.listEvents({ caseId })).toEqual([]);
    expect(w.agenda.listDeadlines(caseId)).toEqual([]);
    expect(w.agenda.calendar({ from: '2024-01-01', to: '2024-12-31' }).hearings.map((x) => x.id)).toEqual([other.id]);

    expect(w.bin.restore(p.id)).toEqual({ entityType: 'proceeding', id: p.id, caseId });
    expect(w.timeline.getProceeding(sub.id).parentId).toBe(p.id);
    expect(w.agenda.getHearing(h.id)).toMatchObject({ date: '2024-06-01', proceedingId: p.id });
    expect(w.agenda.hearingHistory(caseId)).toMatchObject([{ hearingId: h.id, status: 'adjourned', fromDate: '2024-05-10', toDate: '2024-06-01', reason: 'неявка прокурора' }]);
    expect(w.timeline.getEvent(e.id)).toMatchObject({ proceedingId: p.id, personIds: [person.id] });
    expect(w.agenda.getDeadline(d.id).proceedingId).toBe(p.id);
    // Restored once: a second Undo finds nothing.
    expect(() => w.bin.restore(p.id)).toThrow(/nothing to restore/);

    const trail = w.cases.activity(caseId).entries.map((x) => x.action);
    expect(trail.slice(0, 2)).toEqual(['proceeding.restore', 'proceeding.delete']);
    const s = services.vault.current();
    expect(s.audit.verify(s.db, s.keys.signing.publicKey)).toEqual([]);
  });

  it('every kind of record can be removed and put back; the trail names it even while it is gone', async () => {
    const { services, caseId } = await vaultWithCase();
    const w = services.caseWork;
    const n = w.notes.create({ caseId, title: 'Встреча с клиентом', body: 'текст' });
    const h = w.agenda.createHearing({ caseId, date: '2024-05-10', purpose: 'Прения' });
    const d = w.agenda.createDeadline({ caseId, dueOn: '2024-05-20', what: 'Кассация' });
    const e = w.timeline.createEvent({ caseId, date: { precision: 'day', date: '2024-04-02' }, type: 'arrest', description: 'Задержание' });
    w.notes.delete(n.id);
    w.agenda.deleteHearing(h.id);
    w.agenda.deleteDeadline(d.id);
    w.timeline.deleteEvent(e.id);
    expect([w.notes.list(caseId), w.agenda.listHearings(caseId), w.agenda.listDeadlines(caseId), w.timeline.listEvents({ caseId })]).toEqual([[], [], [], []]);
    const gone = w.cases.activity(caseId);
    expect(gone.names[n.id]).toBe('Встреча с клиентом');
    expect(gone.names[h.id]).toBe('2024-05-10 Прения');
    expect(gone.names[d.id]).toBe('2024-05-20 Кассация');
    expect(gone.names[e.id]).toBe('Задержание');
    for (const id of [n.id, h.id, d.id, e.id]) w.bin.restore(id);
    expect(w.notes.get(n.id).title).toBe('Встреча с клиентом');
    expect(w.agenda.getHearing(h.id).purpose).toBe('Прения');
    expect(w.agenda.getDeadline(d.id).what).toBe('Кассация');
    expect(w.timeline.getEvent(e.id).description).toBe('Задержание');
  });

  it('held and cancelled keep the date; each change is a line of history', async () => {
    const { services, caseId } = await vaultWithCase();
    const w = services.caseWork;
    const h = w.agenda.createHearing({ caseId, date: '2024-05-10', time: '10:00' });
    expect(() => w.agenda.setHearingStatus({ id: h.id, status: 'adjourned' })).toThrow();
    expect(w.agenda.setHearingStatus({ id: h.id, status: 'adjourned', date: '2024-05-24', time: '14:30' })).toMatchObject({ status: 'scheduled', date: '2024-05-24', time: '14:30' });
    expect(w.agenda.setHearingStatus({ id: h.id, status: 'held' })).toMatchObject({ status: 'held', date: '2024-05-24' });
    expect(w.agenda.hearingHistory(caseId).map((c) => [c.status, c.fromDate, c.toDate])).toEqual([
      ['adjourned', '2024-05-10', '2024-05-24'],
      ['held', '2024-05-24', null],
    ]);
  });

  it('removed records are final after 30 days', async () => {
    const { services, caseId, clock } = await vaultWithCase();
    const w = services.caseWork;
    const n = w.notes.create({ caseId, title: 'Old', body: '' });
    w.notes.delete(n.id);
    clock.now = new Date(clock.now.getTime() + 31 * 86_400_000);
    services.vault.lock('user');
    await services.vault.unlock((await import('../helpers/vault')).PASS);
    expect(() => w.bin.restore(n.id)).toThrow(/nothing to restore/);
  });

  it('a removed record whose stored rows are damaged is refused as damaged (not blamed on a missing parent), nothing written', async () => {
    const { services, caseId } = await vaultWithCase();
    const w = services.caseWork;
    const n = w.notes.create({ caseId, title: 'Встреча', body: 'текст' });
    w.notes.delete(n.id);
    const { db } = services.vault.current();
    db.prepare('UPDATE removed_records SET rows = ? WHERE entity_id = ?').run(JSON.stringify({ op: 'insert', table: 'notes' }), n.id);
    const before = w.cases.activity(caseId).entries.length;
    expect(() => w.bin.restore(n.id)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    expect(w.notes.list(caseId)).toEqual([]);
    expect(w.cases.activity(caseId).entries.length).toBe(before);
  });
});
