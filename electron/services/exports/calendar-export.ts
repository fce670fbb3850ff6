import { createHash } from 'node:crypto';
import { CalendarExportSchema, type CalendarExport, type CalendarExportResult } from '../../../shared/schemas/calendar-export';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { ChangeWriter } from '../changes/change-writer';
import { checkExportTarget } from '../paths/real-paths';
import type { VaultSession } from '../vault-service';
import { toIcs, type IcsEvent } from './ics';
import { exportPlaintext } from './plaintext-export';
import { StoredCourtNumbers, storedJson } from '../../base/stored-json';

const WORDS = {
  en: { hearing: 'Hearing', deadline: 'Deadline', case: 'case' },
  ru: { hearing: 'Заседание', deadline: 'Срок', case: 'дело' },
} as const;

interface CaseRow {
  id: string;
  title: string;
  internal_ref: string | null;
  court_numbers: string;
}

/** "case АП-77": the lawyer's own reference, else the first court number; never the title unless names are asked for. */
function caseLabel(c: CaseRow, words: (typeof WORDS)['en' | 'ru'], includeNames: boolean): string {
  if (includeNames) return c.title;
  const courts = storedJson(c.court_numbers, StoredCourtNumbers, 'case record');
  const ref = c.internal_ref ?? courts[0]?.number ?? null;
  return ref ? `${words.case} ${ref}` : '';
}

const join = (...parts: (string | null | undefined)[]) => parts.filter((p) => p && p.trim()).join(', ');

/**
 * Hearings and deadlines of the chosen cases as an .ics file where the lawyer chose in the save dialog. It is a
 * decrypted copy like any other: intent and outcome in the audit log, no silent replacement, never in the vault.
 */
export async function writeCalendarExport(
  writer: ChangeWriter,
  session: VaultSession,
  request: Omit<CalendarExport, 'target'>,
  outPath: string,
): Promise<CalendarExportResult> {
  const r = parseOrThrow(CalendarExportSchema, { ...request, target: '0'.repeat(64) }, 'calendar export');
  const target = checkExportTarget(outPath, session.paths.dir, { force: true, what: 'A calendar export' });
  const words = WORDS[r.lang];
  const db = session.db;
  const events: IcsEvent[] = [];
  let hearings = 0;
  let deadlines = 0;
  for (const caseId of r.caseIds) {
    const c = db.prepare('SELECT id, title, internal_ref, court_numbers FROM cases WHERE id = ?').get(caseId) as CaseRow | undefined;
    if (!c) continue;
    const label = caseLabel(c, words, r.includeNames);
    const summary = (what: string, detail?: string | null) => [what, label].filter(Boolean).join(' — ') + (detail ? `: ${detail}` : '');
    if (r.hearings) {
      const rows = db.prepare('SELECT * FROM hearings WHERE case_id = ? ORDER BY date, time').all(caseId) as {
        id: string; date: string; time: string | null; body: string | null; room: string | null; purpose: string | null; status: string;
      }[];
      for (const h of rows) {
        events.push({
          uid: `hearing-${h.id}@sakta`,
          date: h.date,
          time: h.time,
          summary: summary(words.hearing, r.includeDetails ? h.purpose : null),
          location: r.includeDetails ? join(h.body, h.room) : null,
          cancelled: h.status === 'cancelled',
        });
        hearings++;
      }
    }
    if (r.deadlines) {
      const rows = db.prepare('SELECT * FROM deadlines WHERE case_id = ? AND done = 0 ORDER BY due_on').all(caseId) as { id: string; due_on: string; what: string; rule: string | null }[];
      for (const d of rows) {
        events.push({
          uid: `deadline-${d.id}@sakta`,
          date: d.due_on,
          time: null,
          summary: summary(words.deadline, r.includeDetails ? d.what : null),
          description: r.includeDetails ? d.rule : null,
        });
        deadlines++;
      }
    }
  }
  const bytes = Buffer.from(toIcs(events, writer.now()), 'utf8');
  const detail = { hearings, deadlines, cases: r.caseIds.length, names: r.includeNames, details: r.includeDetails };
  await exportPlaintext(writer, session, { action: 'calendar.export', entityType: 'vault', entityId: 'calendar', caseId: null, detail }, [
    { target: target.path, replaces: target.replaces, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, write: (fh) => fh.writeFile(bytes) },
  ]);
  return { hearings, deadlines };
}
