import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCalendarExport } from '../../electron/services/exports/calendar-export';
import { parseIcs } from '../helpers/ics-parse';
import { tmpDir } from '../helpers/tmp';
import { vaultWithCase } from './documents-fixtures';

describe('calendar export (.ics)', () => {
  it('carries only the chosen cases and kinds; no client names unless asked; audited as an export', async () => {
    const { services, caseId } = await vaultWithCase('Турсунов против ОВД Первомайского района');
    const w = services.caseWork;
    w.cases.update(caseId, { internalRef: 'АП-77' });
    const h = w.agenda.createHearing({ caseId, date: '2030-04-02', time: '10:00', body: 'Первомайский районный суд', purpose: 'Допрос свидетеля' });
    const d = w.agenda.createDeadline({ caseId, dueOn: '2030-05-01', what: 'Апелляционная жалоба' });
    const doneOne = w.agenda.createDeadline({ caseId, dueOn: '2030-03-01', what: 'Done already' });
    w.agenda.setDeadlineDone(doneOne.id, true);
    const other = w.cases.create({ title: 'Другое дело' });
    w.agenda.createHearing({ caseId: other.id, date: '2030-04-03' });
    const out = path.join(tmpDir(), 'sakta.ics');
    const s = services.vault.current();

    const r = await writeCalendarExport(services.writer, s, { caseIds: [caseId], hearings: true, deadlines: true, lang: 'ru' }, out);
    expect(r).toEqual({ hearings: 1, deadlines: 1 });
    const text = fs.readFileSync(out, 'utf8');
    expect(text).not.toContain('Турсунов');
    expect(text).not.toContain('Первомайский');
    const { events } = parseIcs(text);
    expect(events.map((e) => [e['UID']!.value, e['SUMMARY']!.value])).toEqual([
      [`hearing-${h.id}@sakta`, 'Заседание — дело АП-77'],
      [`deadline-${d.id}@sakta`, 'Срок — дело АП-77'],
    ]);

    // Names and details only when ticked; the same UIDs, so a calendar updates rather than doubles.
    await writeCalendarExport(services.writer, s, { caseIds: [caseId], hearings: true, deadlines: false, includeNames: true, includeDetails: true, lang: 'en' }, out);
    const again = parseIcs(fs.readFileSync(out, 'utf8')).events;
    expect(again).toHaveLength(1);
    expect(again[0]!['UID']!.value).toBe(`hearing-${h.id}@sakta`);
    expect(again[0]!['SUMMARY']!.value).toBe('Hearing — Турсунов против ОВД Первомайского района: Допрос свидетеля');
    expect(again[0]!['LOCATION']!.value).toBe('Первомайский районный суд');

    const actions = s.audit.list(s.db, { limit: 4 }).map((e) => e.action);
    expect(actions).toEqual(['calendar.export', 'calendar.export.started', 'calendar.export', 'calendar.export.started']);
  });
});
