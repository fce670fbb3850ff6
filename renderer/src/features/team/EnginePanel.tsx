import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineCaseView, EngineProblemView } from '../../../../shared/schemas/sync-engine';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { currentLanguage, formatDate } from '../../i18n';
import { formatSize } from '../../lib/sizes';
import { navigate } from '../../router/router';
import { useQuery } from '../../state/store';

/**
 * Why a timer and not an event: the daemon's state (a peer connecting, bytes arriving, a stranger refused) changes
 * without any vault write, so `data.changed` never says so, and the app's three events (docs/architecture.md) carry
 * no engine news. A calm poll while this panel is on screen is the simplest correct refresh: the old answer stays
 * shown while the next loads (useQuery), and unmounting the Team screen stops it.
 */
const POLL_MS = 2500;

/** Sakta's own Syncthing, as `sakta sync-status` reports it: its state, peers online, problems, each case's folder. */
export function EnginePanel() {
  const { t } = useTranslation();
  const id = useId();
  const engine = useQuery('team.engine', {});
  const { reload } = engine;
  useEffect(() => {
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const e = engine.status === 'ready' ? engine.data : null;
  return (
    <section className="panel team-engine" aria-labelledby={`${id}-h`} data-testid="team-engine">
      <h2 id={`${id}-h`}>{t('team.engine.title')}</h2>
      {engine.status === 'error' ? <Notice kind="error">{errorText(t, engine.error)}</Notice> : null}
      {e ? (
        <>
          <dl className="facts team-engine-facts">
            <dt>{t('team.engine.state')}</dt>
            <dd data-testid="team-engine-state" data-state={e.state}>
              <span className={`team-engine-dot team-engine-${e.state}`} aria-hidden="true" />
              {t(`team.engine.states.${e.state}`)}
            </dd>
            {e.state === 'running' ? (
              <>
                <dt>{t('team.engine.peers')}</dt>
                <dd data-testid="team-engine-peers">{t('team.engine.peersOnline', { count: e.peersOnline })}</dd>
              </>
            ) : null}
          </dl>
          {e.state === 'missing' ? (
            <Notice kind="warning" testId="team-engine-install">
              <p>{t('team.engine.install.intro')}</p>
              <ul className="cw-plain">
                <li>
                  {t('team.engine.install.debian')} <code>sudo apt-get install syncthing</code>
                </li>
                <li>
                  {t('team.engine.install.mac')} <code>brew install syncthing</code>
                </li>
              </ul>
              <p>{t('team.engine.install.after')}</p>
            </Notice>
          ) : null}
          {e.state === 'stopped' ? <p className="cw-muted">{t('team.engine.stoppedHint')}</p> : null}
          <Problems problems={e.problems.filter((p) => !(e.state === 'missing' && p.code === 'ENGINE_MISSING'))} />
          {e.cases.length ? <EngineCases cases={e.cases} /> : null}
        </>
      ) : engine.status === 'loading' ? (
        <p className="busy">{t('common.loading')}</p>
      ) : null}
    </section>
  );
}

function Problems({ problems }: { problems: EngineProblemView[] }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  if (!problems.length) return null;
  return (
    <ul className="team-engine-problems" data-testid="team-engine-problems">
      {problems.map((p, i) => (
        <li key={`${p.code}-${p.at}-${i}`} data-code={p.code}>
          {/* The detail (an address, a device id) goes into the sentence; without one, the sentence that needs none. */}
          <span className="team-engine-problem">{t(`team.engine.problems.${p.code}`, { detail: p.detail ?? '', context: p.detail && (p.code === 'PORT_IN_USE' || p.code === 'PEER_UNKNOWN') ? 'detail' : undefined })}</span>
          <time className="cw-muted team-engine-when" dateTime={p.at}>
            {formatDate(p.at, lng)}
          </time>
        </li>
      ))}
    </ul>
  );
}

function EngineCases({ cases }: { cases: EngineCaseView[] }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <table className="team-engine-cases" data-testid="team-engine-cases">
      <thead>
        <tr>
          <th scope="col">{t('team.engine.cols.case')}</th>
          <th scope="col">{t('team.engine.cols.lastSynced')}</th>
          <th scope="col">{t('team.engine.cols.peers')}</th>
          <th scope="col">{t('team.engine.cols.waiting')}</th>
          <th scope="col">{t('team.engine.cols.conflicts')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => {
          const f = c.folder;
          return (
            <tr key={c.caseId} data-case={c.caseId}>
              <td>
                <button type="button" className="button-link" onClick={() => navigate('case', { caseId: c.caseId, tab: 'sharing' })}>
                  {c.title ?? t('team.cases.untitled')}
                </button>
              </td>
              <td>{f?.lastSynced ? formatDate(f.lastSynced, lng) : t('team.cases.never')}</td>
              <td data-testid="team-engine-case-peers">{f ? `${f.peersConnected} / ${f.peersTotal}` : '—'}</td>
              <td data-testid="team-engine-case-waiting">
                {!f ? '—' : f.filesWaiting === 0 && f.bytesToGo === 0 ? t('team.engine.upToDate') : t('team.engine.waiting', { count: f.filesWaiting, size: formatSize(t, f.bytesToGo, lng) })}
                {f && f.bytesToGo > 0 ? (
                  <span className="team-engine-bar">
                    <progress max={1} value={f.progress} aria-label={t('team.engine.progress', { pct: Math.floor(f.progress * 100) })} />
                    <span className="cw-muted">{t('team.engine.progress', { pct: Math.floor(f.progress * 100) })}</span>
                  </span>
                ) : null}
              </td>
              <td>
                {c.openConflicts ? (
                  <button type="button" className="button-link team-warn" onClick={() => navigate('conflicts', { caseId: c.caseId })}>
                    {c.openConflicts}
                  </button>
                ) : (
                  '0'
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
