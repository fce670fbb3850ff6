import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { callResult } from '../../api/client';
import { AuthLayout } from '../../components/AuthLayout';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { PassphraseInput } from '../../components/PassphraseInput';
import type { LockReason } from '../../../../shared/ipc/events';
import { enterApp, showRecover, showRestore } from './session';

export function UnlockScreen({ reason, discarded = false }: { reason: LockReason | null; discarded?: boolean }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  // Back to the field after a failed attempt, once it is enabled again.
  useEffect(() => {
    if (failures > 0 && !busy) input.current?.focus();
  }, [failures, busy]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!passphrase) return setError(t('common.required'));
    setBusy(true);
    setError(null);
    const r = await callResult('vault.unlock', { passphrase });
    setBusy(false);
    // Cleared either way: a wrong attempt must not stay on screen for the next person to see or retry.
    setPassphrase('');
    if (r.ok) return enterApp();
    setError(r.error.code === 'WRONG_PASSPHRASE' ? t('unlock.wrong') : errorText(t, r.error));
    setFailures((n) => n + 1);
  }

  return (
    <AuthLayout title={t('unlock.title')}>
      {reason && reason !== 'user' ? <Notice kind="info">{t(`unlock.reason.${reason}`)}</Notice> : null}
      {discarded ? <Notice kind="warning">{t('unlock.discarded')}</Notice> : null}
      <form onSubmit={submit} noValidate data-testid="unlock">
        <PassphraseInput
          name="passphrase"
          label={t('unlock.passphrase')}
          value={passphrase}
          onChange={setPassphrase}
          autoFocus
          disabled={busy}
          inputRef={input}
        />
        {error ? (
          <Notice kind="error" testId="unlock-error">
            {error}
          </Notice>
        ) : null}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {t('unlock.submit')}
          </button>
          {busy ? <p className="busy" role="status">{t('unlock.working')}</p> : null}
        </div>
      </form>
      <p className="secondary-action">
        <button type="button" className="button-link" onClick={showRecover} disabled={busy}>
          {t('unlock.useRecovery')}
        </button>
      </p>
      <p className="secondary-action">
        <button type="button" className="button-link" onClick={() => showRestore(true)} disabled={busy}>
          {t('restore.fromUnlock')}
        </button>
      </p>
    </AuthLayout>
  );
}
