import { formatMoment } from '../../../../shared/partial-date';

/** A stored moment in the one display form of the UI language (shared/partial-date.ts). */
export const formatTimestamp = (iso: string, lng: string): string => formatMoment(iso, lng);

/** A job id unique enough for one window's concurrent imports; it only labels progress events. */
export function newJobId(): string {
  const a = new Uint8Array(8);
  crypto.getRandomValues(a);
  return 'import-' + Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}
