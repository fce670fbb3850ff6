import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';
import { vaultWithCase, writeFile } from './documents-fixtures';

/**
 * The case list's "Changed" is the latest change of the case or anything in it: a record, a document, a saved
 * bundle, a removal and its Undo. A view or an export is not a change.
 */
describe('case list: Changed', () => {
  it('follows record, document and bundle activity, and not views', async () => {
    const { services, caseId, clock } = await vaultWithCase();
    const changed = () => services.caseWork.cases.list({}).items.find((c) => c.id === caseId)!.updatedAt;
    const step = (label: string) => {
      clock.now = new Date(clock.now.getTime() + 3_600_000);
      return { label, at: clock.now.toISOString() };
    };

    let s = step('document imported');
    const { documents } = await services.documents.import({ caseId, paths: [writeFile(tmpDir(), 'statement.bin', new Uint8Array(64).fill(3))] });
    expect([s.label, changed()]).toEqual([s.label, s.at]);

    s = step('document renamed');
    services.documents.update(documents[0]!.id, { title: 'Заявление в прокуратуру' });
    expect([s.label, changed()]).toEqual([s.label, s.at]);

    const viewedAt = changed();
    step('document viewed');
    services.documents.open(documents[0]!.id);
    expect(['a view is not a change', changed()]).toEqual(['a view is not a change', viewedAt]);

    s = step('bundle saved');
    services.bundles.saveDefinition({ caseId, name: 'Апелляция', definition: services.bundles.defaults(caseId) });
    expect([s.label, changed()]).toEqual([s.label, s.at]);

    const note = services.caseWork.notes.create({ caseId, title: 'x', body: '' });
    s = step('note removed');
    services.caseWork.notes.delete(note.id);
    expect([s.label, changed()]).toEqual([s.label, s.at]);

    s = step('note restored');
    services.caseWork.bin.restore(note.id);
    expect([s.label, changed()]).toEqual([s.label, s.at]);
  });
});
