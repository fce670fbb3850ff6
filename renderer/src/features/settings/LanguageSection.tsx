import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/schemas/settings';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { LANGUAGE_NAMES, OFFERED_LANGUAGES, isLanguage, setLanguage, shownLanguage } from '../../i18n';
import { saveSettings } from './settings-data';

/** The language is stored in the vault, so it follows the lawyer to any computer and is applied at unlock. */
export function LanguageSection({ settings }: { settings: Settings }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="settings-language">
      <h2 id={`${id}-h`}>{t('protection.settings.language.title')}</h2>
      <div className="field">
        <label htmlFor={id}>{t('protection.settings.language.label')}</label>
        <select
          id={id}
          className="input-select"
          value={shownLanguage(isLanguage(i18n.language) ? i18n.language : settings.language)}
          onChange={(e) => {
            const l = e.target.value;
            if (!isLanguage(l)) return;
            setLanguage(l);
            setError(null);
            void saveSettings({ language: l }).then((r) => {
              if (!r.ok) setError(errorText(t, r));
            });
          }}
        >
          {OFFERED_LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
    </section>
  );
}
