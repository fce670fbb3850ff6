import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ERASE_CONFIRMATION } from '../../../../shared/ipc/channels/protection';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { startSession } from '../vault/session';

/**
 * Emergency erase. Deliberate by design: a separate step opens the form, and the word ERASE must be typed.
 * After it, nothing of the vault is left on this computer; only a backup and its passphrase bring it back.
 */
export function EraseSection() {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [word, setWord] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (word.trim() !== ERASE_CONFIRMATION) return setError(t('protection.settings.erase.typeWord', { word: ERASE_CONFIRMATION }));
    setBusy(true);
    setError(null);
    try {
      await call('protection.erase', { confirm: ERASE_CONFIRMATION });
      // The vault is gone: the start screen now offers to create or restore one.
      await startSession(true);
    } catch (err) {
      if (!isApiError(err)) throw err;
      setError(errorText(t, err));
      setBusy(false);
    }
  }

  return (
    <section className="panel panel-danger" aria-labelledby={`${id}-h`} data-testid="settings-erase">
      <h2 id={`${id}-h`}>{t('protection.settings.erase.title')}</h2>
      <p>{t('protection.settings.erase.explain')}</p>
      <p data-testid="erase-limits">{t('protection.settings.erase.limits')}</p>
      <p>
        <strong>{t('protection.settings.erase.irreversible')}</strong>
      </p>
      {!open ? (
        <button type="button" className="button-danger-quiet" onClick={() => setOpen(true)}>
          {t('protection.settings.erase.start')}
        </button>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate className="settings-narrow">
          <div className="field">
            <label htmlFor={`${id}-word`}>{t('protection.settings.erase.typeLabel', { word: ERASE_CONFIRMATION })}</label>
            <input
              id={`${id}-word`}
              className="input-text mono"
              value={word}
              onChange={(e) => setWord(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              autoFocus
              disabled={busy}
              aria-invalid={error ? true : undefined}
            />
          </div>
          {error ? (
            <Notice kind="error" testId="erase-error">
              {error}
            </Notice>
          ) : null}
          <div className="actions">
            <button type="submit" className="button-danger" disabled={busy || word.trim() !== ERASE_CONFIRMATION}>
              {t('protection.settings.erase.confirm')}
            </button>
            <button
              type="button"
              className="button-quiet"
              disabled={busy}
              onClick={() => {
                setOpen(false);
                setWord('');
                setError(null);
              }}
            >
              {t('protection.settings.erase.cancel')}
            </button>
            {busy ? (
              <p className="busy" role="status">
                {t('protection.settings.erase.working')}
              </p>
            ) : null}
          </div>
        </form>
      )}
    </section>
  );
}
