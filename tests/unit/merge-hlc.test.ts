import { describe, expect, it } from 'vitest';
import { formatHlc, hlcTime, parseHlc, receive, tick } from '../../electron/services/merge/hlc';

/** The hybrid logical clock that stamps each change of a shared case (electron/services/merge/hlc.ts). */
describe('hybrid logical clock', () => {
  it('never goes backwards when the wall clock does, and its text sorts like the clock', () => {
    const a = tick(null, 1_000);
    const b = tick(a, 900); // the laptop's clock was set back
    const c = tick(b, 900);
    const d = tick(c, 2_000);
    const texts = [a, b, c, d].map(formatHlc);
    expect([...texts].sort()).toEqual(texts);
    expect(new Set(texts).size).toBe(4);
    expect(parseHlc(texts[2]!)).toEqual(c);
  });

  it('moves past a clock seen from another device, and names its wall time', () => {
    const mine = tick(null, 1_000);
    const theirs = { ms: 5_000, n: 3 };
    const after = receive(mine, theirs);
    expect(formatHlc(tick(after, 1_200)) > formatHlc(theirs)).toBe(true);
    expect(hlcTime(formatHlc(theirs))).toBe('1970-01-01T00:00:05.000Z');
    expect(parseHlc('not a clock')).toBeNull();
  });
});
