import { describe, expect, it } from 'vitest';
import { comparable, db, deliver, openConflicts, sharedCase, syncAll } from './merge-fixtures';

/** Two lawyers work one shared case apart, then exchange their Automerge changes (services/merge). */
describe('shared case merge: fields', () => {
  it('the member who joins receives the case as it was shared, and finds its note in search', async () => {
    const { members, caseId } = await sharedCase(['lead', 'cocounsel']);
    const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
    a.services.caseWork.notes.create({ caseId, title: 'Встреча с клиентом', body: 'Свидетель видел задержание у рынка Ош' });
    a.services.caseWork.timeline.createEvent({ caseId, date: { precision: 'month', year: 2014, month: 5 }, type: 'arrest', description: 'Задержание на рынке' });
    syncAll({ members, caseId });
    expect(comparable(b, caseId)).toEqual(comparable(a, caseId));
    const hits = b.services.search.query({ query: 'рынка', limit: 10, offset: 0 });
    expect(hits.hits.map((h) => h.kind).sort()).toEqual(['event', 'note']);
  });

  it('edits of different fields made apart both arrive on both sides', async () => {
    const { members, caseId } = await sharedCase(['lead', 'cocounsel']);
    const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
    const note = a.services.caseWork.notes.create({ caseId, title: 'Жалоба', body: 'черновик' });
    syncAll({ members, caseId });
    // Apart: the lead retitles the case and the note, co-counsel rewrites the note's body and the case summary.
    a.services.caseWork.cases.update(caseId, { title: 'Эркинбеков против Кыргызстана' });
    a.services.caseWork.notes.update(note.id, { title: 'Жалоба в КПЧ ООН' });
    b.services.caseWork.notes.update(note.id, { body: 'Окончательный текст жалобы' });
    b.services.caseWork.cases.update(caseId, { summary: 'Пытки в ИВС', tags: ['пытки'] });
    syncAll({ members, caseId });
    for (const m of members) {
      expect(m.services.caseWork.cases.get(caseId)).toMatchObject({ title: 'Эркинбеков против Кыргызстана', summary: 'Пытки в ИВС', tags: ['пытки'] });
      expect(m.services.caseWork.notes.get(note.id)).toMatchObject({ title: 'Жалоба в КПЧ ООН', body: 'Окончательный текст жалобы' });
      expect(openConflicts(m, caseId)).toEqual([]);
    }
    expect(comparable(b, caseId)).toEqual(comparable(a, caseId));
    // The case list's filter by tag works on the receiving side too (case_tags rebuilt there).
    expect(a.services.caseWork.cases.list({ tag: 'пытки' }).items.map((c) => c.id)).toEqual([caseId]);
  });

  it('the same field edited on both: both values kept as a conflict on both sides; resolving on one side closes it on the other', async () => {
    const { members, caseId } = await sharedCase(['lead', 'cocounsel']);
    const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
    const d = a.services.caseWork.agenda.createDeadline({ caseId, dueOn: '2024-05-20', what: 'Апелляция' });
    syncAll({ members, caseId });
    a.services.caseWork.agenda.updateDeadline(d.id, { dueOn: '2024-05-21' });
    b.clock.now = new Date('2024-04-01T11:00:00Z');
    b.services.caseWork.agenda.updateDeadline(d.id, { dueOn: '2024-05-27' });
    syncAll({ members, caseId });

    const seenA = openConflicts(a, caseId);
    expect(seenA).toHaveLength(1);
    expect(openConflicts(b, caseId)).toEqual(seenA);
    const [c] = a.services.sharedDocs.conflicts(db(a), caseId);
    expect(c).toMatchObject({ table: 'deadlines', rowKey: d.id, field: 'due_on', kind: 'field' });
    expect(c!.values.map((v) => [v.value, v.actor]).sort()).toEqual([
      ['2024-05-21', a.actor],
      ['2024-05-27', b.actor],
    ]);
    expect(c!.values.find((v) => v.actor === b.actor)!.at).toBe('2024-04-01T11:00:00.000Z');
    // Both rows show the same value meanwhile.
    const shownA = a.services.caseWork.agenda.getDeadline(d.id).dueOn;
    expect(b.services.caseWork.agenda.getDeadline(d.id).dueOn).toBe(shownA);
    expect(c!.shown).toBe(shownA);

    // Co-counsel keeps the lead's date.
    const take = c!.values.find((v) => v.value === '2024-05-21')!;
    b.services.writer.write((w) => b.services.sharedDocs.resolve(w, c!.id, take.valueId));
    expect(openConflicts(b, caseId)).toEqual([]);
    expect(b.services.caseWork.agenda.getDeadline(d.id).dueOn).toBe('2024-05-21');
    syncAll({ members, caseId });
    expect(openConflicts(a, caseId)).toEqual([]);
    expect(a.services.caseWork.agenda.getDeadline(d.id).dueOn).toBe('2024-05-21');
    expect(comparable(b, caseId)).toEqual(comparable(a, caseId));
    const trail = b.services.caseWork.cases.activity(caseId).entries.map((e) => e.action);
    expect(trail).toContain('conflict.resolve');
    expect(trail).toContain('sync.receive');
  });

  it('an edit concurrent with a removal keeps the record on both sides and shows why', async () => {
    const { members, caseId } = await sharedCase(['lead', 'cocounsel']);
    const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
    const note = a.services.caseWork.notes.create({ caseId, title: 'Показания', body: 'первая версия' });
    syncAll({ members, caseId });
    a.services.caseWork.notes.delete(note.id);
    b.services.caseWork.notes.update(note.id, { body: 'дополненная версия' });
    syncAll({ members, caseId });
    for (const m of members) {
      expect(m.services.caseWork.notes.get(note.id).body).toBe('дополненная версия');
      const [c] = m.services.sharedDocs.conflicts(db(m), caseId);
      expect(c).toMatchObject({ kind: 'removed', table: 'notes', rowKey: note.id, shown: 'kept' });
      expect(c!.values.map((v) => [v.value, v.actor]).sort()).toEqual([
        ['kept', b.actor],
        ['removed', a.actor],
      ]);
    }
    expect(openConflicts(a, caseId)).toEqual(openConflicts(b, caseId));
    // Editing on meanwhile does not hide the question: only a choice closes it.
    b.services.caseWork.notes.update(note.id, { title: 'Показания (уточнено)' });
    syncAll({ members, caseId });
    expect(openConflicts(a, caseId).map((c) => c.kind)).toEqual(['removed']);
    expect(a.services.caseWork.notes.get(note.id).title).toBe('Показания (уточнено)');
    // The lead confirms the removal: the note goes on both sides.
    const c = a.services.sharedDocs.conflicts(db(a), caseId)[0]!;
    a.services.writer.write((w) => a.services.sharedDocs.resolve(w, c.id, c.values.find((v) => v.value === 'removed')!.valueId));
    syncAll({ members, caseId });
    for (const m of members) {
      expect(m.services.caseWork.notes.list(caseId)).toEqual([]);
      expect(openConflicts(m, caseId)).toEqual([]);
    }
  });

  it('a person named only by an event: an edit of their record reaches the other member', async () => {
    const { members, caseId } = await sharedCase(['lead', 'cocounsel']);
    const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
    const p = a.services.caseWork.persons.create({ name: 'Асанов Бакыт' });
    const e = a.services.caseWork.timeline.createEvent({ caseId, date: { precision: 'day', date: '2014-05-12' }, type: 'arrest', personIds: [p.id] });
    syncAll({ members, caseId });
    expect(b.services.caseWork.timeline.getEvent(e.id).personIds).toEqual([p.id]);
    a.services.caseWork.persons.update(p.id, { nameTranslit: 'Asanov Bakyt' });
    syncAll({ members, caseId });
    expect(b.services.caseWork.persons.get(p.id).nameTranslit).toBe('Asanov Bakyt');
    // Found by the new spelling on the receiving side (its search copy is rebuilt there).
    expect(b.services.caseWork.persons.list({ query: 'asanov' }).items.map((x) => x.id)).toEqual([p.id]);
  });

  it('removing a shared case on one device leaves it there; the other members keep the case', async () => {
    const { members, caseId } = await sharedCase(['lead', 'cocounsel']);
    const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
    a.services.caseWork.notes.create({ caseId, title: 'Остаётся у коллеги', body: '' });
    syncAll({ members, caseId });
    b.services.caseWork.cases.delete(caseId);
    expect(b.services.sharedDocs.isShared(db(b), caseId)).toBe(false);
    // Nothing of the removal is left to send: the lead's case stays as it was.
    expect(() => b.services.sharedDocs.pendingChanges(db(b), caseId)).toThrow(/not shared/);
    expect(a.services.caseWork.notes.list(caseId).map((n) => n.title)).toEqual(['Остаётся у коллеги']);
  });

  it('nothing is captured twice: applying remote changes leaves no new local change', async () => {
    const { members, caseId } = await sharedCase(['lead', 'cocounsel']);
    const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
    a.services.caseWork.notes.create({ caseId, title: 'Одна', body: '' });
    deliver({ caseId }, a, b);
    expect(b.services.sharedDocs.pendingChanges(db(b), caseId).changes).toEqual([]);
    // A replayed batch is ignored.
    const again = b.services.writer.write((w) => b.services.sharedDocs.applyRemote(w, caseId, a.outbox[a.outbox.length - 1]!, a.name));
    expect(again.added).toBe(0);
  });
});
