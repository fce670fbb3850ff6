import { describe, expect, it } from 'vitest';
import { RESOURCES } from './index';

// Every area's file merged, as the app sees them.
const { en, ru, ky } = RESOURCES;

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it('Russian has exactly the English keys, none empty', () => {
    expect(keys(ru).sort()).toEqual(keys(en).sort());
    for (const k of keys(ru)) expect(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], ru), k).not.toBe('');
  });

  it('Kyrgyz holds only keys English also has (reviewed strings only; the rest falls back)', () => {
    const known = new Set(keys(en));
    expect(keys(ky).filter((k) => k !== '' && !known.has(k))).toEqual([]);
  });
});
