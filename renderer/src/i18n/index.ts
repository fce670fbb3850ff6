import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { formatMoment } from '../../../shared/partial-date';
import en from './en.json';
import ky from './ky.json';
import ru from './ru.json';
// One file per area, so each area's strings live beside each other and merge into one namespace.
import caseworkEn from './casework.en.json';
import caseworkRu from './casework.ru.json';
import caseworkKy from './casework.ky.json';
import documentsEn from './documents.en.json';
import documentsRu from './documents.ru.json';
import documentsKy from './documents.ky.json';
import protectionEn from './protection.en.json';
import protectionRu from './protection.ru.json';
import protectionKy from './protection.ky.json';
import bundlesEn from './bundles.en.json';
import bundlesRu from './bundles.ru.json';
import bundlesKy from './bundles.ky.json';
import deadlinesEn from './deadlines.en.json';
import deadlinesRu from './deadlines.ru.json';
import datesEn from './dates.en.json';
import datesRu from './dates.ru.json';
import datesKy from './dates.ky.json';
import formsEn from './forms.en.json';
import formsRu from './forms.ru.json';
import formsKy from './forms.ky.json';
import teamEn from './team.en.json';
import teamRu from './team.ru.json';

type Tree = { [k: string]: string | Tree };
function merge(...parts: Tree[]): Tree {
  const out: Tree = {};
  for (const part of parts) {
    for (const [k, v] of Object.entries(part)) {
      const prev = out[k];
      out[k] = typeof v === 'object' && typeof prev === 'object' ? merge(prev, v) : v;
    }
  }
  return out;
}

export const RESOURCES = {
  en: merge(en, caseworkEn, documentsEn, protectionEn, bundlesEn, datesEn, formsEn, deadlinesEn, teamEn),
  ru: merge(ru, caseworkRu, documentsRu, protectionRu, bundlesRu, datesRu, formsRu, deadlinesRu, teamRu),
  ky: merge(ky, caseworkKy, documentsKy, protectionKy, bundlesKy, datesKy, formsKy),
};

/**
 * English and Russian are complete. Kyrgyz holds only reviewed translations (none yet), so every
 * missing Kyrgyz string falls back to Russian, which Kyrgyz readers know, before English.
 */
export const LANGUAGES = ['en', 'ru', 'ky'] as const;
export type Language = (typeof LANGUAGES)[number];

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
function baseKeysOf(o: string | Tree, prefix = ''): Set<string> {
  if (typeof o === 'string') return new Set(o.trim() ? [prefix.replace(PLURAL_SUFFIX, '')] : []);
  return new Set(Object.entries(o).flatMap(([k, v]) => [...baseKeysOf(v, prefix ? `${prefix}.${k}` : k)]));
}

/**
 * Whether a language's translation covers every English string (plural forms folded). A half-translated
 * interface would show a lawyer Russian labels under a "Кыргызча" choice, so only complete languages are
 * offered; a vault that stored an incomplete one still opens, in its fallback (Russian for Kyrgyz).
 */
export function isComplete(resources: Tree, reference: Tree = RESOURCES.en): boolean {
  const have = baseKeysOf(resources);
  return [...baseKeysOf(reference)].every((k) => have.has(k));
}

/** The languages the switchers offer: English, Russian, and Kyrgyz once its reviewed translation is complete. */
export const OFFERED_LANGUAGES: readonly Language[] = LANGUAGES.filter((l) => isComplete(RESOURCES[l]));

/** What a switcher shows as chosen: the language itself when offered, otherwise the one it falls back to. */
export function shownLanguage(lng: string): Language {
  const l = isLanguage(lng) ? lng : 'en';
  return OFFERED_LANGUAGES.includes(l) ? l : l === 'ky' ? 'ru' : 'en';
}

/** Each language named in itself, so a user can find theirs whatever the UI currently shows. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ru: 'Русский', ky: 'Кыргызча' };

export function isLanguage(x: string): x is Language {
  return (LANGUAGES as readonly string[]).includes(x);
}

function systemLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function initI18n(lng: Language = systemLanguage()) {
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: RESOURCES.en }, ru: { translation: RESOURCES.ru }, ky: { translation: RESOURCES.ky } },
    lng,
    fallbackLng: { ky: ['ru', 'en'], ru: ['en'], default: ['en'] },
    supportedLngs: [...LANGUAGES],
    // React escapes text itself; escaping here would double-escape quotes in Russian text.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });
  document.documentElement.lang = lng;
  i18n.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  return i18n;
}

export function currentLanguage(): Language {
  // Not resolvedLanguage: with no reviewed Kyrgyz strings that would report Russian for a Kyrgyz user.
  const l = i18n.language;
  return isLanguage(l) ? l : 'en';
}

export function setLanguage(l: Language): void {
  void i18n.changeLanguage(l);
}

/**
 * A stored moment in the UI language, in the one display form every screen uses ("6 December 2026,
 * 12:31" / "6 декабря 2026, 12:31"; `dayOnly` drops the clock). Kyrgyz shows the Russian form, as the strings do.
 */
export function formatDate(iso: string, lng: string, opts: { dayOnly?: boolean } = {}): string {
  return formatMoment(iso, lng, opts);
}
