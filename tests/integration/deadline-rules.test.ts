import { describe, expect, it } from 'vitest';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import { knownDbError } from '../../electron/db/connection';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { newVault } from '../helpers/vault';

const caller = { origin: 'app://sakta', isMainFrame: true };

/** Proposals, acceptance and recounts on a real encrypted vault, through the same dispatcher the window uses. */
async function setup() {
  const v = await newVault();
  const dispatch = createDispatcher(createHandlers(v.services), { allowedOrigins: ['app://sakta'], mapError: knownDbError });
  /** Unchecked payloads too: the dispatcher is what refuses the bad ones. */
  const raw = async (channel: Channel, payload: unknown): Promise<unknown> => {
    const r = await dispatch(channel, payload, caller);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value;
  };
  const call = <C extends Channel>(channel: C, payload: RequestOf<C>) => raw(channel, payload) as Promise<ResponseOf<C>>;
  const w = v.services.caseWork;
  const kase = w.cases.create({ title: 'Пытки в ИВС', openedOn: '2026-03-01' });
  return { v, w, kase, call, raw };
}

describe('deadline proposals', () => {
  it('proposes the appeal against a refusal with its citation, and accepting it puts a deadline that remembers its rule on the dashboard', async () => {
    const { w, kase, call } = await setup();
    const ev = w.timeline.createEvent({ caseId: kase.id, date: { precision: 'day', date: '2026-03-12' }, type: 'decision', description: 'Постановление об отказе в возбуждении уголовного дела' });
    const p = await call('rules.propose', { eventId: ev.id });
    expect(p.act).toBe('refusal_to_open_case'); // read from the description
    expect(p.proposals).toHaveLength(1);
    const prop = p.proposals[0]!;
    expect(prop.rule.rule.id).toBe('kg-upk.154-3');
    expect(prop.rule.rule.citation).toMatchObject({ article: '154(3)', verified: true, versionDate: '2025-08-09' });
    expect(prop.computation.dueOn).toBe('2026-03-23');

    const { deadline, link } = await call('rules.accept', { eventId: ev.id, ruleId: 'kg-upk.154-3', triggerOn: '2026-03-12', what: 'Обжаловать отказ' });
    expect(deadline).toMatchObject({ dueOn: '2026-03-23', what: 'Обжаловать отказ', rule: 'УПК КР (2021 № 129), ст. 154(3)', caseId: kase.id });
    expect(link).toMatchObject({ ruleId: 'kg-upk.154-3', triggerOn: '2026-03-12', computedDueOn: '2026-03-23', edited: false, notice: null });
    expect(w.agenda.listDeadlines(kase.id).map((d) => d.id)).toEqual([deadline.id]);
    const again = await call('rules.propose', { eventId: ev.id });
    expect(again.proposals[0]!.acceptedDeadlineId).toBe(deadline.id);
    await expect(call('rules.accept', { eventId: ev.id, ruleId: 'kg-upk.154-3', triggerOn: '2026-03-12' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(w.cases.activity(kase.id, { limit: 10 }).entries.map((e) => e.action)).toContain('deadline.create');
  });

  it('asks which act a decision was when several rules could apply, and proposes nothing for an event no rule starts from', async () => {
    const { w, kase, call } = await setup();
    const decision = w.timeline.createEvent({ caseId: kase.id, date: { precision: 'day', date: '2026-03-12' }, type: 'decision' });
    const p = await call('rules.propose', { eventId: decision.id });
    expect(p.act).toBeNull();
    expect(p.acts).toEqual(expect.arrayContaining(['refusal_to_open_case', 'verdict', 'judge_complaint_ruling']));
    expect(p.proposals).toEqual([]);
    const verdict = await call('rules.propose', { eventId: decision.id, act: 'verdict' });
    expect(verdict.proposals.map((x) => x.rule.rule.id)).toEqual(['kg-upk.400-1']);
    const exam = w.timeline.createEvent({ caseId: kase.id, date: { precision: 'day', date: '2026-03-12' }, type: 'medical_examination' });
    expect(await call('rules.propose', { eventId: exam.id })).toMatchObject({ acts: [], proposals: [] });
    const vague = w.timeline.createEvent({ caseId: kase.id, date: { precision: 'month', year: 2026, month: 3 }, type: 'decision', description: 'отказ в возбуждении' });
    expect(await call('rules.propose', { eventId: vague.id })).toMatchObject({ triggerOn: null, proposals: [] });
    await expect(call('rules.propose', { eventId: exam.id, act: 'verdict' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('counts hour periods from the event’s time: 45 and 48 hours from a detention', async () => {
    const { w, kase, call } = await setup();
    const arrest = w.timeline.createEvent({ caseId: kase.id, date: { precision: 'day', date: '2026-03-12' }, time: '22:15', type: 'arrest' });
    const p = await call('rules.propose', { eventId: arrest.id });
    expect(p.proposals.map((x) => [x.rule.rule.id, x.computation.dueOn, x.computation.dueTime])).toEqual([
      ['kg-upk.97-5', '2026-03-14', '19:15'],
      ['kg-upk.100-2', '2026-03-14', '22:15'],
    ]);
  });

  it('recounts an accepted deadline when its event’s date is corrected, with a notice the lawyer acknowledges', async () => {
    const { w, kase, call } = await setup();
    const ev = w.timeline.createEvent({ caseId: kase.id, date: { precision: 'day', date: '2026-03-12' }, type: 'decision', description: 'отказ в возбуждении дела' });
    // Received a day after the decision's date: the trigger is the receipt, and it moves with the event.
    const { deadline } = await call('rules.accept', { eventId: ev.id, ruleId: 'kg-upk.154-3', triggerOn: '2026-03-13' });
    expect(deadline.dueOn).toBe('2026-03-23');
    await call('events.update', { id: ev.id, patch: { date: { precision: 'day', date: '2026-03-16' } } });
    expect(w.agenda.getDeadline(deadline.id).dueOn).toBe('2026-03-27'); // 17.03 + 10 = 27.03, a Friday
    const [link] = (await call('rules.links', { caseId: kase.id })).items;
    expect(link).toMatchObject({ triggerOn: '2026-03-17', computedDueOn: '2026-03-27', notice: { previousDueOn: '2026-03-23', reason: 'trigger' } });
    const seen = await call('rules.acknowledge', { deadlineId: deadline.id });
    expect(seen.notice).toBeNull();
    // Another field of the event changes nothing.
    await call('events.update', { id: ev.id, patch: { description: 'отказ, копия получена позже' } });
    expect((await call('rules.links', { caseId: kase.id })).items[0]!.notice).toBeNull();
  });

  it('keeps a date the lawyer set by hand, but still says the count moved', async () => {
    const { w, kase, call } = await setup();
    const ev = w.timeline.createEvent({ caseId: kase.id, date: { precision: 'day', date: '2026-03-12' }, type: 'decision', description: 'отказ в возбуждении' });
    const { deadline, link } = await call('rules.accept', { eventId: ev.id, ruleId: 'kg-upk.154-3', triggerOn: '2026-03-12', dueOn: '2026-03-20' });
    expect(link.edited).toBe(true);
    await call('events.update', { id: ev.id, patch: { date: { precision: 'day', date: '2026-03-16' } } });
    expect(w.agenda.getDeadline(deadline.id).dueOn).toBe('2026-03-20');
    expect((await call('rules.links', { caseId: kase.id })).items[0]).toMatchObject({ computedDueOn: '2026-03-26', notice: { previousDueOn: '2026-03-20', reason: 'trigger' } });
  });

  it('recounts every linked deadline when the lawyer corrects the calendar, and lists the correction with the year', async () => {
    const { w, kase, call } = await setup();
    const ev = w.timeline.createEvent({ caseId: kase.id, date: { precision: 'day', date: '2026-03-12' }, type: 'decision', description: 'отказ в возбуждении' });
    const { deadline } = await call('rules.accept', { eventId: ev.id, ruleId: 'kg-upk.154-3', triggerOn: '2026-03-12' });
    expect(await call('rules.setDay', { date: '2026-03-23', kind: 'non_working', name: 'Объявлен выходным' })).toEqual({ moved: 1 });
    expect(w.agenda.getDeadline(deadline.id).dueOn).toBe('2026-03-24');
    expect((await call('rules.links', { caseId: kase.id })).items[0]!.notice).toMatchObject({ previousDueOn: '2026-03-23', reason: 'calendar' });
    const y = await call('rules.holidays', { year: 2026 });
    expect(y.days.find((d) => d.date === '2026-03-23')).toMatchObject({ local: true, kind: 'non_working' });
    expect(y.days.find((d) => d.date === '2026-03-21')).toMatchObject({ local: false, name: { en: 'Nooruz' } });
    expect(await call('rules.removeDay', { date: '2026-03-23' })).toEqual({ moved: 1 });
    expect(w.agenda.getDeadline(deadline.id).dueOn).toBe('2026-03-23');
  });

  it('refuses bad input with stable codes and changes nothing', async () => {
    const { w, kase, call, raw } = await setup();
    const ev = w.timeline.createEvent({ caseId: kase.id, date: { precision: 'day', date: '2026-03-12' }, type: 'incident' });
    await expect(call('rules.accept', { eventId: ev.id, ruleId: 'kg-upk.154-3', triggerOn: '2026-03-12' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(call('rules.accept', { eventId: ev.id, ruleId: 'kg-upk.999', triggerOn: '2026-03-12' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('rules.accept', { eventId: ev.id, ruleId: 'kg-upk.154-3', triggerOn: '2026-02-30' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(raw('rules.setDay', { date: '2026-03-23', kind: 'holiday', name: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(w.agenda.listDeadlines(kase.id)).toEqual([]);
  });
});
