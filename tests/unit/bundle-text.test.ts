import { describe, expect, it } from 'vitest';
import { BUNDLE_LANGUAGES, DEFAULT_SECTION_TITLES } from '../../shared/schemas/bundle';
import { bundleText, DEFAULT_SECTION_TITLES_BY_LANG } from '../../electron/services/bundles/bundle-text';
import bundlesEn from '../../renderer/src/i18n/bundles.en.json';
import bundlesRu from '../../renderer/src/i18n/bundles.ru.json';

describe('bundle text tables', () => {
  it('default section titles are the ones the builder shows, in each language', () => {
    // The CLI (bundle-text) and the builder (i18n files) name the default sections; they must agree.
    expect(DEFAULT_SECTION_TITLES_BY_LANG.en).toEqual(DEFAULT_SECTION_TITLES);
    expect(DEFAULT_SECTION_TITLES_BY_LANG.en).toEqual(Object.values(bundlesEn.bundles.defaultSections));
    expect(DEFAULT_SECTION_TITLES_BY_LANG.ru).toEqual(Object.values(bundlesRu.bundles.defaultSections));
  });

  it('names event types, dates and volumes in the bundle language; an unknown event type still reads', () => {
    for (const lang of BUNDLE_LANGUAGES) {
      const t = bundleText(lang);
      expect(t.lang).toBe(lang);
      expect(t.chronology.eventType('some_new_type')).toBe('some new type');
    }
    expect(bundleText('ru').chronology.eventType('medical_examination')).toBe('Медицинское освидетельствование');
    expect(bundleText('en').chronology.eventType('medical_examination')).toBe('medical examination');
    expect(bundleText('ru').date({ precision: 'season', year: 2014, season: 'summer' })).toBe('лето 2014');
    expect(bundleText('ru').cover.date('2024-04-02')).toBe('2 апреля 2024 г.');
    expect(bundleText('ru').inVolume(2, '57–60')).toBe('т. 2, л. 57–60');
  });
});
