import { SaktaError } from '../../../shared/errors';
import { computeDeadline, workingDays, type LocalDay } from '../../../shared/deadline-count';
import { shippedRules } from '../../../shared/deadline-rules';
import { countWords, periodWords, type WordsLanguage } from '../../../shared/deadline-words';
import type { Computation, Proposals, Rule } from '../../../shared/schemas/deadline-rules';
import { isIsoDay, TimeSchema } from '../../../shared/schemas/partial-date';
import { parsePartialDate } from '../../../shared/partial-date';
import { citationText } from '../../services/deadline-rules/deadline-rules-service';
import { requiredOption, type CliCommand, type CliContext } from '../registry';

/**
 * Procedural deadline rules from the command line: the rules, a count, the holidays, and the lawyer's
 * corrections to the calendar. Listing and counting need no vault; with --vault the vault's calendar
 * corrections count too.
 */

const RULES_LIST = 'sakta rules list [--language en|ru] [--json]';
const COMPUTE = 'sakta deadline compute --rule ID --from DATE [--time HH:MM] [--vault DIR] [--language en|ru] [--json]';
const ACCEPT = 'sakta deadline accept --vault DIR --event ID --rule ID [--trigger DATE] [--due DATE] [--what TEXT] [--json]';
const HOLIDAYS = 'sakta holidays --year YYYY [--vault DIR] [--language en|ru] [--json]';
const HOLIDAY_SET = 'sakta holidays set --vault DIR --date DATE --kind non_working|working --name TEXT';
const HOLIDAY_REMOVE = 'sakta holidays remove --vault DIR --date DATE';

const str = (ctx: CliContext, name: string): string | undefined => (typeof ctx.values[name] === 'string' ? (ctx.values[name] as string) : undefined);
function lang(ctx: CliContext): WordsLanguage {
  const l = str(ctx, 'language') ?? 'en';
  if (l !== 'en' && l !== 'ru') throw new SaktaError('BAD_REQUEST', '--language must be en or ru');
  return l;
}
/** YYYY-MM-DD or DD.MM.YYYY, an exact day. */
function day(ctx: CliContext, name: string, usage: string): string {
  const text = requiredOption(ctx, name, usage);
  const d = parsePartialDate(text);
  if (!d || d.precision !== 'day' || !isIsoDay(d.date)) throw new SaktaError('VALIDATION', `--${name}: "${text}" is not an exact day (YYYY-MM-DD)`, { [name]: 'Needs an exact day' });
  return d.date;
}
function findRule(id: string) {
  for (const set of shippedRules().ruleSets) {
    const rule = set.rules.find((r) => r.id === id);
    if (rule) return { set, rule };
  }
  throw new SaktaError('NOT_FOUND', `No rule "${id}" (see sakta rules list).`);
}
/** The vault's calendar corrections when --vault is given (the vault is locked again before returning). */
async function localDays(ctx: CliContext): Promise<LocalDay[]> {
  if (!str(ctx, 'vault')) return [];
  const s = await ctx.open();
  try {
    return s.rules.localDaysOrNone();
  } finally {
    s.vault.lock();
  }
}

const verifiedWord = (r: Rule, l: WordsLanguage) => (r.citation.verified ? (l === 'en' ? 'verified' : 'проверено') : l === 'en' ? 'UNVERIFIED' : 'НЕ ПРОВЕРЕНО');

/** The date, the count in words, and where it comes from: what `deadline compute` and `event add` print. */
export function computationLines(rule: Rule, c: Computation, l: WordsLanguage): string[] {
  return [
    `${c.dueOn}${c.dueTime ? ` ${c.dueTime}` : ''}  ${rule.title[l]}`,
    `  ${countWords(c, rule.trigger.startsFrom, l)}`,
    `  ${citationText(rule)} (${verifiedWord(rule, l)}; ${l === 'en' ? 'text of' : 'текст от'} ${rule.citation.versionDate})`,
  ];
}

/** What `event add` prints after the event's id when a rule starts from it. */
export function proposalLines(p: Proposals, eventId: string): string[] {
  if (!p.acts.length) return [];
  if (!p.act) return [`Deadlines may follow from this event, depending on what it was (${p.acts.join(', ')}): sakta deadline accept --event ${eventId} --rule RULE (see sakta rules list)`];
  if (!p.proposals.length) return ['Deadlines may follow from this event, but its date is not an exact day.'];
  return [
    `Proposed deadlines (accept with: sakta deadline accept --event ${eventId} --rule RULE):`,
    ...p.proposals.flatMap((x) => [`${x.rule.rule.id}`, ...computationLines(x.rule.rule, x.computation, 'en').map((s) => `  ${s}`)]),
  ];
}

