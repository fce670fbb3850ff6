import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { PassphraseInput } from '../../components/PassphraseInput';

/**
 * A new recovery key on demand (issue 12): the passphrase confirms it is the lawyer; the new key is shown
 * once, here, until "I have written it down"; the old one is revoked with a key rotation.
 */
export function NewRecoveryKeySection() {
  const { t } = useTranslation();
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ passphrase?: string; form?: string }>({});
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!passphrase) return setError({ passphrase: t('common.required') });
    setError({});
    setBusy(true);
    try {
      const r = await call('vault.newRecoveryKey', { passphrase });
      setRecoveryKey(r.recoveryKey);
    } catch (err) {
      if (!isApiError(err)) throw err;
      if (err.code === 'WRONG_PASSPHRASE') setError({ passphrase: t('unlock.wrong') });
      else setError({ form: errorText(t, err) });
    } finally {
      setPassphrase('');
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="settings-new-recovery-key">
      <h2 id={`${id}-h`}>{t('protection.settings.newRecovery.title')}</h2>
      <p>{t('protection.settings.newRecovery.intro')}</p>
      {recoveryKey ? (
        <Notice kind="warning">
          <p>{t('protection.settings.newRecovery.shown')}</p>
          <p className="recovery-key" data-testid="new-recovery-key">
            {recoveryKey}
          </p>
          <p>{t('protection.settings.newRecovery.oldCopies')}</p>
          <button type="button" className="button-primary" onClick={() => setRecoveryKey(null)}>
            {t('protection.settings.newRecovery.hide')}
          </button>
        </Notice>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate className="settings-narrow">
          <PassphraseInput name="passphrase" label={t('protection.settings.newRecovery.passphrase')} value={passphrase} onChange={setPassphrase} disabled={busy} error={error.passphrase} />
          {error.form ? <Notice kind="error">{error.form}</Notice> : null}
          <div className="actions">
            <button type="submit" className="button-primary" disabled={busy}>
              {t('protection.settings.newRecovery.submit')}
            </button>
            {busy ? (
              <p className="busy" role="status">
                {t('protection.settings.newRecovery.working')}
              </p>
            ) : null}
          </div>
        </form>
      )}
    </section>
  );
}
