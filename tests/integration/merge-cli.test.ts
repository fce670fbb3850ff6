import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { PASS } from '../helpers/vault';
import { sharedCase, syncAll, type Member } from './merge-fixtures';

/** `sakta conflicts` and `sakta resolve` through the documented entry (bin/sakta.cjs), on vaults made by the services. */
describe('CLI: conflicts and resolve', () => {
  it('lists a conflict with both values and authors, resolves it, and the other side follows after a sync', async () => {
    const shared = await sharedCase(['lead', 'cocounsel']);
    const { members, caseId } = shared;
    const [a, b] = members as [Member, Member];
    const note = a.services.caseWork.notes.create({ caseId, title: 'Ходатайство', body: '' });
    syncAll(shared);
    a.services.caseWork.notes.update(note.id, { title: 'Ходатайство об экспертизе' });
    b.services.caseWork.notes.update(note.id, { title: 'Ходатайство о допросе' });
    syncAll(shared);
    b.services.vault.lock();
    const env = { SAKTA_PASSPHRASE: PASS };

    const listed = await runCli(['conflicts', '--vault', b.dir, '--case', caseId, '--json'], { env });
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const [c] = JSON.parse(listed.stdout) as { id: string; field: string; values: { valueId: string; value: string; actor: string; at: string }[] }[];
    expect(c!.field).toBe('title');
    expect(c!.values.map((v) => [v.value, v.actor]).sort()).toEqual([
      ['Ходатайство о допросе', b.actor],
      ['Ходатайство об экспертизе', a.actor],
    ]);

    const text = await runCli(['conflicts', '--vault', b.dir], { env });
    expect(text.stdout).toContain(`take ${c!.values[0]!.valueId}:`);
    expect(text.stdout).toContain('Ходатайство о допросе');

    const take = c!.values.find((v) => v.actor === a.actor)!;
    const resolved = await runCli(['resolve', '--vault', b.dir, '--conflict', c!.id, '--take', take.valueId, '--json'], { env });
    expect(resolved.code).toBe(0);
    expect(JSON.parse(resolved.stdout)).toMatchObject({ resolved: c!.id, kept: { value: 'Ходатайство об экспертизе' } });
    const after = await runCli(['conflicts', '--vault', b.dir, '--json'], { env });
    expect(JSON.parse(after.stdout)).toEqual([]);
    // A second resolve of the same conflict is refused, and says why.
    const again = await runCli(['resolve', '--vault', b.dir, '--conflict', c!.id, '--take', take.valueId], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no such open conflict');

    // Back in the app: the resolution reaches the lead.
    await b.services.vault.unlock(PASS);
    expect(b.services.caseWork.notes.get(note.id).title).toBe('Ходатайство об экспертизе');
    syncAll(shared);
    expect(a.services.sharedDocs.conflicts(a.services.vault.current().db, caseId)).toEqual([]);
    expect(a.services.caseWork.notes.get(note.id).title).toBe('Ходатайство об экспертизе');
  });
});