export const commands: CliCommand[] = [
  {
    name: 'rules list',
    summary: 'The procedural deadline rules Sakta knows, with their articles and whether each was verified',
    usage: RULES_LIST,
    options: { language: { type: 'string' } },
    async run(ctx) {
      const l = lang(ctx);
      const sets = shippedRules().ruleSets;
      if (ctx.values.json) return ctx.json({ ruleSets: sets });
      for (const set of sets) {
        ctx.out(`${set.title[l]} (${set.id}, version ${set.version})`);
        for (const r of set.rules) ctx.out(`  ${r.id.padEnd(22)} ${periodWords(r.period, l).padEnd(10)} ${citationText(r)} [${verifiedWord(r, l)}]  ${r.title[l]}`);
      }
    },
  },
  {
    name: 'deadline compute',
    summary: 'Compute a deadline from a rule and a start date; prints the date and the count in words',
    usage: COMPUTE,
    options: { rule: { type: 'string' }, from: { type: 'string' }, time: { type: 'string' }, language: { type: 'string' } },
    async run(ctx) {
      const l = lang(ctx);
      const { set, rule } = findRule(requiredOption(ctx, 'rule', COMPUTE));
      const from = day(ctx, 'from', COMPUTE);
      const time = str(ctx, 'time') ?? null;
      if (time !== null && !TimeSchema.safeParse(time).success) throw new SaktaError('VALIDATION', '--time must be HH:MM', { time: 'Enter a time as HH:MM' });
      const cal = set.calendar ? shippedRules().calendars.find((c) => c.id === set.calendar) : undefined;
      const c = computeDeadline(rule, from, time, cal ? workingDays(cal, await localDays(ctx)) : null);
      if (ctx.values.json) return ctx.json({ rule, computation: c, words: countWords(c, rule.trigger.startsFrom, l) });
      for (const line of computationLines(rule, c, l)) ctx.out(line);
    },
  },
  {
    name: 'deadline accept',
    summary: 'Add the deadline a rule gives for an event to the case (it remembers its rule and is recounted when the event changes)',
    usage: ACCEPT,
    options: { event: { type: 'string' }, rule: { type: 'string' }, trigger: { type: 'string' }, due: { type: 'string' }, what: { type: 'string' } },
    async run(ctx) {
      const eventId = requiredOption(ctx, 'event', ACCEPT);
      const ruleId = requiredOption(ctx, 'rule', ACCEPT);
      const s = await ctx.open();
      try {
        const ev = s.caseWork.timeline.getEvent(eventId);
        const triggerOn = str(ctx, 'trigger') ? day(ctx, 'trigger', ACCEPT) : ev.date.precision === 'day' ? ev.date.date : null;
        if (!triggerOn) throw new SaktaError('VALIDATION', 'The event has no exact date: give --trigger DATE', { trigger: 'Needs an exact day' });
        const r = s.rules.accept({ eventId, ruleId, triggerOn, ...(str(ctx, 'due') ? { dueOn: day(ctx, 'due', ACCEPT) } : {}), ...(str(ctx, 'what') ? { what: str(ctx, 'what') } : {}) });
        if (ctx.values.json) return ctx.json(r);
        ctx.out(`${r.deadline.id}  ${r.deadline.dueOn}  ${r.deadline.rule ?? ''}`);
      } finally {
        s.vault.lock();
      }
    },
  },
  {
    name: 'holidays',
    summary: 'Non-working days and worked weekend days of a year, each with its source',
    usage: HOLIDAYS,
    options: { year: { type: 'string' }, language: { type: 'string' } },
    async run(ctx) {
      const l = lang(ctx);
      const year = Number(requiredOption(ctx, 'year', HOLIDAYS));
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new SaktaError('VALIDATION', '--year must be a year from 2000 to 2100', { year: 'Out of range' });
      let list;
      if (str(ctx, 'vault')) {
        const s = await ctx.open();
        try {
          list = s.rules.holidays({ year });
        } finally {
          s.vault.lock();
        }
      } else {
        const cal = shippedRules().calendars.find((c) => c.id === 'kg')!;
        const y = cal.years.find((x) => x.year === year);
        list = {
          year,
          known: !!y,
          calendarVersion: cal.version,
          days: [
            ...(y?.nonWorking ?? []).map((d) => ({ ...d, kind: 'non_working' as const, local: false })),
            ...(y?.workingWeekendDays ?? []).map((d) => ({ ...d, kind: 'working_weekend' as const, local: false })),
          ].sort((a, b) => a.date.localeCompare(b.date)),
        };
      }
      if (ctx.values.json) return ctx.json(list);
      if (!list.known) ctx.out(l === 'en' ? `No holiday data for ${year}: only weekends are known.` : `Нет данных о праздниках за ${year}: известны только выходные.`);
      for (const d of list.days) {
        const kind = d.kind === 'non_working' ? (l === 'en' ? 'day off    ' : 'нерабочий  ') : l === 'en' ? 'working day' : 'рабочий    ';
        const v = d.source.verified ? '' : l === 'en' ? ' [unverified]' : ' [не проверено]';
        ctx.out(`${d.date}  ${kind}  ${d.name[l]}${v}  — ${d.local ? (l === 'en' ? 'entered in this vault' : 'внесено в это хранилище') : d.source.text}`);
      }
    },
  },
  {
    name: 'holidays set',
    summary: 'Correct the working-day calendar in this vault (a lunar holiday announced, a day moved); linked deadlines are recounted',
    usage: HOLIDAY_SET,
    options: { date: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } },
    async run(ctx) {
      const date = day(ctx, 'date', HOLIDAY_SET);
      const s = await ctx.open();
      try {
        const r = s.rules.setDay({ date, kind: requiredOption(ctx, 'kind', HOLIDAY_SET), name: requiredOption(ctx, 'name', HOLIDAY_SET) });
        ctx.out(`${date} saved; ${r.moved} deadline(s) recounted`);
      } finally {
        s.vault.lock();
      }
    },
  },
  {
    name: 'holidays remove',
    summary: 'Remove a correction to the working-day calendar; linked deadlines are recounted',
    usage: HOLIDAY_REMOVE,
    options: { date: { type: 'string' } },
    async run(ctx) {
      const date = day(ctx, 'date', HOLIDAY_REMOVE);
      const s = await ctx.open();
      try {
        const r = s.rules.removeDay(date);
        ctx.out(`${date} removed; ${r.moved} deadline(s) recounted`);
      } finally {
        s.vault.lock();
      }
    },
  },
];
