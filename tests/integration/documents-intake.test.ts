import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/ipc/events';
import { tmpDir } from '../helpers/tmp';
import { APP_CALLER, vaultWithCase, writeFile } from './documents-fixtures';
import { dispatcherFor } from '../helpers/ipc';

const KYRGYZ = 'Мен бул арызды прокуратурага жана сотко берип жатам, анткени милиция кызматкерлери тарабынан мага карата күч колдонулду жана медициналык жардам көрсөтүлгөн жок.';
const RUSSIAN = 'Заявитель был задержан сотрудниками милиции и доставлен в отдел, где к нему применялось насилие, и он не получил медицинской помощи.';

describe('intake: language read from the text, bulk edit', () => {
  it('sets the language the text is written in, in the trail, unless the lawyer chose one first', async () => {
    const v = await vaultWithCase();
    const dir = tmpDir();
    const r = await v.services.documents.import({ caseId: v.caseId, paths: [writeFile(dir, 'арыз.txt', KYRGYZ), writeFile(dir, 'жалоба.txt', RUSSIAN), writeFile(dir, 'chosen.txt', RUSSIAN)] });
    const [ky, ru, chosen] = r.documents;
    // The lawyer sets English on the third before its text is read: the reading does not override it.
    v.services.documents.update(chosen!.id, { language: 'en' });
    await v.services.documents.scheduleExtraction();
    expect(v.services.documents.get(ky!.id).language).toBe('ky');
    expect(v.services.documents.get(ru!.id).language).toBe('ru');
    expect(v.services.documents.get(chosen!.id).language).toBe('en');
    const custody = v.services.documents.custody(ky!.id).map((e) => e);
    expect(custody.find((e) => e.action === 'document.update')?.detail).toEqual({ changed: { language: { from: null, to: 'ky' } }, detected: true });
  });

  it('one bulk edit changes several documents in one transaction, one custody entry each, tags added', async () => {
    const v = await vaultWithCase();
    const dir = tmpDir();
    const r = await v.services.documents.import({ caseId: v.caseId, paths: [1, 2, 3].map((i) => writeFile(dir, `scan-${i}.bin`, new Uint8Array(64).fill(i))) });
    const ids = r.documents.map((d) => d.id);
    v.services.documents.update(ids[0]!, { tags: ['prosecutor'] });
    const dispatch = dispatcherFor(v.services, { allowedOrigins: [APP_CALLER.origin] });
    const events: EventPayload<'data.changed'>[] = [];
    v.services.events.on('data.changed', (e) => events.push(e));
    const out = (await dispatch('documents.updateMany', { caseId: v.caseId, ids, patch: { type: 'decision', date: { precision: 'month', year: 2024, month: 3 }, language: 'ru', addTags: ['appeal'] } }, APP_CALLER)) as {
      ok: boolean;
      value: { documents: { type: string; language: string; tags: string[] }[] };
    };
    expect(out.ok).toBe(true);
    expect(out.value.documents.map((d) => [d.type, d.language, d.tags])).toEqual([
      ['decision', 'ru', ['prosecutor', 'appeal']],
      ['decision', 'ru', ['appeal']],
      ['decision', 'ru', ['appeal']],
    ]);
    expect(events).toHaveLength(1);
    for (const id of ids) expect(v.services.documents.custody(id).filter((e) => e.action === 'document.update' && 'type' in (e.detail.changed as object))).toHaveLength(1);

    // A document of another case in the list: nothing changes at all.
    const other = v.services.caseWork.cases.create({ title: 'Other case' });
    const stray = (await v.services.documents.import({ caseId: other.id, paths: [writeFile(dir, 'stray.bin', new Uint8Array(64).fill(9))] })).documents[0]!;
    const refused = (await dispatch('documents.updateMany', { caseId: v.caseId, ids: [ids[0]!, stray.id], patch: { type: 'complaint' } }, APP_CALLER)) as { ok: boolean };
    expect(refused.ok).toBe(false);
    expect(v.services.documents.get(ids[0]!).type).toBe('decision');
    // An empty edit is refused by the schema.
    expect(((await dispatch('documents.updateMany', { caseId: v.caseId, ids, patch: {} }, APP_CALLER)) as { ok: boolean }).ok).toBe(false);
  });
});
