import { describe, expect, it } from 'vitest';
import { scorePassphrase } from './strength-engine';

describe('the passphrase meter knows Russian and Kyrgyz', () => {
  it.each(['пароль123', 'йцукен12345', 'Бишкек2024', 'Азамат1985!', 'gfhjkm123', 'Нурлан1990', 'qwerty12345', 'Айгуль2001', 'ЙЦУКЕНгшщз'])('rates %j weak', (p) => {
    expect(scorePassphrase(p)).toBeLessThan(3);
  });

  it.each(['quiet river under Ala-Too — 2014 Бишкек', 'тихая река под горой Сулайман в апреле', 'жылкы суу ичет, бүркүт асманда, 1916 кыш'])('still rates %j strong', (p) => {
    expect(scorePassphrase(p)).toBeGreaterThanOrEqual(3);
  });
});
