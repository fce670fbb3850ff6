import type { z } from 'zod';
import type { CalendarSchema } from '../schemas/deadline-rules';

/**
 * Kyrgyz working-day calendar, 2025–2027: the days УПК art. 137(2)(4) calls non-working.
 *
 * Fixed days: Labour Code 2025 (23 January 2025 № 23) art. 66(2)–(3), read in the consolidated text of
 * 10 July 2025 (cbd.minjust.gov.kg export, data/pdfs/10jul2025_labourcode.pdf of zhanboloteraliev/kalys).
 * Since that Code, a holiday falling on a weekend is not carried over to the next working day (Ministry of
 * Labour, March 2026, on Nooruz falling on a Saturday), and the yearly decree moving working days was
 * repealed (February 2025) — but the Cabinet still moved days for state bodies in January 2026.
 * Orozo Ait and Kurman Ait follow the lunar calendar and are announced each year by the muftiate; dates not
 * yet confirmed by a source read here are astronomical estimates marked `verified: false`.
 * A lawyer corrects or adds days in the vault (`sakta holidays set`), which overrides this file.
 */
const TK = 'Labour Code 2025 art. 66(2)–(3), consolidated text of 10 July 2025';
const fixed = (year: number) => {
  const d = (md: string, ru: string, en: string) => ({ date: `${year}-${md}`, name: { ru, en }, source: { text: TK, verified: true } });
  return [
    ...['01', '02', '03', '04', '05', '06'].map((n) => d(`01-${n}`, 'Новогодние каникулы', 'New Year holidays')),
    d('01-07', 'Рождество Христово', 'Orthodox Christmas'),
    d('03-08', 'Международный женский день', 'International Women’s Day'),
    d('03-21', 'Нооруз', 'Nooruz'),
    ...['01', '02', '03', '04', '06', '07', '08'].map((n) => d(`05-${n}`, 'Майские каникулы', 'May holidays')),
    d('05-05', 'День Конституции', 'Constitution Day'),
    d('05-09', 'День Победы', 'Victory Day'),
    d('08-31', 'День независимости', 'Independence Day'),
  ];
};
const OROZO = { ru: 'Орозо айт', en: 'Orozo Ait' };
const KURMAN = { ru: 'Курман айт', en: 'Kurman Ait' };
const ESTIMATE = { text: 'Astronomical estimate; the muftiate announces the date shortly before. Correct it when announced.', verified: false };

export const kgCalendar = {
  id: 'kg',
  version: '2026-12-06.1',
  title: { ru: 'Производственный календарь Кыргызской Республики', en: 'Kyrgyz Republic working-day calendar' },
  weekend: [0, 6],
  weekendNote: {
    ru: 'Суббота и воскресенье: суды и прокуратура работают пятидневную неделю (ст. 65 ТК; не проверено для каждого органа).',
    en: 'Saturday and Sunday: courts and prosecutors work a five-day week (Labour Code art. 65; not verified for every body).',
  },
  years: [
    {
      year: 2025,
      nonWorking: [
        ...fixed(2025),
        { date: '2025-03-30', name: OROZO, source: { text: 'Expected date (Sunday); not confirmed from a source read here.', verified: false } },
        { date: '2025-06-06', name: KURMAN, source: { text: 'Expected date (Friday); not confirmed from a source read here.', verified: false } },
      ],
      // The decree of 30 December 2024 moving days in 2025 was repealed in February 2025 (24.kg, 4 February 2025).
      workingWeekendDays: [],
    },
    {
      year: 2026,
      nonWorking: [
        ...fixed(2026),
        ...['01-08', '01-09'].map((md) => ({
          date: `2026-${md}`,
          name: { ru: 'Новогодние каникулы (перенос)', en: 'New Year holidays (moved day)' },
          source: { text: 'Cabinet of Ministers decree extending the New Year holidays to 12 January 2026 for state and municipal bodies (24.kg, December 2025)', verified: true },
        })),
        { date: '2026-03-20', name: OROZO, source: { text: 'Muftiate and Ministry of Labour (Azattyk 10 March 2026; 24.kg 11 March 2026)', verified: true } },
        { date: '2026-05-27', name: KURMAN, source: ESTIMATE },
      ],
      workingWeekendDays: [
        { date: '2026-02-07', name: { ru: 'Рабочая суббота (за 8 января)', en: 'Working Saturday (for 8 January)' }, source: { text: 'Cabinet of Ministers decree on the 2026 New Year holidays (24.kg, December 2025)', verified: true } },
        { date: '2026-04-25', name: { ru: 'Рабочая суббота (за 9 января)', en: 'Working Saturday (for 9 January)' }, source: { text: 'Cabinet of Ministers decree on the 2026 New Year holidays (24.kg, December 2025)', verified: true } },
      ],
    },
    {
      year: 2027,
      nonWorking: [...fixed(2027), { date: '2027-03-10', name: OROZO, source: ESTIMATE }, { date: '2027-05-17', name: KURMAN, source: ESTIMATE }],
      workingWeekendDays: [],
    },
  ],
} satisfies z.input<typeof CalendarSchema>;
