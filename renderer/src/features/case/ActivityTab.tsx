import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../../../shared/schemas/common';
import { call, isApiError, type ApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { useQuery } from '../../state/store';
import { describeEntry, type Translator } from '../../lib/activity-labels';
import { formatDay } from '../../../../shared/partial-date';
import { formatTimeOf, localToday } from '../../lib/format';

/** Entries per request: a screenful of days for a busy case; older ones come on request. */
const PAGE = 200;

/** The first page and the older pages as one newest-first list, each entry once. */
function mergeBySeq(first: AuditEntryView[], older: AuditEntryView[]): AuditEntryView[] {
  const seen = new Set<number>();
  return [...first, ...older].filter((e) => !seen.has(e.seq) && seen.add(e.seq)).sort((a, b) => b.seq - a.seq);
}

/** Entries (newest first) in runs of one local day each, so a long history reads day by day. */
function groupByDay(entries: AuditEntryView[]): [string, AuditEntryView[]][] {
  const days: [string, AuditEntryView[]][] = [];
  for (const e of entries) {
    const d = new Date(e.at);
    const day = Number.isNaN(d.getTime()) ? e.at.slice(0, 10) : localToday(d);
    const last = days.at(-1);
    if (last && last[0] === day) last[1].push(e);
    else days.push([day, [e]]);
  }
  return days;
}

/** "Tuesday, 24 November 2026" / "Вторник, 24 ноября 2026": the weekday, then the day as everywhere else. */
function dayHeading(day: string, lng: string): string {
  const weekday = new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'ru-RU', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
  return `${weekday.charAt(0).toLocaleUpperCase(lng) + weekday.slice(1)}, ${formatDay(day, lng)}`;
}

/** The case's audit trail in words: what was done to which kind of record, and when; field names, never values. */
export function ActivityTab({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery('cases.activity', { caseId, limit: PAGE });
  // Older pages, fetched on request; the log is append-only, so they stay true while newer entries arrive.
  const [olderPages, setOlder] = useState<{ caseId: string; entries: AuditEntryView[]; more: boolean; names: Record<string, string> } | null>(null);
  // Kept per case: the tab may be reused when the lawyer switches to another case.
  const older = olderPages?.caseId === caseId ? olderPages : null;
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<ApiError | null>(null);
  if (q.status === 'loading') return <p className="busy">{t('common.loading')}</p>;
  if (q.status === 'error') return <Notice kind="error">{errorText(t, q.error)}</Notice>;
  if (q.data.entries.length === 0) return <p className="cw-muted">{t('casework.activity.none')}</p>;
  const entries = mergeBySeq(q.data.entries, older?.entries ?? []);
  const more = older ? older.more : q.data.more;
  // Which note, hearing or document an entry is about: its name now, or when it was removed.
  const names: Record<string, string> = { ...older?.names, ...q.data.names };
  const showOlder = () => {
    setLoadingOlder(true);
    setOlderError(null);
    call('cases.activity', { caseId, limit: PAGE, beforeSeq: entries.at(-1)!.seq }).then(
      (page) => setOlder({ caseId, entries: [...(older?.entries ?? []), ...page.entries], more: page.more, names: { ...older?.names, ...page.names } }),
      (e: unknown) => setOlderError(isApiError(e) ? e : null),
    ).finally(() => setLoadingOlder(false));
  };
  const lng = i18n.language;
  const tr: Translator = { t: (key, options) => t(key, options ?? {}), exists: (key) => i18n.exists(key) };
  return (
    <div className="cw-activity" data-testid="activity">
      <p className="cw-muted cw-activity-hint">{t('casework.activity.hint')}</p>
      {groupByDay(entries).map(([day, list]) => (
        <section key={day} aria-labelledby={`act-day-${day}`}>
          <h2 id={`act-day-${day}`} className="cw-activity-day">
            <time dateTime={day}>{dayHeading(day, lng)}</time>
          </h2>
          <ol className="boxed-list cw-activity-list">
            {list.map((a) => {
              const line = describeEntry(tr, a);
              const subject = line.subject ?? (a.entityId ? names[a.entityId] ?? null : null);
              return (
                <li key={a.seq} className="cw-activity-entry" data-testid="activity-entry" data-action={a.action}>
                  <time dateTime={a.at} className="cw-activity-time">
                    {formatTimeOf(a.at)}
                  </time>
                  <span className="cw-activity-body">
                    <span className="cw-activity-what">
                      {line.phrase ?? (
                        <>
                          {line.kind ? <span>{line.kind} · </span> : null}
                          <code className="cw-activity-code">{a.action}</code>
                        </>
                      )}
                      {subject ? <span className="cw-activity-subject"> {t('casework.activity.quoted', { name: subject })}</span> : null}
                    </span>
                    {line.fields.length || line.note ? (
                      <span className="cw-activity-detail">{[line.fields.join(', '), line.note].filter(Boolean).join(' · ')}</span>
                    ) : null}
                  </span>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      {olderError ? <Notice kind="error">{errorText(t, olderError)}</Notice> : null}
      {more ? (
        <button type="button" className="button-quiet cw-activity-more" onClick={showOlder} disabled={loadingOlder}>
          {loadingOlder ? t('common.loading') : t('casework.activity.older', { count: PAGE })}
        </button>
      ) : (
        <p className="cw-muted cw-activity-end">{t('casework.activity.start')}</p>
      )}
    </div>
  );
}
