import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { PassphraseInput } from '../../components/PassphraseInput';

/**
 * Change the passphrase: the current one, then the new one twice. The vault gets a new master key; the
 * recovery key stays valid, except a format-1 one, which is replaced and shown here once.
 */
export function PassphraseSection() {
  const { t } = useTranslation();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ current?: string; next?: string; repeat?: string; form?: string }>({});
  const [done, setDone] = useState(false);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const errs: typeof errors = {};
    if (!current) errs.current = t('common.required');
    if (!next) errs.next = t('common.required');
    if (next && repeat !== next) errs.repeat = t('protection.settings.passphrase.mismatch');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const r = await call('vault.changePassphrase', { current, next });
      setRecoveryKey(r.recoveryKey ?? null);
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
    } catch (err) {
      if (!isApiError(err)) throw err;
      if (err.code === 'WRONG_PASSPHRASE') setErrors({ current: t('unlock.wrong') });
      else if (err.fields?.next) setErrors({ next: err.fields.next });
      else setErrors({ form: errorText(t, err) });
      setCurrent('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="settings-passphrase">
      <h2 id={`${id}-h`}>{t('protection.settings.passphrase.title')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate className="settings-narrow">
        <PassphraseInput name="current" label={t('protection.settings.passphrase.current')} value={current} onChange={setCurrent} disabled={busy} error={errors.current} />
        <PassphraseInput name="next" label={t('protection.settings.passphrase.next')} value={next} onChange={setNext} disabled={busy} error={errors.next} />
        <PassphraseInput name="repeat" label={t('protection.settings.passphrase.repeat')} value={repeat} onChange={setRepeat} disabled={busy} error={errors.repeat} />
        {errors.form ? <Notice kind="error">{errors.form}</Notice> : null}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {t('protection.settings.passphrase.submit')}
          </button>
          {busy ? (
            <p className="busy" role="status">
              {t('protection.settings.passphrase.working')}
            </p>
          ) : null}
          {done ? (
            <Notice kind="info">
              {recoveryKey ? t('protection.settings.passphrase.oldCopies') : `${t('protection.settings.passphrase.done')} ${t('protection.settings.passphrase.oldCopies')}`}
            </Notice>
          ) : null}
        </div>
        {done && recoveryKey ? (
          <Notice kind="warning">
            <p>{t('protection.settings.passphrase.newRecoveryKey')}</p>
            <p className="recovery-key" data-testid="passphrase-new-recovery-key">
              {recoveryKey}
            </p>
          </Notice>
        ) : null}
      </form>
    </section>
  );
}
