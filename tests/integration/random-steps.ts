import type { AppServices } from '../../electron/composition/app-services';

/** What a random step needs of a member: its services and the clock its vault reads. */
export interface StepMember {
  services: AppServices;
  clock: { now: Date };
}

const WORDS = ['задержание', 'жалоба', 'свидетель', 'апелляция', 'экспертиза', 'Ош', 'Бишкек', 'appeal', 'witness', 'протокол'];

export interface World<M extends StepMember = StepMember> {
  caseId: string;
  members: M[];
  links: boolean[][];
  /** Ids of records anyone removed at some point (only these may be missing in the end). */
  removed: Set<string>;
  /** Every record id anyone made. */
  made: Set<string>;
}

/**
 * One random step of a lawyer's work on the shared case, or a link coming or going, or (along an open link) an
 * exchange `exchange(from, to)`: the one generator of steps both random tests use (merge-random hands changes
 * over in one process, sync-random through each member's own copy of the case folder).
 */
export async function step<M extends StepMember>(world: World<M>, rnd: () => number, n: number, exchange: (from: M, to: M) => unknown): Promise<void> {
  const pick = <T>(xs: T[]): T | undefined => (xs.length ? xs[Math.floor(rnd() * xs.length)] : undefined);
  const word = () => `${pick(WORDS)} ${n}`;
  const m = pick(world.members)!;
  m.clock.now = new Date(m.clock.now.getTime() + 1000 + Math.floor(rnd() * 5000));
  const w = m.services.caseWork;
  const caseId = world.caseId;
  const notes = w.notes.list(caseId);
  const deadlines = w.agenda.listDeadlines(caseId);
  const events = w.timeline.listEvents({ caseId });
  const proceedings = w.timeline.listProceedings(caseId);
  const hearings = w.agenda.listHearings(caseId);
  const persons = w.views.exportCase(caseId).persons;
  const r = rnd();
  const made = (id: string) => (world.made.add(id), id);
  const gone = (id: string | undefined) => id && world.removed.add(id);
  if (r < 0.12) made(w.notes.create({ caseId, title: word(), body: word() }).id);
  else if (r < 0.24) {
    const x = pick(notes);
    if (x) w.notes.update(x.id, rnd() < 0.5 ? { title: word() } : { body: word() });
  } else if (r < 0.29) {
    const x = pick(notes);
    if (x) (gone(x.id), w.notes.delete(x.id));
  } else if (r < 0.37) made(w.agenda.createDeadline({ caseId, dueOn: `2024-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`, what: word(), proceedingId: pick(proceedings)?.id ?? null }).id);
  else if (r < 0.45) {
    const x = pick(deadlines);
    if (x) rnd() < 0.5 ? w.agenda.updateDeadline(x.id, { what: word() }) : w.agenda.setDeadlineDone(x.id, !x.done);
  } else if (r < 0.49) {
    const x = pick(deadlines);
    if (x) (gone(x.id), w.agenda.deleteDeadline(x.id));
  } else if (r < 0.56) {
    const people = persons.filter(() => rnd() < 0.5).map((p) => p.id);
    made(w.timeline.createEvent({ caseId, date: { precision: 'year', year: 2010 + Math.floor(rnd() * 10) }, type: 'arrest', description: word(), personIds: people, proceedingId: pick(proceedings)?.id ?? null }).id);
  } else if (r < 0.63) {
    const x = pick(events);
    if (x) w.timeline.updateEvent(x.id, rnd() < 0.5 ? { description: word() } : { place: word() });
  } else if (r < 0.66) {
    const x = pick(events);
    if (x) (gone(x.id), w.timeline.deleteEvent(x.id));
  } else if (r < 0.71) made(w.timeline.createProceeding({ caseId, type: 'criminal_trial', body: word(), parentId: pick(proceedings)?.id ?? null }).id);
  else if (r < 0.74) {
    const x = pick(proceedings);
    if (x) {
      // A removed proceeding takes its hearings, events and deadlines along.
      gone(x.id);
      for (const y of [...hearings, ...events, ...deadlines]) if (y.proceedingId === x.id) gone(y.id);
      w.timeline.deleteProceeding(x.id);
    }
  } else if (r < 0.8) made(w.agenda.createHearing({ caseId, date: '2024-05-10', purpose: word(), proceedingId: pick(proceedings)?.id ?? null }).id);
  else if (r < 0.86) {
    const x = pick(hearings);
    if (x) w.agenda.updateHearing(x.id, rnd() < 0.5 ? { purpose: word() } : { room: word() });
  } else if (r < 0.9) w.cases.update(caseId, rnd() < 0.5 ? { summary: word() } : { stage: word() });
  else if (r < 0.93) {
    const p = w.persons.create({ name: `Свидетель ${n}` });
    const e = pick(events);
    if (e) w.timeline.updateEvent(e.id, { personIds: [...e.personIds, p.id] });
  } else if (r < 0.95) {
    // Someone settles an open conflict by taking one of its values.
    const c = pick(m.services.sharedDocs.conflicts(m.services.vault.current().db, caseId));
    if (c) m.services.writer.write((x) => m.services.sharedDocs.resolve(x, c.id, pick(c.values)!.valueId));
  } else if (r < 0.98) {
    // A link comes or goes.
    const i = Math.floor(rnd() * 3);
    const j = (i + 1 + Math.floor(rnd() * 2)) % 3;
    world.links[i]![j] = world.links[j]![i] = !world.links[i]![j];
  } else {
    const x = pick(world.members)!;
    const y = pick(world.members.filter((z) => z !== x))!;
    if (world.links[world.members.indexOf(x)]![world.members.indexOf(y)]) await exchange(x, y);
  }
  // Deliveries along open links.
  if (rnd() < 0.4) {
    const i = Math.floor(rnd() * 3);
    const j = (i + 1 + Math.floor(rnd() * 2)) % 3;
    if (world.links[i]![j]) await exchange(world.members[i]!, world.members[j]!);
  }
}

