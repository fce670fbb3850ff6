import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../../shared/schemas/team';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { currentLanguage, formatDate } from '../../i18n';
import { navigate } from '../../router/router';
import { useQuery } from '../../state/store';
import { ConflictsList } from './ConflictsList';
import './team.css';

/**
 * A case's Sharing tab: "Share this case" with a paired device, its members (removing one says plainly what
 * the removed member keeps), and for a shared case when it last synced and its open conflicts.
 */
export function CaseSharing({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const identity = useQuery('team.identity', {});
  const members = useQuery('team.members', { caseId });
  const me = identity.status === 'ready' ? identity.data : null;
  const m = members.status === 'ready' ? members.data : null;
  return (
    <div className="cw-stack team-case" data-testid="case-sharing">
      <section className="panel" aria-labelledby={`${id}-share`}>
        <h2 id={`${id}-share`}>{t('team.case.share')}</h2>
        {me ? <ShareForm caseId={caseId} me={me} members={m?.members ?? []} /> : null}
      </section>
      <section className="panel" aria-labelledby={`${id}-members`} data-testid="case-members">
        <h2 id={`${id}-members`}>{t('team.case.members')}</h2>
        {m && !m.shared && m.members.length === 0 ? <p className="cw-muted">{t('team.case.notShared')}</p> : null}
        {members.status === 'error' ? <Notice kind="error">{errorText(t, members.error)}</Notice> : null}
        {m ? <Members caseId={caseId} members={m.members} /> : null}
      </section>
      {m?.shared ? <SharedState caseId={caseId} /> : null}
    </div>
  );
}

function ShareForm({ caseId, me, members }: { caseId: string; me: { deviceId: string | null; peers: { deviceId: string; name: string }[]; teamFolder: string | null }; members: Member[] }) {
  const { t } = useTranslation();
  const id = useId();
  const active = new Set(members.filter((x) => x.status === 'active').map((x) => x.deviceId));
  const candidates = me.peers.filter((p) => !active.has(p.deviceId));
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const pick = chosen && candidates.some((p) => p.deviceId === chosen) ? chosen : (candidates[0]?.deviceId ?? '');
  const missing = !me.deviceId ? t('team.case.notSetUp') : !me.teamFolder ? t('team.case.noFolder') : me.peers.length === 0 ? t('team.case.noPeers') : null;
  async function share() {
    setMessage(null);
    try {
      await call('team.share', { caseId, deviceId: pick });
      setMessage({ kind: 'info', text: t('team.case.shared', { name: me.peers.find((p) => p.deviceId === pick)?.name ?? pick }) });
    } catch (e) {
      if (!isApiError(e)) throw e;
      setMessage({ kind: 'error', text: errorText(t, e) });
    }
  }
  if (missing) {
    return (
      <>
        <p>{missing}</p>
        <button type="button" className="button-quiet" onClick={() => navigate('team')}>
          {t('team.case.goTeam')}
        </button>
      </>
    );
  }
  return (
    <>
      {candidates.length ? (
        <div className="team-row">
          <label htmlFor={`${id}-with`}>{t('team.case.with')}</label>
          <select id={`${id}-with`} value={pick} onChange={(e) => setChosen(e.target.value)}>
            {candidates.map((p) => (
              <option key={p.deviceId} value={p.deviceId}>
                {p.name}
              </option>
            ))}
          </select>
          <button type="button" className="button-primary" onClick={() => void share()}>
            {t('team.case.share')}
          </button>
        </div>
      ) : (
        <p className="cw-muted">{t('team.case.allShared')}</p>
      )}
      {message ? <Notice kind={message.kind} testId="case-share-message">{message.text}</Notice> : null}
    </>
  );
}

function Members({ caseId, members }: { caseId: string; members: Member[] }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const label = (x: Member) => (x.self ? t('team.case.self') : (x.name ?? `${x.deviceId.slice(0, 8)}… (${t('team.case.unknownMember')})`));
  async function remove(deviceId: string) {
    setError(null);
    try {
      await call('team.unshare', { caseId, deviceId });
      setAsking(null);
    } catch (e) {
      if (!isApiError(e)) throw e;
      setError(errorText(t, e));
    }
  }
  return (
    <>
      <ul className="team-members">
        {members.map((x) => (
          <li key={x.deviceId} data-testid="case-member" data-device={x.deviceId} data-status={x.status}>
            <strong>{label(x)}</strong>
            <span className="cw-muted">{x.status === 'active' ? t('team.case.active') : t('team.case.removed')}</span>
            {!x.self && x.status === 'active' ? (
              <button type="button" className="button-danger-quiet cw-small" onClick={() => setAsking(x.deviceId)} disabled={asking !== null}>
                {t('team.case.remove')}
              </button>
            ) : null}
            {asking === x.deviceId ? (
              <span className="cw-confirm" role="alertdialog" aria-label={t('team.case.remove')} data-testid="member-remove-confirm">
                <span>{t('team.case.removeConfirm', { name: label(x) })}</span>
                <button type="button" className="button-danger cw-small" onClick={() => void remove(x.deviceId)}>
                  {t('team.case.removeYes')}
                </button>
                <button type="button" className="button-quiet cw-small" onClick={() => setAsking(null)}>
                  {t('team.case.cancel')}
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {error ? <Notice kind="error">{error}</Notice> : null}
    </>
  );
}

function SharedState({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const lng = currentLanguage();
  const status = useQuery('team.status', {});
  const s = status.status === 'ready' ? status.data.cases.find((c) => c.caseId === caseId) : undefined;
  const times = [s?.lastSentAt, s?.lastReceivedAt].filter((x): x is string => !!x).sort();
  const last = times[times.length - 1];
  return (
    <section className="panel" aria-labelledby={`${id}-state`} data-testid="case-sync-state">
      <h2 id={`${id}-state`}>{t('team.case.state')}</h2>
      <dl className="facts">
        <dt>{t('team.case.lastSynced')}</dt>
        <dd data-testid="case-last-synced">{last ? formatDate(last, lng) : t('team.cases.never')}</dd>
        {s?.documentsWaiting ? (
          <>
            <dt />
            <dd>{t('team.cases.waiting', { count: s.documentsWaiting })}</dd>
          </>
        ) : null}
      </dl>
      <h3>{t('team.conflicts.title')}</h3>
      <ConflictsList caseId={caseId} />
    </section>
  );
}
