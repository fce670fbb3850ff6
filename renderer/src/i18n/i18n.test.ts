import { describe, expect, it } from 'vitest';
import { isComplete, OFFERED_LANGUAGES, RESOURCES } from './index';

// Every area's file merged, as the app sees them.
const { en, ru, ky } = RESOURCES;

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

// Plural forms differ by language (Russian has one, few and many where English has one and other), so keys
// are compared by their base name.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKeys = (o: unknown) => [...new Set(keys(o).map((k) => k.replace(PLURAL, '')))].sort();

describe('translations', () => {
  it('Russian has exactly the English keys (plural forms folded), none empty', () => {
    expect(baseKeys(ru)).toEqual(baseKeys(en));
    for (const k of keys(ru).filter((x) => /_few$/.test(x))) expect(keys(ru), `${k}: Russian plural needs _one and _many too`).toEqual(expect.arrayContaining([k.replace(/_few$/, '_one'), k.replace(/_few$/, '_many')]));
    for (const k of keys(ru)) expect(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], ru), k).not.toBe('');
  });

  it('Kyrgyz holds only keys English also has (reviewed strings only; the rest falls back)', () => {
    const known = new Set(keys(en));
    const knownBase = new Set(baseKeys(en));
    expect(keys(ky).filter((k) => k !== '' && !known.has(k) && !knownBase.has(k.replace(PLURAL, '')))).toEqual([]);
  });

  it('only complete translations are offered: Kyrgyz (no reviewed strings yet) is not; a language missing one string is not', () => {
    expect(OFFERED_LANGUAGES).toEqual(['en', 'ru']);
    expect(isComplete(ru)).toBe(true);
    expect(isComplete(ky)).toBe(false);
    const missingOne = JSON.parse(JSON.stringify(ru)) as { nav: Record<string, string> };
    delete missingOne.nav[Object.keys(missingOne.nav)[0]!];
    expect(isComplete(missingOne as never)).toBe(false);
  });
});
