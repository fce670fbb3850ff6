/**
 * The HTTP `Range` header as a media element sends it (RFC 9110 §14), for one representation of
 * `size` bytes. Only single byte ranges are honoured; anything else is ignored (the whole file is
 * served, which the RFC allows), except a range that starts past the end, which is a 416.
 */
export type RangeRequest =
  | { kind: 'whole' }
  /** [start, end): `end` exclusive, like Buffer.subarray and the blob reader. */
  | { kind: 'part'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const WHOLE: RangeRequest = { kind: 'whole' };
const UNSATISFIABLE: RangeRequest = { kind: 'unsatisfiable' };
/** Digits only, and few enough of them to stay an exact integer. */
const NUMBER = /^\d{1,15}$/;

export function parseRangeHeader(header: string | null | undefined, size: number): RangeRequest {
  if (!header) return WHOLE;
  const m = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!m) return WHOLE;
  const spec = m[1]!.trim();
  if (spec.includes(',')) return WHOLE;
  const dash = spec.indexOf('-');
  if (dash < 0) return WHOLE;
  const first = spec.slice(0, dash).trim();
  const last = spec.slice(dash + 1).trim();

  if (first === '') {
    // "bytes=-N": the last N bytes.
    if (!NUMBER.test(last)) return WHOLE;
    const n = Number(last);
    if (n === 0 || size === 0) return UNSATISFIABLE;
    return { kind: 'part', start: Math.max(0, size - n), end: size };
  }
  if (!NUMBER.test(first) || (last !== '' && !NUMBER.test(last))) return WHOLE;
  const start = Number(first);
  if (last !== '' && Number(last) < start) return WHOLE;
  if (start >= size) return UNSATISFIABLE;
  const end = last === '' ? size : Math.min(Number(last) + 1, size);
  return { kind: 'part', start, end };
}
