import { describe, expect, it } from 'vitest';
import { makePseudonymiser } from '../../electron/services/bundles/pseudonymise';

const persons = [
  { id: 'p1', name: 'Иванова Анна Борисовна', nameTranslit: 'Ivanova Anna' },
  { id: 'p2', name: 'Асанов Бакыт', nameTranslit: null },
];

describe('pseudonyms on generated pages', () => {
  const ru = makePseudonymiser(persons, [
    { personId: 'p1', code: 'Лицо А' },
    { personId: 'p2', code: 'Лицо Б' },
  ]);

  it('takes the initials written after a surname with it, so no stray «А.» is left', () => {
    expect(ru('Заявление Ивановой А. Б. от 3 марта')).toBe('Заявление Лицо А от 3 марта');
    expect(ru('Показания Иванова А.Б.')).toBe('Показания Лицо А');
    expect(ru('Асанов Б. подписал')).toBe('Лицо Б подписал');
  });

  it('takes initials written before a surname too', () => {
    expect(ru('Объяснение А. Б. Ивановой')).toBe('Объяснение Лицо А');
    expect(ru('Объяснение А.Б. Ивановой')).toBe('Объяснение Лицо А');
  });

  it('replaces the full name and the transliteration, and leaves other words and lower-case abbreviations alone', () => {
    expect(ru('Иванова Анна Борисовна и Асанов Бакыт')).toBe('Лицо А и Лицо Б');
    expect(ru('Statement of Ivanova Anna')).toBe('Statement of Лицо А');
    expect(ru('Асанов и. о. судьи')).toBe('Лицо Б и. о. судьи');
    expect(ru('Суд. А потом решение')).toBe('Суд. А потом решение');
  });

  it('English codes read "Person A"', () => {
    const en = makePseudonymiser(persons, [{ personId: 'p1', code: 'Person A' }]);
    expect(en('Statement of A. Ivanova, 3 March')).toBe('Statement of Person A, 3 March');
  });
});
