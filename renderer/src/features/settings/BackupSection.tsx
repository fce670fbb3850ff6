import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/schemas/settings';
import type { VerifyReport } from '../../../../shared/schemas/backup';
import { call, isApiError, onEvent } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { currentLanguage, formatDate } from '../../i18n';
import { useQuery } from '../../state/store';
import { lockNow, showRestore } from '../vault/session';
import { SettingsFieldsForm } from './SettingsFieldsForm';
import { reloadSettings } from './settings-data';

type Run = { jobId: string; done: number; total: number; phase?: string } | null;
const PHASES = ['blobs', 'database', 'manifest', 'prune'];
type Message = { kind: 'error' | 'info' | 'warning'; text: string } | null;

/** Backups to a folder the lawyer picks (a USB stick, an external disk), with progress, cancel and verify. */
export function BackupSection({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const id = useId();
  const lng = currentLanguage();
  const status = useQuery('backup.status', {});
  const [run, setRun] = useState<Run>(null);
  const [message, setMessage] = useState<Message>(null);
  const [verifying, setVerifying] = useState(false);
  const [report, setReport] = useState<VerifyReport | null>(null);

  useEffect(() => {
    if (!run) return;
    return onEvent('job.progress', (p) => {
      if (p.jobId === run.jobId) setRun((r) => (r && r.jobId === p.jobId ? { ...r, done: p.done, total: p.total, phase: p.label } : r));
    });
  }, [run?.jobId]);

  async function pickFolder() {
    setMessage(null);
    try {
      const r = await call('dialog.pickFolder', { purpose: 'backup-folder' });
      if (!r.folder) return;
      // The main process checks and stores the folder the dialog returned; the page sends only its token.
      await call('backup.setFolder', { folder: r.folder.token });
      await reloadSettings();
    } catch (e) {
      if (isApiError(e)) setMessage({ kind: 'error', text: errorText(t, e) });
      else throw e;
    }
  }

  async function backUp() {
    const jobId = `backup-${crypto.randomUUID()}`;
    setMessage(null);
    setReport(null);
    setRun({ jobId, done: 0, total: 0 });
    try {
      const r = await call('backup.run', { jobId });
      setMessage({
        kind: r.warnings.length ? 'warning' : 'info',
        text: [t('protection.backup.done', { count: r.filesWritten, reused: r.blobsReused }), ...r.warnings].join(' '),
      });
    } catch (e) {
      if (!isApiError(e)) throw e;
      setMessage(e.code === 'CANCELLED' ? { kind: 'info', text: t('protection.backup.cancelled') } : { kind: 'error', text: errorText(t, e) });
    } finally {
      setRun(null);
      // "Running" is not stored data (no data.changed when a run is cancelled): ask again.
      status.reload();
    }
  }

  async function verify() {
    setMessage(null);
    setReport(null);
    setVerifying(true);
    try {
      setReport(await call('backup.verify', {}));
    } catch (e) {
      if (!isApiError(e)) throw e;
      setMessage({ kind: 'error', text: errorText(t, e) });
    } finally {
      setVerifying(false);
    }
  }

  const s = status.status === 'ready' ? status.data : null;
  const folder = settings.backupFolder;
  const pct = run && run.total > 0 ? Math.round((run.done / run.total) * 100) : null;

  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="settings-backup">
      <h2 id={`${id}-h`}>{t('protection.backup.title')}</h2>
      <p className="section-intro">{t('protection.backup.intro')}</p>
      <dl className="facts">
        <dt>{t('protection.backup.folder')}</dt>
        <dd className="path" data-testid="backup-folder">
          {folder ?? <em>{t('protection.backup.noFolder')}</em>}
        </dd>
        <dt>{t('protection.backup.last')}</dt>
        <dd data-testid="backup-last">
          {s?.lastBackupAt ? formatDate(s.lastBackupAt, lng) : t('protection.backup.never')}
        </dd>
      </dl>
      {s?.reminderDue && folder ? (
        <Notice kind="warning">{s.lastBackupAt ? t('protection.backup.due', { count: s.reminderDays }) : t('protection.backup.first')}</Notice>
      ) : null}
      <div className="actions">
        <button type="button" className="button-quiet" onClick={() => void pickFolder()} disabled={run !== null}>
          {folder ? t('protection.backup.changeFolder') : t('protection.backup.chooseFolder')}
        </button>
        <button type="button" className="button-primary" onClick={() => void backUp()} disabled={!folder || run !== null || verifying}>
          {t('protection.backup.now')}
        </button>
        <button type="button" className="button-quiet" onClick={() => void verify()} disabled={!folder || run !== null || verifying}>
          {t('protection.backup.verify')}
        </button>
      </div>
      {run ? (
        <div className="backup-progress" role="status" data-testid="backup-progress">
          <progress max={100} value={pct ?? undefined} aria-label={t('protection.backup.running')} />
          <span>
            {run.phase && PHASES.includes(run.phase)
              ? t(`protection.backup.phase.${run.phase}`, { done: run.done, total: run.total })
              : t('protection.backup.running')}
          </span>
          <button type="button" className="button-quiet" onClick={() => void call('backup.cancel', {}).catch(() => undefined)}>
            {t('protection.backup.cancel')}
          </button>
        </div>
      ) : null}
      {verifying ? (
        <p className="busy" role="status">
          {t('protection.backup.verifying')}
        </p>
      ) : null}
      {message ? (
        <Notice kind={message.kind} testId="backup-message">
          {message.text}
        </Notice>
      ) : null}
      {report ? <VerifyResult report={report} /> : null}
      <h3>{t('protection.backup.policy')}</h3>
      <SettingsFieldsForm names={['backupReminderDays', 'backupKeepLast', 'backupKeepWeekly']} settings={settings} testId="backup-settings" />
      <h3>{t('restore.settingsTitle')}</h3>
      <p className="cw-muted">{t('restore.settingsIntro')}</p>
      <div className="actions">
        <button type="button" className="button-quiet" onClick={() => void lockNow().then(() => showRestore(true))}>
          {t('restore.settingsButton')}
        </button>
      </div>
    </section>
  );
}

function VerifyResult({ report }: { report: VerifyReport }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const bad = report.snapshots.filter((s) => !s.ok);
  return (
    <div data-testid="verify-report">
      <Notice kind={report.ok ? 'info' : 'error'}>
        {report.ok ? t('protection.backup.verifyOk', { count: report.snapshots.length }) : t('protection.backup.verifyBad', { count: bad.length })}
      </Notice>
      {report.snapshots.length ? (
        <ul className="snapshot-list">
          {report.snapshots.map((s) => (
            <li key={s.snapshot} className={s.ok ? 'snapshot-ok' : 'snapshot-bad'}>
              <span>{s.createdAt ? formatDate(s.createdAt, lng) : s.snapshot}</span>
              <span>{s.ok ? t('protection.backup.snapshotOk') : s.problems.join(' ')}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
