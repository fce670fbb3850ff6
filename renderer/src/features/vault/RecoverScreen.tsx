import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { callResult } from '../../api/client';
import { AuthLayout } from '../../components/AuthLayout';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { PassphraseInput } from '../../components/PassphraseInput';
import { StrengthMeter } from '../../components/StrengthMeter';
import { enterApp, showUnlock } from './session';
import { MIN_GOOD_SCORE, useStrength } from './strength';

export function RecoverScreen() {
  const { t } = useTranslation();
  const keyId = useId();
  const [key, setKey] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [acceptWeak, setAcceptWeak] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { score, scoreNow } = useStrength(passphrase);
  const weak = score !== null && score < MIN_GOOD_SCORE;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setError(null);
    if (!key.trim() || !passphrase || confirm !== passphrase) return;
    setBusy(true);
    // As on the create screen: wait for the estimator rather than silently ignore a fast submit.
    const known = score ?? (await scoreNow(passphrase));
    if (known < MIN_GOOD_SCORE && !acceptWeak) return setBusy(false);
    const r = await callResult('vault.unlockWithRecoveryKey', { recoveryKey: key.trim(), newPassphrase: passphrase });
    setBusy(false);
    if (r.ok) {
      setKey('');
      setPassphrase('');
      setConfirm('');
      return enterApp();
    }
    setError(errorText(t, r.error));
  }

  return (
    <AuthLayout title={t('recover.title')}>
      <p className="lead">{t('recover.intro')}</p>
      <form onSubmit={submit} noValidate data-testid="recover">
        <div className="field">
          <label htmlFor={keyId}>{t('recover.key')}</label>
          <input
            id={keyId}
            name="recoveryKey"
            className="mono"
            value={key}
            onChange={(e) => setKey(e.target.value.toUpperCase())}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="XXXX-XXXX-XXXX-…"
            autoFocus
            disabled={busy}
            aria-invalid={submitted && !key.trim() ? true : undefined}
          />
          {submitted && !key.trim() ? <p className="field-error" role="alert">{t('common.required')}</p> : null}
        </div>
        <PassphraseInput
          name="passphrase"
          label={t('recover.newPassphrase')}
          value={passphrase}
          onChange={(v) => {
            setPassphrase(v);
            setAcceptWeak(false);
          }}
          hint={t('create.passphraseHint')}
          error={submitted && !passphrase ? t('common.required') : null}
          disabled={busy}
        />
        <StrengthMeter score={score} pending={passphrase.length > 0} />
        {weak ? (
          <div className="weak-warning">
            <Notice kind="warning">{t('create.weakWarning')}</Notice>
            <label className="check">
              <input type="checkbox" name="acceptWeak" checked={acceptWeak} onChange={(e) => setAcceptWeak(e.target.checked)} disabled={busy} />
              <span>{t('create.useAnyway')}</span>
            </label>
          </div>
        ) : null}
        <PassphraseInput
          name="confirm"
          label={t('recover.confirm')}
          value={confirm}
          onChange={setConfirm}
          error={(confirm && confirm !== passphrase) || (submitted && confirm !== passphrase) ? t('create.mismatch') : null}
          disabled={busy}
        />
        {error ? (
          <Notice kind="error" testId="recover-error">
            {error}
          </Notice>
        ) : null}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {t('recover.submit')}
          </button>
          {busy ? <p className="busy" role="status">{t('recover.working')}</p> : null}
        </div>
      </form>
      <p className="secondary-action">
        <button type="button" className="button-link" onClick={showUnlock} disabled={busy}>
          {t('recover.back')}
        </button>
      </p>
    </AuthLayout>
  );
}
