import { describe, expect, it } from 'vitest';
import { comparable, openConflicts, sharedCase, syncAll } from './merge-fixtures';

/**
 * Found by tests/integration/team-sync-partition.test.ts (seed 1675819647): three members wrote a case's tags at
 * once (a conflict of three values); later one of them typed the tags again, and what it typed happened to be
 * another member's value (not the one shown). That edit was never sent: its vault showed it, the others kept
 * showing the old winner, and the three never converged.
 */
describe('shared cases: an edit that equals one of a conflict\u2019s values', () => {
  it('is sent like any edit: it settles the conflict and every member shows it', async () => {
    const shared = await sharedCase(['a', 'b', 'c']);
    const { members, caseId } = shared;
    const [a, b, c] = members.map((m) => m.services.caseWork);
    if (!a || !b || !c) throw new Error('three members');
    a.cases.update(caseId, { tags: ['экспертиза', 'ИВС'] });
    b.cases.update(caseId, { tags: ['протокол', 'свидетель'] });
    c.cases.update(caseId, { tags: ['adjourned', 'Ош'] });
    syncAll(shared);
    const open = openConflicts(members[0]!, caseId);
    expect(open.map((x) => x.field)).toEqual(['tags']);
    const shown = a.cases.get(caseId).tags;
    const other = [['экспертиза', 'ИВС'], ['протокол', 'свидетель'], ['adjourned', 'Ош']].find((t) => JSON.stringify(t) !== JSON.stringify(shown) && JSON.stringify(t) !== JSON.stringify(['протокол', 'свидетель']))!;

    // B types a value that is one of the candidates but not the one shown.
    b.cases.update(caseId, { tags: other });
    syncAll(shared);
    for (const m of members) expect(m.services.caseWork.cases.get(caseId).tags).toEqual(other);
    for (const m of members) expect(openConflicts(m, caseId)).toEqual([]);
    expect(comparable(members[1]!, caseId)).toEqual(comparable(members[0]!, caseId));
    expect(comparable(members[2]!, caseId)).toEqual(comparable(members[0]!, caseId));
  });
});
