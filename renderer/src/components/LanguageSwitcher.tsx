import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_NAMES, isLanguage, setLanguage } from '../i18n';

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
        value={i18n.language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
