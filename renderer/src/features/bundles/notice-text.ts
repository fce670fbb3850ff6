import type { TFunction } from 'i18next';
import type { BundleNotice } from '../../../../shared/schemas/bundle';

/** A notice from the main process (a code and its values) in the UI language. */
export function noticeText(t: TFunction, n: BundleNotice): string {
  switch (n.code) {
    case 'pseudonyms-generated-pages-only':
      return t('bundles.notice.pseudonyms');
    case 'fills-volume-alone':
      return t(`bundles.notice.fillsVolume_${n.params.part}`, { tab: n.params.tab, pages: n.params.pages, volume: n.params.volume });
    case 'document-missing':
      return t('bundles.notice.documentMissing', { section: n.params.section });
  }
}

/** A stable React key for a notice. */
export const noticeKey = (n: BundleNotice, i: number) => `${i}:${n.code}`;
