/**
 * A hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, never going backwards and
 * always past every clock seen from other devices, so change records order causally even when a laptop's clock
 * is off. Written as fixed-width text so the strings sort like the clocks.
 */
export interface Hlc {
  ms: number;
  n: number;
}

const WIDTH_MS = 15;
const WIDTH_N = 6;

export function formatHlc(h: Hlc): string {
  return `${String(h.ms).padStart(WIDTH_MS, '0')}.${String(h.n).padStart(WIDTH_N, '0')}`;
}

export function parseHlc(text: string): Hlc | null {
  const m = /^(\d{1,15})\.(\d{1,6})$/.exec(text);
  return m ? { ms: Number(m[1]), n: Number(m[2]) } : null;
}

/** The clock for a new local event at wall time `now`, after `last`. */
export function tick(last: Hlc | null, now: number): Hlc {
  if (!last || now > last.ms) return { ms: now, n: 0 };
  return { ms: last.ms, n: last.n + 1 };
}

/** The clock after receiving `seen` from another device. */
export function receive(last: Hlc | null, seen: Hlc): Hlc {
  if (!last) return seen;
  if (seen.ms > last.ms || (seen.ms === last.ms && seen.n > last.n)) return seen;
  return last;
}

/** The wall time a clock names, ISO 8601 (for a conflict's "when"). */
export const hlcTime = (text: string): string | null => {
  const h = parseHlc(text);
  return h ? new Date(h.ms).toISOString() : null;
};
