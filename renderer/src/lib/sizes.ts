import type { TFunction } from 'i18next';

/** Sizes in the units a lawyer reads on a file manager, one decimal above a kilobyte. */
export function formatSize(t: TFunction, bytes: number, lng: string): string {
  const nf = (n: number) => new Intl.NumberFormat(lng, { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n);
  if (bytes < 1024) return t('documents.size.b', { n: String(bytes) });
  if (bytes < 1024 ** 2) return t('documents.size.kb', { n: nf(bytes / 1024) });
  if (bytes < 1024 ** 3) return t('documents.size.mb', { n: nf(bytes / 1024 ** 2) });
  return t('documents.size.gb', { n: nf(bytes / 1024 ** 3) });
}
