import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPartialDate } from '../../../../shared/partial-date';
import type { CaseOverview } from '../../../../shared/schemas/case-overview';
import { CaseForm } from '../cases/NewCaseForm';
import { categoryName, showDay } from '../../lib/format';

/** The case at a glance: summary, who is who (and who speaks for a client who died), where it stands, what is next. */
export function OverviewTab({ data }: { data: CaseOverview }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  if (editing) return <CaseForm editing={data.case} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />;
  return (
    <div className="cw-stack">
      <div className="actions">
        <button type="button" className="button-quiet" onClick={() => setEditing(true)}>
          {t('casework.edit.case')}
        </button>
      </div>
      <Overview data={data} />
    </div>
  );
}

function Overview({ data }: { data: CaseOverview }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const c = data.case;
  const cur = data.currentProceeding;
  return (
    <div className="cw-overview">
      <div className="cw-overview-main">
        <section className="panel" aria-labelledby="ov-summary">
          <h2 id="ov-summary">{t('casework.case.summary')}</h2>
          {c.summary ? <p className="cw-prose">{c.summary}</p> : <p className="cw-muted">{t('casework.case.noSummary')}</p>}
          <dl className="facts">
            <dt>{t('casework.case.category')}</dt>
            <dd>{categoryName(t, data.category)}</dd>
            <dt>{t('casework.case.courtNumbers')}</dt>
            <dd data-testid="court-numbers">
              {c.courtNumbers.length
                ? c.courtNumbers.map((n, i) => (
                    <span key={i} className="cw-chip">
                      {n.number}
                      {n.body ? <span className="cw-muted"> · {n.body}</span> : null}
                    </span>
                  ))
                : '—'}
            </dd>
            <dt>{t('casework.case.opened')}</dt>
            <dd>{showDay(c.openedOn, lng)}</dd>
            {c.closedOn ? (
              <>
                <dt>{t('casework.case.closed')}</dt>
                <dd>{showDay(c.closedOn, lng)}</dd>
              </>
            ) : null}
            {c.tags.length ? (
              <>
                <dt>{t('casework.caseForm.tags')}</dt>
                <dd>{c.tags.map((tag) => <span key={tag} className="cw-chip">{tag}</span>)}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="panel" aria-labelledby="ov-parties" data-testid="overview-parties">
          <h2 id="ov-parties">{t('casework.case.parties')}</h2>
          {data.parties.length === 0 ? (
            <p className="cw-muted">{t('casework.case.noParties')}</p>
          ) : (
            <ul className="cw-parties">
              {data.parties.map((p) => (
                <li key={p.role.id} className={p.deceased ? 'is-deceased' : undefined}>
                  <span className="cw-role">{t(`casework.roles.${p.role.role}`)}</span>
                  <span className="cw-party-name">{p.person.name}</span>
                  {p.deceased ? (
                    <span className="cw-deceased">
                      † {p.person.death ? t('casework.case.died', { date: formatPartialDate(p.person.death, lng) }) : t('casework.case.deceased')}
                    </span>
                  ) : null}
                  {p.representedBy.length ? (
                    <span className="cw-represented" data-testid="represented-by">
                      {t('casework.case.representedBy', { names: p.representedBy.map((r) => `${r.name} (${t(`casework.roles.${r.role}`)})`).join(', ') })}
                    </span>
                  ) : null}
                  {p.role.rankUnit ? <span className="cw-muted">{p.role.rankUnit}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <aside className="cw-overview-side">
        <section className="panel" aria-labelledby="ov-stage">
          <h2 id="ov-stage">{t('casework.case.stage')}</h2>
          <p>{c.stage ?? '—'}</p>
          {cur ? (
            <p className="cw-muted">
              {t('casework.case.currentProceeding')}: {t(`casework.proceedingTypes.${cur.type}`)}
              {cur.body ? ` · ${cur.body}` : ''}
            </p>
          ) : null}
        </section>
        <section className="panel" aria-labelledby="ov-next" data-testid="overview-next-hearing">
          <h2 id="ov-next">{t('casework.case.nextHearing')}</h2>
          {data.nextHearing ? (
            <p>
              <strong>{showDay(data.nextHearing.date, lng)}</strong>
              {data.nextHearing.time ? ` ${data.nextHearing.time}` : ''}
              <br />
              <span className="cw-muted">{[data.nextHearing.purpose, data.nextHearing.body, data.nextHearing.room].filter(Boolean).join(' · ')}</span>
            </p>
          ) : (
            <p className="cw-muted">{t('casework.case.noHearing')}</p>
          )}
        </section>
        <section className="panel" aria-labelledby="ov-deadlines" data-testid="overview-deadlines">
          <h2 id="ov-deadlines">{t('casework.case.openDeadlines')}</h2>
          {data.openDeadlines.length ? (
            <ul className="cw-plain">
              {data.openDeadlines.map((d) => (
                <li key={d.id}>
                  <strong>{showDay(d.dueOn, lng)}</strong> — {d.what}
                </li>
              ))}
            </ul>
          ) : (
            <p className="cw-muted">{t('casework.case.noDeadlines')}</p>
          )}
        </section>
      </aside>
    </div>
  );
}
