import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countWords } from '../../../../shared/deadline-words';
import { formatDay, readExactDay } from '../../../../shared/partial-date';
import type { Proposal, TriggerAct } from '../../../../shared/schemas/deadline-rules';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { DateInput } from '../../components/DateInput';
import { Notice } from '../../components/Notice';
import { useQuery } from '../../state/store';
import { showDay } from '../../lib/format';
import { RuleCitation } from './RuleCitation';
import { loc, ruleLang } from './rule-text';
import './deadlines.css';

/**
 * Proposals, not surprises: after the lawyer records an event, the deadlines the procedure attaches to it,
 * each with its date, the count in words and the article. Nothing is added until the lawyer accepts.
 * An event no rule starts from shows nothing at all.
 */
export function ProposalPanel({ eventId, onClose }: { eventId: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [act, setAct] = useState<TriggerAct | ''>('');
  // The start date as typed or picked ("12.03.2026", "12 марта 2026"); empty: the event's own date.
  const [triggerText, setTriggerText] = useState('');
  const [dismissed, setDismissed] = useState<string[]>([]);
  const read = triggerText ? readExactDay(triggerText) : null;
  const trigger = read?.ok ? read.day : '';
  const q = useQuery('rules.propose', { eventId, ...(act ? { act } : {}), ...(trigger ? { triggerOn: trigger } : {}) });
  if (q.status === 'loading') return null;
  if (q.status === 'error') return <Notice kind="error">{errorText(t, q.error)}</Notice>;
  const p = q.data;
  if (p.acts.length === 0) return null;
  const shown = p.proposals.filter((x) => !dismissed.includes(x.rule.rule.id));
  const startsFrom = p.proposals[0]?.rule.rule.trigger.startsFrom ?? 'received';
  return (
    <section className="panel dl-proposals" aria-labelledby="dl-prop-h" data-testid="deadline-proposals">
      <h2 id="dl-prop-h">{t('deadlines.proposals.title')}</h2>
      <p className="cw-muted">{t('deadlines.proposals.intro')}</p>
      <div className="cw-grid">
        {p.acts.length > 1 ? (
          <div className="field">
            <label htmlFor="dl-act">{t('deadlines.proposals.whichAct')}</label>
            <select id="dl-act" value={act || p.act || ''} onChange={(e) => setAct(e.target.value as TriggerAct | '')}>
              <option value="">{t('deadlines.proposals.chooseAct')}</option>
              {p.acts.map((a) => (
                <option key={a} value={a}>
                  {t(`deadlines.acts.${a}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {p.act ? (
          <div className="field">
            <label htmlFor="dl-trigger">{t(`deadlines.startsFrom.${startsFrom}`)}</label>
            <DateInput
              id="dl-trigger"
              value={triggerText || (p.triggerOn ? formatDay(p.triggerOn, i18n.language) : '')}
              onChange={(e) => setTriggerText(e.target.value)}
              onPick={setTriggerText}
            />
          </div>
        ) : null}
      </div>
      {p.act && !p.triggerOn ? <p className="cw-muted">{t('deadlines.proposals.needExactDate')}</p> : null}
      {shown.map((x) => (
        <ProposalCard key={x.rule.rule.id} eventId={eventId} proposal={x} onDismiss={() => setDismissed([...dismissed, x.rule.rule.id])} />
      ))}
      <div className="actions">
        <button type="button" className="button-quiet" onClick={onClose}>
          {t('deadlines.proposals.dismissAll')}
        </button>
      </div>
    </section>
  );
}

function ProposalCard({ eventId, proposal, onDismiss }: { eventId: string; proposal: Proposal; onDismiss(): void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { rule } = proposal.rule;
  const c = proposal.computation;
  const [acceptedId, setAcceptedId] = useState(proposal.acceptedDeadlineId);
  const [editing, setEditing] = useState(false);
  const [dueText, setDueText] = useState(() => formatDay(c.dueOn, lng));
  const due = readExactDay(dueText);
  const [failure, setFailure] = useState<string | null>(null);
  const accept = async (withDate?: string) => {
    setFailure(null);
    try {
      const r = await call('rules.accept', { eventId, ruleId: rule.id, triggerOn: c.triggerOn, what: loc(rule.action, lng), ...(withDate ? { dueOn: withDate } : {}) });
      setAcceptedId(r.deadline.id);
      // The accept's data.changed event reloads the case and these proposals (they come back marked accepted).
    } catch (err) {
      setFailure(isApiError(err) ? errorText(t, err) : t('errors.INTERNAL'));
    }
  };
  const headingId = `dl-${rule.id.replace(/\W/g, '-')}`;
  return (
    <article className="dl-card" aria-labelledby={headingId} data-testid="deadline-proposal">
      <h3 id={headingId}>{loc(rule.title, lng)}</h3>
      <p className="dl-due">
        <span className="cw-muted">{t('deadlines.proposals.due')}: </span>
        <strong data-testid="proposal-due">{showDay(c.dueOn, lng)}</strong>
        {c.dueTime ? ` ${t('deadlines.proposals.until', { time: c.dueTime })}` : null}
      </p>
      <p className="dl-words" data-testid="proposal-words">
        {countWords(c, rule.trigger.startsFrom, ruleLang(lng))}
      </p>
      <RuleCitation citation={rule.citation} />
      <dl className="dl-facts">
        <dt>{t('deadlines.proposals.actionLabel')}</dt>
        <dd>{loc(rule.action, lng)}</dd>
        <dt>{t('deadlines.proposals.beforeLabel')}</dt>
        <dd>{loc(rule.before, lng)}</dd>
        {rule.extendable ? (
          <>
            <dt>{t('deadlines.proposals.extendable')}</dt>
            <dd>{loc(rule.extendable, lng)}</dd>
          </>
        ) : null}
        {rule.restorable ? (
          <>
            <dt>{t('deadlines.proposals.restorable')}</dt>
            <dd>{loc(rule.restorable, lng)}</dd>
          </>
        ) : null}
      </dl>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      {acceptedId ? (
        <p className="dl-accepted" role="status">
          {t('deadlines.proposals.accepted')}
        </p>
      ) : editing ? (
        <div className="actions">
          <div className="field">
            <label htmlFor={`${headingId}-date`}>{t('deadlines.proposals.newDate')}</label>
            <DateInput id={`${headingId}-date`} value={dueText} onChange={(e) => setDueText(e.target.value)} onPick={setDueText} />
          </div>
          <button type="button" className="button-primary" disabled={!due.ok} onClick={() => due.ok && void accept(due.day)}>
            {t('deadlines.proposals.acceptDate')}
          </button>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="button-primary" onClick={() => void accept()}>
            {t('deadlines.proposals.accept')}
          </button>
          <button type="button" className="button-quiet" onClick={() => setEditing(true)}>
            {t('deadlines.proposals.changeDate')}
          </button>
          <button type="button" className="button-quiet" onClick={onDismiss}>
            {t('deadlines.proposals.dismiss')}
          </button>
        </div>
      )}
    </article>
  );
}
