import { weekday } from './deadline-count';
import type { Citation, Computation, Localized, Period, StartsFrom } from './schemas/deadline-rules';

/**
 * The count in words, the way a lawyer checks it on paper: "10 days from receipt: 13.03 → 22.03;
 * 22.03 is a Sunday → 23.03". One text for the app, the CLI and the tests, in Russian and English
 * (the interface's Kyrgyz falls back to Russian, the language of the procedure).
 */
export type WordsLanguage = 'ru' | 'en';

const ruPlural = (n: number, one: string, few: string, many: string) => {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
};

export function periodWords(p: Period, lang: WordsLanguage): string {
  const n = p.amount;
  if (lang === 'en') {
    const unit = { hours: 'hour', sutki: 'сутки', days: 'day', months: 'month', years: 'year' }[p.unit];
    // сутки (24-hour days) keep their Russian name: the code distinguishes them from days.
    return p.unit === 'sutki' ? `${n} сутки` : `${n} ${unit}${n === 1 ? '' : 's'}`;
  }
  const forms: Record<Period['unit'], [string, string, string]> = {
    hours: ['час', 'часа', 'часов'],
    sutki: ['сутки', 'суток', 'суток'],
    days: ['день', 'дня', 'дней'],
    months: ['месяц', 'месяца', 'месяцев'],
    years: ['год', 'года', 'лет'],
  };
  const [one, few, many] = forms[p.unit];
  return `${n} ${ruPlural(n, one, few, many)}`;
}

const FROM: Record<StartsFrom, Record<WordsLanguage, string>> = {
  received: { en: 'from receipt', ru: 'с момента получения' },
  served: { en: 'from service', ru: 'со дня вручения' },
  decided: { en: 'from the decision', ru: 'со дня вынесения' },
  occurred: { en: 'from the event', ru: 'с момента события' },
  registered: { en: 'from registration', ru: 'с момента регистрации' },
  filed: { en: 'from filing', ru: 'с момента подачи' },
};
const BEFORE = { en: 'before', ru: 'до' };

const WEEKDAYS: Record<WordsLanguage, string[]> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  ru: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
};

/** dd.mm, or dd.mm.yyyy when the count crosses into another year. */
const dayText = (iso: string, withYear: boolean) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}${withYear ? `.${iso.slice(0, 4)}` : ''}`;

export function countWords(c: Computation, startsFrom: StartsFrom, lang: WordsLanguage): string {
  const withYear = c.triggerOn.slice(0, 4) !== c.dueOn.slice(0, 4);
  const d = (iso: string) => dayText(iso, withYear);
  const head = `${periodWords(c.period, lang)} ${c.direction === 'before' ? BEFORE[lang] : FROM[startsFrom][lang]}`;
  if (c.period.unit === 'hours') {
    const at = lang === 'en' ? (t: string, day: string) => `${t} on ${d(day)}` : (t: string, day: string) => `${d(day)} ${t}`;
    const start = at(c.triggerTime ?? '00:00', c.triggerOn);
    const assumed = c.assumedMidnight ? (lang === 'en' ? ' (no time recorded: counted from 00:00)' : ' (время не указано: от 00:00)') : '';
    return `${head}: ${start} → ${at(c.dueTime ?? '00:00', c.dueOn)}${assumed}`;
  }
  let text = `${head}: ${d(c.firstDay)} → ${d(c.lastDay)}`;
  if (c.shifts.length) {
    const why = c.shifts.map((s) => {
      if (s.reason === 'weekend') return lang === 'en' ? `${d(s.from)} is a ${WEEKDAYS.en[weekday(s.from)]}` : `${d(s.from)} — ${WEEKDAYS.ru[weekday(s.from)]}`;
      const name = s.holiday ? ` (${s.holiday[lang]})` : '';
      return lang === 'en' ? `${d(s.from)} is a holiday${name}` : `${d(s.from)} — праздник${name}`;
    });
    text += `; ${why.join(', ')} → ${d(c.dueOn)}`;
  } else if (c.counting === 'kg-upk-137-custody') {
    text += lang === 'en' ? ' (custody period: not moved to a working day)' : ' (срок содержания: на рабочий день не переносится)';
  } else if (c.counting === 'calendar') {
    text += lang === 'en' ? ' (calendar days: not moved to a working day)' : ' (календарные дни: на рабочий день не переносится)';
  }
  if (c.calendarMissing) text += lang === 'en' ? ' — no holiday data for that year: weekends only' : ' — нет данных о праздниках за этот год: учтены только выходные';
  return text;
}

/** Rules are written in Russian and English; Kyrgyz readers get the Russian (the procedure's language). */
export const ruleLang = (lng: string): WordsLanguage => (lng === 'en' ? 'en' : 'ru');

export const loc = (text: Localized, lng: string): string => text[ruleLang(lng)];

/**
 * "УПК КР (2021 № 129), ст. 154(3)" / "Criminal Procedure Code … , art. 154(3)": the one wording of a
 * citation, in the app (agenda, dashboard, proposals) and in a bundle's chronology.
 */
export function citationLine(c: Citation, lng: string): string {
  const lang = ruleLang(lng);
  if (/^(art|rule)\b/.test(c.article)) return `${c.law[lang]}, ${c.article}`;
  return `${c.law[lang]}, ${lang === 'en' ? 'art.' : 'ст.'} ${c.article}`;
}
