import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PickedFile } from '../../../../shared/schemas/picked';
import { call, callResult } from '../../api/client';
import { AuthLayout } from '../../components/AuthLayout';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { PassphraseInput } from '../../components/PassphraseInput';
import { enterApp, startSession } from './session';

/**
 * Restore a backup into the app's vault folder: on a new laptop (from the first screen), over a damaged or
 * forgotten vault (from the unlock screen), or from Settings. A vault already here is only moved aside, and
 * only after the lawyer ticks that she understands; the newest snapshot that verifies is restored and opened
 * with the passphrase it was backed up with.
 */
export function RestoreScreen({ vaultExists }: { vaultExists: boolean }) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState<PickedFile | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ snapshot: string; movedAside: string | null; warnings: number } | null>(null);

  async function choose() {
    setError(null);
    const r = await callResult('dialog.pickFolder', { purpose: 'backup-folder' });
    if (!r.ok) return setError(errorText(t, r.error));
    if (r.value.folder) setFolder(r.value.folder);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!folder) return setError(t('restore.noFolder'));
    if (!passphrase) return setError(t('common.required'));
    if (vaultExists && !replace) return setError(t('restore.confirmNeeded'));
    setBusy(true);
    const r = await callResult('vault.restore', { from: folder.token, passphrase, replaceExisting: vaultExists && replace });
    setBusy(false);
    setPassphrase('');
    // A token is good for one call: a failed attempt needs the folder chosen again.
    setFolder(null);
    if (!r.ok) return setError(r.error.code === 'WRONG_PASSPHRASE' ? t('restore.wrongPassphrase') : errorText(t, r.error));
    setDone({ snapshot: r.value.snapshot, movedAside: r.value.movedAside, warnings: r.value.warnings.length });
  }

  if (done) {
    return (
      <AuthLayout title={t('restore.doneTitle')}>
        <div data-testid="restore-done">
          <p className="lead">{t('restore.done', { snapshot: done.snapshot })}</p>
          {done.movedAside ? <Notice kind="info">{t('restore.movedAside', { folder: done.movedAside })}</Notice> : null}
          {done.warnings > 0 ? <Notice kind="warning">{t('restore.warnings', { count: done.warnings })}</Notice> : null}
          <div className="actions">
            <button type="button" className="button-primary" onClick={enterApp} autoFocus>
              {t('restore.open')}
            </button>
          </div>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('restore.title')}>
      <p className="lead">{t('restore.intro')}</p>
      <form onSubmit={submit} noValidate data-testid="restore">
        <div className="field" role="group" aria-label={t('restore.folder')}>
          <strong>{t('restore.folder')}</strong>
          <div className="actions">
            <button type="button" className="button-quiet" onClick={() => void choose()} disabled={busy}>
              {folder ? t('restore.chooseOther') : t('restore.choose')}
            </button>
            {folder ? <span data-testid="restore-folder">{folder.name}</span> : null}
          </div>
        </div>
        <PassphraseInput name="passphrase" label={t('restore.passphrase')} value={passphrase} onChange={setPassphrase} hint={t('restore.passphraseHint')} disabled={busy} />
        {vaultExists ? (
          <div className="weak-warning">
            <Notice kind="warning">{t('restore.existing')}</Notice>
            <label className="check">
              <input type="checkbox" name="replace" checked={replace} onChange={(e) => {
                  setReplace(e.target.checked);
                  setError(null);
                }} disabled={busy} />
              <span>{t('restore.replace')}</span>
            </label>
          </div>
        ) : null}
        {error ? (
          <Notice kind="error" testId="restore-error">
            {error}
          </Notice>
        ) : null}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {t('restore.submit')}
          </button>
          {busy ? (
            <>
              <p className="busy" role="status">
                {t('restore.working')}
              </p>
              <button type="button" className="button-quiet" onClick={() => void call('vault.cancelRestore', {})}>
                {t('restore.cancel')}
              </button>
            </>
          ) : null}
        </div>
      </form>
      <p className="secondary-action">
        <button type="button" className="button-link" onClick={() => void startSession(true)} disabled={busy}>
          {t('restore.back')}
        </button>
      </p>
    </AuthLayout>
  );
}
