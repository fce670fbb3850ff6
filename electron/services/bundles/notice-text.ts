import type { BundleNotice } from '../../../shared/schemas/bundle';

const PART_NAMES = { chronology: 'The chronology', notes: 'The notes', annex: 'The custody annex' } as const;

/**
 * A notice in English, for the CLI (the app words them in the UI language from bundles.notice.* in
 * renderer/src/i18n). The one place a notice becomes English text outside the renderer.
 */
export function noticeText(n: BundleNotice): string {
  switch (n.code) {
    case 'pseudonyms-generated-pages-only':
      return (
        'Codes replace the chosen persons only on the pages Sakta generates (cover, index, chronology, notes, custody annex). ' +
        'The source documents themselves are NOT redacted: their names stay visible in the bundle, unless a section uses their redacted versions.'
      );
    case 'fills-volume-alone': {
      const what = n.params.part === 'document' ? `Document ${n.params.tab}` : PART_NAMES[n.params.part];
      return `${what} has ${n.params.pages} pages, more than fit in one volume; it fills volume ${n.params.volume} on its own.`;
    }
    case 'document-missing':
      return `A document listed in section "${n.params.section}" is no longer in the case file (deleted or in the trash); it was left out.`;
  }
}
