import { describe, expect, it } from 'vitest';
import { assertStrongPassphrase, MIN_PASSPHRASE_SCORE, onLatinKeys, passphraseScore } from '../../electron/vault/passphrase-policy';

describe('passphrase policy (the service refuses, not only the meter)', () => {
  it.each(['пароль123', 'йцукен12345', 'Бишкек2024', 'пароль123456', 'ЙЦУКЕНГШЩЗ', 'Кыргызстан2023', 'asdfghjkl123', 'Жаныбек1985!'])('%s scores below the floor', (p) => {
    expect(passphraseScore(p)).toBeLessThan(MIN_PASSPHRASE_SCORE);
    expect(() => assertStrongPassphrase(p)).toThrowError(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it.each(['тёплый ветер над рекой Нарын', 'кызыл алма терезе жол 42', 'correct horse battery staple — Бишкек 2014', 'fhjdsa87sd!kj'])('%s is accepted', (p) => {
    expect(() => assertStrongPassphrase(p)).not.toThrow();
  });

  it('reads Russian keys as the QWERTY keys under them, so keyboard walks are seen', () => {
    expect(onLatinKeys('йцукен')).toBe('qwerty');
    expect(onLatinKeys('фывапролдж')).toBe('asdfghjkl;');
  });

  it('says why: too short, or too easy to guess', () => {
    expect(() => assertStrongPassphrase('Ош 2010')).toThrowError(/too short/);
    expect(() => assertStrongPassphrase('пароль123456')).toThrowError(/too easy to guess/);
  });
});
