import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../helpers/samples';
import { newVault } from '../helpers/vault';

/** An event recorded from a document (a refusal received as a PDF) links it in the same write, within its case only. */
describe('events created from documents', () => {
  it('links the document to the event in one change, and refuses a document of another case without writing anything', async () => {
    const { services: s } = await newVault();
    const a = s.caseWork.cases.create({ title: 'Дело А' });
    const b = s.caseWork.cases.create({ title: 'Дело Б' });
    const { documents } = await s.documents.import({ caseId: a.id, paths: [path.join(SAMPLES, 'complaint-to-prosecutor-ru.pdf')] });
    const doc = documents[0]!;
    const db = s.vault.current().db;
    const entries = () => (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;

    const before = entries();
    expect(() => s.caseWork.timeline.createEvent({ caseId: b.id, date: { precision: 'day', date: '2026-03-12' }, type: 'decision', documentIds: [doc.id] })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(entries()).toBe(before);
    expect(s.caseWork.timeline.listEvents({ caseId: b.id })).toEqual([]);

    const ev = s.caseWork.timeline.createEvent({ caseId: a.id, date: { precision: 'day', date: '2026-03-12' }, type: 'decision', description: 'Отказ', documentIds: [doc.id] });
    expect(entries()).toBe(before + 1);
    expect(ev).not.toHaveProperty('documentIds');
    expect(s.documents.get(doc.id).links).toEqual([{ type: 'event', id: ev.id }]);
  });
});
