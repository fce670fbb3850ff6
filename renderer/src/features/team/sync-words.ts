import type { TFunction } from 'i18next';
import type { SyncSummary } from '../../../../shared/schemas/team';

/** One sync's result in plain words: what went out, what came in, what waits, what needs a choice. */
export function syncSummaryLines(t: TFunction, r: SyncSummary): string[] {
  const sentCases = new Set(r.sent.map((s) => s.caseId)).size;
  const lines = [
    r.keysReceived.length ? t('team.sync.keys', { count: new Set(r.keysReceived.map((k) => k.caseId)).size }) : '',
    sentCases ? t('team.sync.sent', { count: sentCases }) : '',
    r.received.length ? t('team.sync.received', { count: r.received.length }) : '',
    r.documentsWaiting ? t('team.sync.waiting', { count: r.documentsWaiting }) : '',
    r.openConflicts ? t('team.sync.conflicts', { count: r.openConflicts }) : '',
  ].filter(Boolean);
  return lines.length ? lines : [t('team.sync.nothing')];
}

/** Each distinct report once, in the UI language (the service's English message is the fallback). */
export function reportLines(t: TFunction, r: SyncSummary): string[] {
  return [...new Set(r.reports.map((x) => t(`team.reports.${x.code}`, { defaultValue: x.message })))];
}
