import { describe, expect, it } from 'vitest';
import { parseRangeHeader } from '../../electron/services/media/byte-range';

describe('Range header for audio and video', () => {
  const size = 1000;
  it('serves the whole file without a usable range', () => {
    for (const h of [undefined, null, '', 'items=0-10', 'bytes=a-b', 'bytes=5', 'bytes=10-5', 'bytes=0-10,20-30', 'bytes=1e3-', 'bytes=-'])
      expect(parseRangeHeader(h, size), String(h)).toEqual({ kind: 'whole' });
  });
  it('honours the forms a media element sends, with an exclusive end', () => {
    expect(parseRangeHeader('bytes=0-', size)).toEqual({ kind: 'part', start: 0, end: 1000 });
    expect(parseRangeHeader('bytes=900-', size)).toEqual({ kind: 'part', start: 900, end: 1000 });
    expect(parseRangeHeader('bytes=100-199', size)).toEqual({ kind: 'part', start: 100, end: 200 });
    expect(parseRangeHeader('bytes=990-5000', size)).toEqual({ kind: 'part', start: 990, end: 1000 });
    expect(parseRangeHeader('bytes=-100', size)).toEqual({ kind: 'part', start: 900, end: 1000 });
    expect(parseRangeHeader('bytes=-5000', size)).toEqual({ kind: 'part', start: 0, end: 1000 });
    expect(parseRangeHeader(' Bytes = 5-5 ', size)).toEqual({ kind: 'part', start: 5, end: 6 });
  });
  it('answers 416 for a range past the end, an empty suffix, or any range of an empty file', () => {
    expect(parseRangeHeader('bytes=1000-', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader('bytes=5000-6000', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader('bytes=-0', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });
  it('never yields a range outside the file, whatever the numbers', () => {
    for (let i = 0; i < 2000; i++) {
      const a = Math.floor(Math.random() * 1500);
      const b = Math.floor(Math.random() * 1500);
      const r = parseRangeHeader(`bytes=${a}-${b}`, size);
      if (r.kind === 'part') {
        expect(r.start).toBeGreaterThanOrEqual(0);
        expect(r.end).toBeLessThanOrEqual(size);
        expect(r.start).toBeLessThan(r.end);
      }
    }
  });
});
