import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { callResult } from '../../api/client';
import { AuthLayout } from '../../components/AuthLayout';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { PassphraseInput } from '../../components/PassphraseInput';
import { StrengthMeter } from '../../components/StrengthMeter';
import type { KdfProfile } from '../../../../shared/schemas/vault';
import { showRecoveryKey, showRestore } from './session';
import { MIN_GOOD_SCORE, useStrength } from './strength';

export function CreateVaultScreen() {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [profile, setProfile] = useState<KdfProfile>('standard');
  const [acceptWeak, setAcceptWeak] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { score, scoreNow } = useStrength(passphrase);

  const weak = score !== null && score < MIN_GOOD_SCORE;
  const empty = passphrase.length === 0;
  const mismatch = confirm.length > 0 && confirm !== passphrase;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setError(null);
    if (empty || confirm !== passphrase) return;
    setBusy(true);
    // The estimator may still be loading on a fast submit (or a busy laptop): wait for its verdict; a weak
    // passphrase then shows its warning and asks for confirmation, as it would have after typing.
    const known = score ?? (await scoreNow(passphrase));
    if (known < MIN_GOOD_SCORE && !acceptWeak) return setBusy(false);
    const r = await callResult('vault.create', { passphrase, profile });
    setBusy(false);
    if (!r.ok) {
      // The service's own floor (length and a Russian/Kyrgyz-aware estimate) overrides "use anyway": say why.
      const refused = r.error.code === 'VALIDATION' ? r.error.fields?.passphrase : undefined;
      if (refused) return setError(t(/too short/.test(refused) ? 'create.refusedShort' : 'create.refusedGuessable'));
      return setError(errorText(t, r.error));
    }
    setPassphrase('');
    setConfirm('');
    showRecoveryKey(r.value.recoveryKey);
  }

  return (
    <AuthLayout title={t('create.title')}>
      <p className="lead">{t('create.intro')}</p>
      <form onSubmit={submit} noValidate data-testid="create-vault">
        <PassphraseInput
          name="passphrase"
          label={t('create.passphrase')}
          value={passphrase}
          onChange={(v) => {
            setPassphrase(v);
            setAcceptWeak(false);
          }}
          hint={t('create.passphraseHint')}
          error={submitted && empty ? t('common.required') : null}
          autoFocus
          disabled={busy}
        />
        <StrengthMeter score={score} pending={!empty} />
        {weak ? (
          <div className="weak-warning" data-testid="weak-warning">
            <Notice kind="warning">{t('create.weakWarning')}</Notice>
            <label className="check">
              <input type="checkbox" name="acceptWeak" checked={acceptWeak} onChange={(e) => setAcceptWeak(e.target.checked)} disabled={busy} />
              <span>{t('create.useAnyway')}</span>
            </label>
            {submitted && !acceptWeak ? <p className="field-error" role="alert">{t('create.confirmWeak')}</p> : null}
          </div>
        ) : null}
        <PassphraseInput
          name="confirm"
          label={t('create.confirm')}
          value={confirm}
          onChange={setConfirm}
          error={mismatch || (submitted && confirm !== passphrase) ? t('create.mismatch') : null}
          disabled={busy}
        />
        <fieldset className="choice" disabled={busy}>
          <legend>{t('create.profile')}</legend>
          <label className="choice-option">
            <input type="radio" name="profile" value="standard" checked={profile === 'standard'} onChange={() => setProfile('standard')} />
            <span>
              <strong>{t('create.profileStandard')}</strong>
              <span className="choice-hint">{t('create.profileStandardHint')}</span>
            </span>
          </label>
          <label className="choice-option">
            <input type="radio" name="profile" value="high-risk" checked={profile === 'high-risk'} onChange={() => setProfile('high-risk')} />
            <span>
              <strong>{t('create.profileHighRisk')}</strong>
              <span className="choice-hint">{t('create.profileHighRiskHint')}</span>
            </span>
          </label>
        </fieldset>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {t('create.submit')}
          </button>
          {busy ? <p className="busy" role="status">{t('create.working')}</p> : null}
        </div>
      </form>
      <p className="secondary-action">
        <button type="button" className="button-link" onClick={() => showRestore(false)} disabled={busy}>
          {t('restore.fromCreate')}
        </button>
      </p>
    </AuthLayout>
  );
}
