import { describe, expect, it } from 'vitest';
import { comparable, db, deliver, member, type Member } from './merge-fixtures';
import { step, type World } from './random-steps';
import { seededRandom } from '../helpers/seeded';

/**
 * Three members of one shared case make random edits and removals while the links between them come and go
 * (partitions), then all links heal: every member must hold the same rows and the same open conflicts, and no
 * record that nobody removed may be missing. 10 seeds here; `npm run test:stress` (SAKTA_STRESS=1) runs 200.
 */
const SEEDS = process.env.SAKTA_STRESS === '1' ? 200 : 10;
const STEPS = 40;


/** Every member receives every other's changes until a full round brings nothing new. */
function heal(world: World<Member>): void {
  for (let round = 0; round < 10; round++) {
    let moved = 0;
    for (const from of world.members)
      for (const to of world.members) if (from !== to) moved += deliver(world, from, to).reduce((n, r) => n + r.added, 0);
    if (moved === 0) return;
  }
  throw new Error('the members did not settle within 10 rounds');
}

const conflictsOf = (m: Member, caseId: string) =>
  m.services.sharedDocs
    .conflicts(db(m), caseId)
    .map((c) => ({ id: c.id, rowKey: c.rowKey, field: c.field, kind: c.kind, values: c.values, shown: c.shown }))
    .sort((a, b) => a.id.localeCompare(b.id));

describe('shared case merge: three members, random edits, removals and partitions', () => {
  it(`converge to the same rows and the same open conflicts (${SEEDS} seeds)`, { timeout: SEEDS * 30_000 }, async () => {
    const members = [await member('lead', 'a'.repeat(32)), await member('cocounsel', 'b'.repeat(32)), await member('supervisor', 'c'.repeat(32))];
    const [lead, ...others] = members as [Member, ...Member[]];
    let conflictsSeen = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rnd = seededRandom(seed);
      // Each seed is a case of its own in the same three vaults.
      const caseId = lead.services.caseWork.cases.create({ title: `Дело ${seed}` }).id;
      lead.services.writer.write((w) => lead.services.sharedDocs.startSharing(w, caseId, lead.actor));
      for (const m of members) (m.outbox = [], m.seen = new Map());
      const world: World<Member> = { caseId, members, links: [[true, true, true], [true, true, true], [true, true, true]], removed: new Set(), made: new Set() };
      for (const m of others) {
        m.services.writer.write((w) => m.services.sharedDocs.join(w, caseId, m.actor));
        deliver(world, lead, m);
      }
      for (let n = 0; n < STEPS; n++) await step(world, rnd, n, (from, to) => deliver(world, from, to));
      heal(world);
      const expected = comparable(lead, caseId);
      for (const m of others) expect({ seed, member: m.name, state: comparable(m, caseId) }).toEqual({ seed, member: m.name, state: expected });
      const open = conflictsOf(lead, caseId);
      for (const m of others) expect({ seed, conflicts: conflictsOf(m, caseId) }).toEqual({ seed, conflicts: open });
      conflictsSeen += open.length;
      // Nothing silently dropped: every record nobody removed is there.
      const state = expected as { notes: { id: string }[]; events: { id: string }[]; deadlines: { id: string }[]; hearings: { id: string }[]; proceedings: { id: string }[] };
      const present = new Set([...state.notes, ...state.events, ...state.deadlines, ...state.hearings, ...state.proceedings].map((x) => x.id));
      for (const id of world.made) if (!world.removed.has(id)) expect({ seed, id, present: present.has(id) }).toEqual({ seed, id, present: true });
      // Nothing new to send once settled: the rows equal the documents everywhere.
      for (const m of members) expect(m.services.sharedDocs.pendingChanges(db(m), caseId).changes).toEqual([]);
      // Done with this case: each member stops sharing it (its rows stay), so the next seed's writes compare one case.
      for (const m of members) m.services.writer.write((w) => m.services.sharedDocs.stopSharing(w, caseId));
    }
    // The runs do exercise conflicts, not only clean merges.
    expect(conflictsSeen).toBeGreaterThan(0);
  });
});
