import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/schemas/settings';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { PassphraseInput } from '../../components/PassphraseInput';
import { saveSettings } from './settings-data';

type Level = 'standard' | 'high-risk';

/**
 * The passphrase's key-derivation strength. Changing it re-wraps the master key, so the passphrase is
 * asked for and the lawyer is told it takes a few seconds (the high-risk profile is slow on purpose).
 */
export function ProtectionLevelSection({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const id = useId();
  const current = settings.kdfProfile;
  const [level, setLevel] = useState<Level>(current === 'high-risk' ? 'high-risk' : 'standard');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    if (!passphrase) return setError(t('common.required'));
    setBusy(true);
    setError(null);
    const r = await saveSettings({ kdfProfile: level }, passphrase);
    setBusy(false);
    setPassphrase('');
    if (r.ok) return setDone(t('protection.settings.level.done', { level: t(`protection.settings.level.${level}.name`) }));
    setError(r.code === 'WRONG_PASSPHRASE' ? t('unlock.wrong') : (r.fields.passphrase ?? errorText(t, r)));
  }

  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="settings-level">
      <h2 id={`${id}-h`}>{t('protection.settings.level.title')}</h2>
      <p className="section-intro">
        {t('protection.settings.level.current')}{' '}
        <strong data-testid="current-level">{t(`settings.profiles.${current}`, { defaultValue: current })}</strong>
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="choice" disabled={busy}>
          <legend className="visually-hidden">{t('protection.settings.level.title')}</legend>
          {(['standard', 'high-risk'] as const).map((l) => (
            <label className="choice-option" key={l}>
              <input type="radio" name="level" value={l} checked={level === l} onChange={() => setLevel(l)} />
              <span>
                <strong>{t(`protection.settings.level.${l}.name`)}</strong>
                <span className="choice-hint">{t(`protection.settings.level.${l}.hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <PassphraseInput
          name="level-passphrase"
          label={t('protection.settings.level.passphrase')}
          value={passphrase}
          onChange={setPassphrase}
          disabled={busy}
          error={error}
          hint={t('protection.settings.level.slow')}
        />
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {t('protection.settings.level.apply')}
          </button>
          {busy ? (
            <p className="busy" role="status">
              {t('protection.settings.level.working')}
            </p>
          ) : null}
          {done ? <Notice kind="info">{done}</Notice> : null}
        </div>
      </form>
    </section>
  );
}
