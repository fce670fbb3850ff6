import { useTranslation } from 'react-i18next';
import type { AgendaDeadline, AgendaHearing } from '../../../../shared/schemas/agenda';
import type { RuleLink } from '../../../../shared/schemas/deadline-rules';
import { call } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';
import { navigate } from '../../router/router';
import { useQuery } from '../../state/store';
import '../../styles/casework.css';
import { daysBetween, showDay } from '../../lib/format';
import { RuleLinkInfo } from '../deadlines/RuleLinkInfo';

const DAYS = 14;

/** The first screen after unlock: what is overdue, what is coming, and where work happened last. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const day = useQuery('dashboard.get', { days: DAYS, recentLimit: 10 });
  // The rule and citation of each deadline shown that was accepted from a procedural rule.
  const shownIds = day.status === 'ready' ? [...day.data.overdue, ...day.data.dueSoon].map((x) => x.id) : [];
  const ruleLinks = useQuery('rules.linksFor', { deadlineIds: shownIds }, (r) => new Map<string, RuleLink>(r.items.map((l) => [l.deadlineId, l])));
  const links = ruleLinks.status === 'ready' ? ruleLinks.data : new Map<string, RuleLink>();
  const q = day.status === 'ready' ? { status: 'ready' as const, data: { ...day.data, links } } : day;

  async function markDone(id: string) {
    // The dashboard, the case's agenda and the calendar reload on the data.changed event this sends.
    await call('deadlines.setDone', { id, done: true });
  }

  return (
    <>
      <PageHeader title={t('dashboard.title')} />
      {q.status === 'loading' ? <p className="busy">{t('common.loading')}</p> : null}
      {q.status === 'error' ? <Notice kind="error">{errorText(t, q.error)}</Notice> : null}
      {q.status === 'ready' ? (
        <div className="cw-dashboard">
          <section className={`panel cw-overdue${q.data.overdue.length ? ' has-items' : ''}`} data-testid="dash-overdue" aria-labelledby="dash-overdue-h">
            <h2 id="dash-overdue-h">{t('casework.dashboard.overdue')}</h2>
            {q.data.overdue.length === 0 ? (
              <p className="cw-muted">{t('casework.dashboard.noOverdue')}</p>
            ) : (
              <ul className="cw-agenda">
                {q.data.overdue.map((d) => (
                  <DeadlineRow key={d.id} d={d} link={q.data.links.get(d.id)} today={q.data.today} lng={lng} onDone={() => void markDone(d.id)} />
                ))}
              </ul>
            )}
          </section>
          <div className="cw-dash-columns">
            <section className="panel" data-testid="dash-hearings" aria-labelledby="dash-hearings-h">
              <h2 id="dash-hearings-h">{t('casework.dashboard.hearings', { days: q.data.days })}</h2>
              {q.data.hearings.length === 0 ? (
                <p className="cw-muted">{t('casework.dashboard.noHearings')}</p>
              ) : (
                <ul className="cw-agenda">
                  {q.data.hearings.map((h) => (
                    <HearingRow key={h.id} h={h} today={q.data.today} lng={lng} />
                  ))}
                </ul>
              )}
            </section>
            <section className="panel" data-testid="dash-due" aria-labelledby="dash-due-h">
              <h2 id="dash-due-h">{t('casework.dashboard.dueSoon', { days: q.data.days })}</h2>
              {q.data.dueSoon.length === 0 ? (
                <p className="cw-muted">{t('casework.dashboard.noDeadlines')}</p>
              ) : (
                <ul className="cw-agenda">
                  {q.data.dueSoon.map((d) => (
                    <DeadlineRow key={d.id} d={d} link={q.data.links.get(d.id)} today={q.data.today} lng={lng} onDone={() => void markDone(d.id)} />
                  ))}
                </ul>
              )}
            </section>
          </div>
          <section className="panel" data-testid="dash-recent" aria-labelledby="dash-recent-h">
            <h2 id="dash-recent-h">{t('casework.dashboard.recent')}</h2>
            {q.data.recentCases.length === 0 ? (
              <p className="cw-muted">{t('casework.dashboard.noCases')}</p>
            ) : (
              <ul className="cw-recent">
                {q.data.recentCases.map((c) => (
                  <li key={c.id}>
                    <button type="button" className="button-link" onClick={() => navigate('case', { caseId: c.id, tab: 'overview' })}>
                      {c.title}
                    </button>
                    <span className="cw-muted">{[c.internalRef, ...c.courtNumbers.map((n) => n.number)].filter(Boolean).join(' · ')}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      ) : null}
    </>
  );
}

function RelDay({ day, today, lng }: { day: string; today: string; lng: string }) {
  const { t } = useTranslation();
  const diff = daysBetween(today, day);
  const rel = diff === 0 ? t('casework.dashboard.today') : diff === 1 ? t('casework.dashboard.tomorrow') : null;
  return (
    <span className="cw-when">
      {rel ? <strong>{rel} · </strong> : null}
      {showDay(day, lng)}
    </span>
  );
}

function HearingRow({ h, today, lng }: { h: AgendaHearing; today: string; lng: string }) {
  return (
    <li className="cw-agenda-item">
      <div className="cw-agenda-when">
        <RelDay day={h.date} today={today} lng={lng} />
        {h.time ? <span className="cw-time">{h.time}</span> : null}
      </div>
      <div className="cw-agenda-what">
        <button type="button" className="button-link" onClick={() => navigate('case', { caseId: h.caseId, tab: 'agenda' })}>
          {h.caseTitle}
        </button>
        <span className="cw-muted">{[h.purpose, h.body, h.room].filter(Boolean).join(' · ')}</span>
      </div>
    </li>
  );
}

function DeadlineRow({ d, link, today, lng, onDone }: { d: AgendaDeadline; link: RuleLink | undefined; today: string; lng: string; onDone(): void }) {
  const { t } = useTranslation();
  const late = daysBetween(d.dueOn, today);
  return (
    <li className={`cw-agenda-item${late > 0 ? ' is-overdue' : ''}`}>
      <div className="cw-agenda-when">
        <RelDay day={d.dueOn} today={today} lng={lng} />
        {late > 0 ? <span className="cw-badge-danger">{t('casework.dashboard.daysOverdue', { count: late })}</span> : null}
      </div>
      <div className="cw-agenda-what">
        <span className="cw-what">{d.what}</span>
        {link ? <RuleLinkInfo link={link} dueOn={d.dueOn} /> : null}
        <button type="button" className="button-link cw-muted" onClick={() => navigate('case', { caseId: d.caseId, tab: 'agenda' })}>
          {d.caseTitle}
        </button>
      </div>
      <button type="button" className="button-quiet cw-small" onClick={onDone}>
        {t('casework.dashboard.markDone')}
      </button>
    </li>
  );
}
