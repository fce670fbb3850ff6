import { describe, expect, it } from 'vitest';
import { PASS } from '../helpers/vault';
import { comparable, db, sharedCase, syncAll, type Member } from './merge-fixtures';

/** The shared documents' storage: snapshots, reopening, and a write that fails leaving no change record. */
describe('shared case merge: storage', () => {
  it('a long history is snapshotted and reopens after a lock; the other member still converges', async () => {
    const shared = await sharedCase(['lead', 'cocounsel']);
    const { members, caseId } = shared;
    const [a, b] = members as [Member, Member];
    const note = a.services.caseWork.notes.create({ caseId, title: 'Журнал', body: '' });
    for (let i = 1; i <= 300; i++) a.services.caseWork.notes.update(note.id, { body: `запись ${i}` });
    const stored = db(a).prepare('SELECT snapshot_seq, snapshot IS NOT NULL AS has FROM shared_docs WHERE case_id = ?').get(caseId) as { snapshot_seq: number; has: number };
    expect(stored.has).toBe(1);
    expect(stored.snapshot_seq).toBeGreaterThanOrEqual(256);
    a.services.vault.lock();
    await a.services.vault.unlock(PASS);
    // Reopened from the snapshot and the changes after it: an edit is captured on top, and all of it travels.
    a.services.caseWork.notes.update(note.id, { title: 'Журнал встреч' });
    syncAll(shared);
    expect(b.services.caseWork.notes.get(note.id)).toMatchObject({ title: 'Журнал встреч', body: 'запись 300' });
    expect(comparable(b, caseId)).toEqual(comparable(a, caseId));
  });

  it('a write that fails records nothing in the shared document, and the next write is captured as usual', async () => {
    const shared = await sharedCase(['lead', 'cocounsel']);
    const { members, caseId } = shared;
    const [a, b] = members as [Member, Member];
    const before = a.services.sharedDocs.pendingChanges(db(a), caseId).changes.length;
    expect(() =>
      a.services.writer.write((w) => {
        w.db.prepare('UPDATE cases SET summary = ? WHERE id = ?').run('не сохранится', caseId);
        w.record({ action: 'case.update', entityType: 'case', entityId: caseId, caseId });
        // The capture ran inside this write (a nested write joins it), then the write fails.
        a.services.sharedDocs.captureLocal(w, [caseId]);
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(a.services.sharedDocs.pendingChanges(db(a), caseId).changes.length).toBe(before);
    a.services.caseWork.cases.update(caseId, { summary: 'сохранится' });
    syncAll(shared);
    expect(b.services.caseWork.cases.get(caseId).summary).toBe('сохранится');
  });
});
