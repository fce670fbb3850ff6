import { useTranslation } from 'react-i18next';
import { DayInput } from '../../components/DateInput';
import { BUNDLE_LANGUAGES, DEFAULT_SECTION_TITLES, type BundleLanguage } from '../../../../shared/schemas/bundle';
import { LANGUAGE_NAMES } from '../../i18n';
import { pseudonymLetter, setBundleLanguage, type Definition } from './definition-edit';

interface Person {
  id: string;
  name: string;
}

interface Props {
  def: Definition;
  onChange(def: Definition): void;
  persons: readonly Person[];
  errors: Record<string, string>;
}

function FieldError({ message }: { message: string | undefined }) {
  return message ? <span className="field-error">{message}</span> : null;
}

/** What goes into the bundle besides the documents, how pages are numbered, the cover, and pseudonyms. */
export function OptionsPanel({ def, onChange, persons, errors }: Props) {
  const { t } = useTranslation();
  const o = def.options;
  const setOption = <K extends keyof Definition['options']>(k: K, v: Definition['options'][K]) => onChange({ ...def, options: { ...o, [k]: v } });
  const setCover = <K extends keyof Definition['cover']>(k: K, v: Definition['cover'][K]) => onChange({ ...def, cover: { ...def.cover, [k]: v } });
  const codeOf = (id: string) => def.pseudonyms.find((p) => p.personId === id);
  // The code is printed in the bundle, so it is worded in the bundle's language, not the interface's.
  const defaultCode = (letter: string, lng: BundleLanguage) => t('bundles.pseudonyms.defaultCode', { letter, lng });
  const changeLanguage = (language: BundleLanguage) => {
    const titles = Object.fromEntries(
      BUNDLE_LANGUAGES.map((l) => [l, DEFAULT_SECTION_TITLES.map((_, i) => t(`bundles.defaultSections.${i}`, { lng: l }))]),
    ) as Record<BundleLanguage, string[]>;
    onChange(setBundleLanguage(def, language, titles, defaultCode));
  };

  return (
    <div className="bundle-options">
      <fieldset className="bundle-fieldset">
        <legend id="bundle-language-label">{t('bundles.options.language')}</legend>
        <div className="field">
          <select
            aria-labelledby="bundle-language-label"
            aria-describedby="bundle-language-hint"
            value={o.language}
            onChange={(e) => changeLanguage(e.target.value as BundleLanguage)}
          >
            {BUNDLE_LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
          <span id="bundle-language-hint" className="field-hint">
            {t('bundles.options.languageHint')}
          </span>
        </div>
      </fieldset>

      <fieldset className="bundle-fieldset">
        <legend>{t('bundles.options.include')}</legend>
        {(['chronology', 'notes', 'custodyAnnex'] as const).map((k) => (
          <label key={k} className="check">
            <input type="checkbox" checked={o[k]} onChange={(e) => setOption(k, e.target.checked)} />
            <span>{t(`bundles.options.${k}`)}</span>
          </label>
        ))}
        {/* Notes are the team's privileged work; ticking the box discloses them to the court and the other side. */}
        {o.notes ? (
          <p className="notice notice-warning" role="alert" data-testid="notes-privilege-warning">
            {t('bundles.options.notesPrivilege')}
          </p>
        ) : null}
        {/* Deadlines go into the chronology, so the choice is offered with it. */}
        <label className="check check-nested">
          <input type="checkbox" checked={o.chronology && o.chronologyDeadlines} disabled={!o.chronology} onChange={(e) => setOption('chronologyDeadlines', e.target.checked)} />
          <span>{t('bundles.options.chronologyDeadlines')}</span>
        </label>
      </fieldset>

      <fieldset className="bundle-fieldset">
        <legend>{t('bundles.options.numbering')}</legend>
        {(['continuous', 'section'] as const).map((k) => (
          <label key={k} className="check">
            <input type="radio" name="bundle-numbering" checked={o.numbering === k} onChange={() => setOption('numbering', k)} />
            <span>{t(`bundles.options.numbering_${k}`)}</span>
          </label>
        ))}
      </fieldset>

      <fieldset className="bundle-fieldset">
        <legend>{t('bundles.options.paper')}</legend>
        {(['a4', 'letter'] as const).map((k) => (
          <label key={k} className="check">
            <input type="radio" name="bundle-paper" checked={o.paper === k} onChange={() => setOption('paper', k)} />
            <span>{t(`bundles.options.paper_${k}`)}</span>
          </label>
        ))}
        {/* Letter scans in an A4 bundle (and the reverse) otherwise keep their own size and stick out of the stack. */}
        <label className="check">
          <input type="checkbox" checked={o.fitToPaper} onChange={(e) => setOption('fitToPaper', e.target.checked)} />
          <span>{t('bundles.options.fitToPaper')}</span>
        </label>
        <div className="field">
          <label htmlFor="bundle-volume-limit">{t('bundles.options.volumeLimit')}</label>
          <input
            id="bundle-volume-limit"
            type="number"
            inputMode="numeric"
            min={20}
            max={10000}
            className="bundle-narrow"
            aria-invalid={errors['options.volumePageLimit'] ? true : undefined}
            value={o.volumePageLimit ?? ''}
            onChange={(e) => {
              const n = e.target.value === '' ? null : Number(e.target.value);
              setOption('volumePageLimit', n === null || Number.isNaN(n) ? null : Math.trunc(n));
            }}
          />
          <span className="field-hint">{t('bundles.options.volumeLimitHint')}</span>
          <FieldError message={errors['options.volumePageLimit']} />
        </div>
      </fieldset>

      <fieldset className="bundle-fieldset">
        <legend>{t('bundles.cover.legend')}</legend>
        <div className="field">
          <label htmlFor="bundle-cover-court">{t('bundles.cover.court')}</label>
          <input id="bundle-cover-court" value={def.cover.court} maxLength={300} onChange={(e) => setCover('court', e.target.value)} />
          <FieldError message={errors['cover.court']} />
        </div>
        <div className="field">
          <label htmlFor="bundle-cover-numbers">{t('bundles.cover.caseNumbers')}</label>
          <input
            id="bundle-cover-numbers"
            value={def.cover.caseNumbers.join('; ')}
            onChange={(e) =>
              setCover(
                'caseNumbers',
                e.target.value.split(';').map((s) => s.trimStart()),
              )
            }
            onBlur={(e) =>
              setCover(
                'caseNumbers',
                e.target.value
                  .split(';')
                  .map((s) => s.trim())
                  .filter(Boolean),
              )
            }
          />
          <span className="field-hint">{t('bundles.cover.caseNumbersHint')}</span>
          <FieldError message={Object.entries(errors).find(([k]) => k.startsWith('cover.caseNumbers'))?.[1]} />
        </div>
        <div className="field">
          <label htmlFor="bundle-cover-parties">{t('bundles.cover.parties')}</label>
          <textarea id="bundle-cover-parties" rows={2} value={def.cover.parties} maxLength={1000} onChange={(e) => setCover('parties', e.target.value)} />
          <FieldError message={errors['cover.parties']} />
        </div>
        <div className="field">
          <label htmlFor="bundle-cover-title">{t('bundles.cover.title')}</label>
          <input id="bundle-cover-title" value={def.cover.title} maxLength={300} onChange={(e) => setCover('title', e.target.value)} />
          <FieldError message={errors['cover.title']} />
        </div>
        <div className="field">
          <label htmlFor="bundle-cover-date">{t('bundles.cover.date')}</label>
          <DayInput id="bundle-cover-date" className="bundle-narrow" value={def.cover.date ?? null} onChange={(day) => setCover('date', day)} />
          <FieldError message={errors['cover.date']} />
        </div>
      </fieldset>

      <fieldset className="bundle-fieldset">
        <legend>{t('bundles.pseudonyms.legend')}</legend>
        <p className="notice notice-warning bundle-pseudonym-notice" data-testid="pseudonym-notice">
          {t('bundles.pseudonyms.notice')}
        </p>
        {persons.length === 0 ? <p className="field-hint">{t('bundles.pseudonyms.none')}</p> : null}
        <ul className="bundle-pseudonyms">
          {persons.map((p, i) => {
            const chosen = codeOf(p.id);
            const err = chosen ? errors[`pseudonyms.${def.pseudonyms.indexOf(chosen)}.code`] : undefined;
            return (
              <li key={p.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={!!chosen}
                    onChange={(e) =>
                      onChange({
                        ...def,
                        pseudonyms: e.target.checked
                          ? [...def.pseudonyms, { personId: p.id, code: defaultCode(pseudonymLetter(i, o.language), o.language) }]
                          : def.pseudonyms.filter((x) => x.personId !== p.id),
                      })
                    }
                  />
                  <span>{p.name}</span>
                </label>
                {chosen ? (
                  <input
                    aria-label={t('bundles.pseudonyms.code', { name: p.name })}
                    value={chosen.code}
                    maxLength={60}
                    onChange={(e) => onChange({ ...def, pseudonyms: def.pseudonyms.map((x) => (x.personId === p.id ? { ...x, code: e.target.value } : x)) })}
                  />
                ) : null}
                <FieldError message={err} />
              </li>
            );
          })}
        </ul>
      </fieldset>
    </div>
  );
}
