import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, OFFERED_LANGUAGES, isLanguage, setLanguage, shownLanguage } from '../i18n';

/** `labelHidden` where a heading already says "Language"; the label stays for screen readers. */
export function LanguageSwitcher({ compact = false, labelHidden = false }: { compact?: boolean; labelHidden?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className={compact ? 'language-switcher compact' : 'language-switcher'}>
      <label htmlFor={id} className={labelHidden ? 'visually-hidden' : undefined}>
        {t('language.label')}
      </label>
      <select
        id={id}
        value={shownLanguage(i18n.language)}
        onChange={(e) => {
          if (isLanguage(e.target.value)) setLanguage(e.target.value);
        }}
      >
        {OFFERED_LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
