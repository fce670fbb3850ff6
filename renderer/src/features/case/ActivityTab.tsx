import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../../../shared/schemas/common';
import { call } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { useQuery } from '../../state/store';
import { describeEntry, type Translator } from './activity-labels';
import { formatTimestamp, localToday } from './format';

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

/** "Tuesday, 24 November 2026" / "Вторник, 24 ноября 2026 г." (Intl writes Russian weekdays in lower case). */
function dayHeading(day: string, lng: string): string {
  const s = formatTimestamp(`${day}T12:00:00`, lng, { dateStyle: 'full' });
  return s.charAt(0).toLocaleUpperCase(lng) + s.slice(1);
}

/** The case's audit trail in words: what was done to which kind of record, and when; field names, never values. */
export function ActivityTab({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery(`case:${caseId}:activity`, () => call('cases.activity', { caseId, limit: 500 }).then((r) => r.entries));
  if (q.status === 'loading') return <p className="busy">{t('common.loading')}</p>;
  if (q.status === 'error') return <Notice kind="error">{errorText(t, q.error)}</Notice>;
  if (q.data.length === 0) return <p className="cw-muted">{t('casework.activity.none')}</p>;
  const lng = i18n.language;
  const tr: Translator = { t: (key, options) => t(key, options ?? {}), exists: (key) => i18n.exists(key) };
  return (
    <div className="cw-activity" data-testid="activity">
      <p className="cw-muted cw-activity-hint">{t('casework.activity.hint')}</p>
      {groupByDay(q.data).map(([day, list]) => (
        <section key={day} aria-labelledby={`act-day-${day}`}>
          <h2 id={`act-day-${day}`} className="cw-activity-day">
            <time dateTime={day}>{dayHeading(day, lng)}</time>
          </h2>
          <ol className="boxed-list cw-activity-list">
            {list.map((a) => {
              const line = describeEntry(tr, a);
              return (
                <li key={a.seq} className="cw-activity-entry" data-testid="activity-entry" data-action={a.action}>
                  <time dateTime={a.at} className="cw-activity-time">
                    {formatTimestamp(a.at, lng, { timeStyle: 'short' })}
                  </time>
                  <span className="cw-activity-body">
                    <span className="cw-activity-what">
                      {line.phrase ?? (
                        <>
                          {line.kind ? <span>{line.kind} · </span> : null}
                          <code className="cw-activity-code">{a.action}</code>
                        </>
                      )}
                      {line.subject ? <span className="cw-activity-subject"> {t('casework.activity.quoted', { name: line.subject })}</span> : null}
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
    </div>
  );
}
