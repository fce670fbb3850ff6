import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { noticeText as englishForCli } from '../../electron/services/bundles/notice-text';
import { noticeText } from '../../renderer/src/features/bundles/notice-text';
import { RESOURCES } from '../../renderer/src/i18n';
import { BundleNoticeSchema, type BundleNotice } from '../../shared/schemas/bundle';

/** A real i18next with the app's merged strings, as the renderer sets it up. */
function t(lng: 'en' | 'ru'): TFunction {
  const i = i18next.createInstance();
  void i.init({
    resources: { en: { translation: RESOURCES.en }, ru: { translation: RESOURCES.ru } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  return i.t;
}

// One of every notice the main process can send: each code, and each part that can fill a volume alone.
const ALL: BundleNotice[] = [
  { code: 'pseudonyms-generated-pages-only', params: {} },
  { code: 'document-missing', params: { section: 'Показания свидетелей' } },
  ...(['document', 'chronology', 'notes', 'annex'] as const).map((part) => ({ code: 'fills-volume-alone' as const, params: { part, tab: part === 'document' ? 'C-3' : '', pages: 812, volume: 4 } })),
];

describe('bundle notices', () => {
  it('cover every code of the schema', () => {
    const codes = BundleNoticeSchema.options.map((o) => o.shape.code.value);
    expect(new Set(ALL.map((n) => n.code))).toEqual(new Set(codes));
  });

  it('read in Russian in the Russian interface, with their values and no English left', () => {
    const ru = t('ru');
    for (const n of ALL) {
      const text = noticeText(ru, n);
      expect(text, n.code).toMatch(/[а-яё]/i);
      expect(text, n.code).not.toMatch(/bundles\.notice|\b(the|document|volume|pages)\b/i);
      if (n.code === 'fills-volume-alone') expect(text).toContain('812');
      if (n.code === 'document-missing') expect(text).toContain('«Показания свидетелей»');
    }
    expect(noticeText(ru, ALL[2]!)).toContain('C-3');
  });

  it('read in the app in English as the CLI prints them', () => {
    const en = t('en');
    for (const n of ALL) {
      expect(noticeText(en, n), n.code).not.toMatch(/bundles\.notice/);
      expect(englishForCli(n), n.code).not.toBe('');
    }
    expect(englishForCli(ALL[2]!)).toBe('Document C-3 has 812 pages, more than fit in one volume; it fills volume 4 on its own.');
    expect(noticeText(en, ALL[2]!)).toBe(englishForCli(ALL[2]!));
    expect(noticeText(en, ALL[0]!)).toBe(englishForCli(ALL[0]!));
  });
});
