import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncSummary } from '../../../../shared/schemas/team';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { createStore, useStore } from '../../state/store';
import { reportLines, syncSummaryLines } from './sync-words';

/** The last sync's result stays while the vault is open (moving to a case and back keeps it); dropped at lock. */
const lastSync = createStore<SyncSummary | null>(null);

/** The team folder (chosen once in the folder dialog, kept in the settings) and "Sync now" with its result. */
export function SyncSection({ teamFolder }: { teamFolder: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const last = useStore(lastSync);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function chooseFolder() {
    setError(null);
    try {
      const r = await call('dialog.pickFolder', { purpose: 'team-folder' });
      if (r.folder) await call('team.setFolder', { folder: r.folder.token });
    } catch (e) {
      if (!isApiError(e)) throw e;
      setError(errorText(t, e));
    }
  }

  async function syncNow() {
    setError(null);
    setRunning(true);
    try {
      lastSync.set(await call('team.sync', {}));
    } catch (e) {
      if (!isApiError(e)) throw e;
      setError(errorText(t, e));
    } finally {
      setRunning(false);
    }
  }

  const reports = last ? reportLines(t, last) : [];
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="team-sync">
      <h2 id={`${id}-h`}>{t('team.sync.title')}</h2>
      <p className="section-intro">{t('team.sync.intro')}</p>
      <dl className="facts">
        <dt>{t('team.sync.folder')}</dt>
        <dd className="path" data-testid="team-folder">
          {teamFolder ?? <em>{t('team.sync.noFolder')}</em>}
        </dd>
      </dl>
      <div className="actions">
        <button type="button" className="button-quiet" onClick={() => void chooseFolder()} disabled={running}>
          {teamFolder ? t('team.sync.changeFolder') : t('team.sync.chooseFolder')}
        </button>
        <button type="button" className="button-primary" onClick={() => void syncNow()} disabled={!teamFolder || running}>
          {running ? t('team.sync.running') : t('team.sync.now')}
        </button>
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {last ? (
        <div className="team-result" data-testid="team-sync-result" role="status">
          <h3>{t('team.sync.last')}</h3>
          <ul className="cw-plain">
            {syncSummaryLines(t, last).map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          {reports.length ? (
            <Notice kind="warning" testId="team-sync-reports">
              <strong>{t('team.sync.reports')}</strong>
              <ul className="cw-plain">
                {reports.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            </Notice>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
