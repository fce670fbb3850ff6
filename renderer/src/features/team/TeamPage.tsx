import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';
import { currentLanguage, formatDate } from '../../i18n';
import { navigate } from '../../router/router';
import { useQuery } from '../../state/store';
import { EnginePanel } from './EnginePanel';
import { PairSection } from './PairSection';
import { SafetyCode } from './SafetyCode';
import { SyncSection } from './SyncSection';
import './team.css';

/**
 * The Team screen: this device's identity, pairing by safety code, the paired devices, the team folder with
 * "Sync now", and each shared case's state. The same services as `sakta identity/pair/sync/sync-status`.
 */
export function TeamPage() {
  const { t } = useTranslation();
  const identity = useQuery('team.identity', {});
  const me = identity.status === 'ready' ? identity.data : null;
  return (
    <div className="team-page" data-testid="team-page">
      <PageHeader
        title={t('team.title')}
        actions={
          <button type="button" className="button-quiet" data-testid="team-open-conflicts" onClick={() => navigate('conflicts')}>
            {t('team.conflicts.open')}
          </button>
        }
      />
      <p className="section-intro">{t('team.intro')}</p>
      {identity.status === 'error' ? <Notice kind="error">{errorText(t, identity.error)}</Notice> : null}
      {/* The engine first and full width: whether shared cases travel at all is what a lawyer checks first. */}
      {me?.deviceId ? <EnginePanel /> : null}
      {me ? (
        <div className="team-grid">
          {/* Daily work (Sync now, the shared cases) first; the identity and pairing, needed once, after it. */}
          <div className="team-col">
            {me.deviceId ? <SyncSection teamFolder={me.teamFolder} /> : null}
            <DeviceSection deviceId={me.deviceId} peers={me.peers} />
          </div>
          <div className="team-col">
            {me.deviceId ? <SharedCases /> : null}
            {me.deviceId ? <PairSection /> : null}
          </div>
        </div>
      ) : identity.status === 'loading' ? (
        <p className="busy">{t('common.loading')}</p>
      ) : null}
    </div>
  );
}

function DeviceSection({ deviceId, peers }: { deviceId: string | null; peers: { deviceId: string; name: string; pairedAt: string; safetyCode: string }[] }) {
  const { t } = useTranslation();
  const id = useId();
  const lng = currentLanguage();
  const [error, setError] = useState<string | null>(null);
  async function setUp() {
    setError(null);
    try {
      await call('team.setUp', {});
    } catch (e) {
      if (!isApiError(e)) throw e;
      setError(errorText(t, e));
    }
  }
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="team-device">
      <h2 id={`${id}-h`}>{t('team.device.title')}</h2>
      {deviceId ? (
        <dl className="facts">
          <dt>{t('team.device.id')}</dt>
          <dd className="team-mono" data-testid="team-device-id">
            {deviceId}
          </dd>
        </dl>
      ) : (
        <>
          <p>{t('team.device.notSetUp')}</p>
          <div className="actions">
            <button type="button" className="button-primary" data-testid="team-setup" onClick={() => void setUp()}>
              {t('team.device.setUp')}
            </button>
          </div>
        </>
      )}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {deviceId ? (
        <>
          <h3>{t('team.peers.title')}</h3>
          {peers.length === 0 ? (
            <p className="cw-muted">{t('team.peers.none')}</p>
          ) : (
            <ul className="team-peers" data-testid="team-peers">
              {peers.map((p) => (
                <li key={p.deviceId} data-device={p.deviceId}>
                  <strong>{p.name}</strong> <span className="cw-muted team-mono">{p.deviceId}</span>
                  <span className="cw-muted"> · {t('team.peers.pairedAt', { date: formatDate(p.pairedAt, lng) })}</span>
                  <details>
                    <summary>{t('team.peers.code')}</summary>
                    <SafetyCode code={p.safetyCode} />
                  </details>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}

function SharedCases() {
  const { t } = useTranslation();
  const id = useId();
  const lng = currentLanguage();
  const status = useQuery('team.status', {});
  const cases = status.status === 'ready' ? status.data.cases : [];
  const when = (x: string | null) => (x ? formatDate(x, lng) : t('team.cases.never'));
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="team-cases">
      <h2 id={`${id}-h`}>{t('team.cases.title')}</h2>
      {status.status === 'ready' && cases.length === 0 ? <p className="cw-muted">{t('team.cases.none')}</p> : null}
      <ul className="team-cases">
        {cases.map((c) => (
          <li key={c.caseId}>
            <button type="button" className="button-link" onClick={() => navigate('case', { caseId: c.caseId, tab: 'sharing' })}>
              {c.title ?? t('team.cases.untitled')}
            </button>
            <span className="cw-muted">
              {t('team.cases.lastSent')}: {when(c.lastSentAt)} · {t('team.cases.lastReceived')}: {when(c.lastReceivedAt)}
            </span>
            {c.openConflicts ? (
              <button type="button" className="button-link team-warn" onClick={() => navigate('conflicts', { caseId: c.caseId })}>
                {t('team.cases.conflicts', { count: c.openConflicts })}
              </button>
            ) : null}
            {c.documentsWaiting ? <span className="cw-muted">{t('team.cases.waiting', { count: c.documentsWaiting })}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
