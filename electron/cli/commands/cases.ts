import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { formatDay, formatPartialDate, parsePartialDate } from '../../../shared/partial-date';
import type { AgendaDeadline, AgendaHearing } from '../../../shared/schemas/agenda';
import type { CaseSummary } from '../../../shared/schemas/case';
import { EVENT_TYPES } from '../../../shared/schemas/event';
import { PROCEEDING_STATUSES, PROCEEDING_TYPES } from '../../../shared/schemas/proceeding';
import { ROLES, type Person } from '../../../shared/schemas/person';
import { writeCaseExport } from '../../services/exports/case-export';
import { requiredOption, type CliCommand, type CliContext } from '../registry';
import { proposalLines } from './deadlines';

/** Case-work commands. Each calls the same services the app uses, so the CLI and UI cannot disagree. */

const str = (ctx: CliContext, name: string): string | undefined => {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
};
const many = (ctx: CliContext, name: string): string[] => {
  const v = ctx.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
};
/** Partial dates as typed, read by the same reader as the app's forms (shared/date-parse.ts); a malformed one names its option. */
function partialDate(ctx: CliContext, name: string) {
  const text = str(ctx, name);
  if (text === undefined) return undefined;
  const d = parsePartialDate(text);
  if (!d) throw new SaktaError('VALIDATION', `--${name}: "${text}" is not a date (try 20.02.2024, 2024-02-20, "March 2025", "summer 2014", 2014 or 2010-06-10..2010-06-14)`, { [name]: 'Not a date' });
  return d;
}
/** An exact day: 20.02.2024, 2024-02-20, "20 February 2024", … */
function exactDay(ctx: CliContext, name: string): string | undefined {
  const d = partialDate(ctx, name);
  if (d === undefined) return undefined;
  if (d.precision !== 'day') throw new SaktaError('VALIDATION', `--${name} needs an exact day (e.g. 20.02.2024 or 2024-02-20)`, { [name]: 'Needs an exact day' });
  return d.date;
}
function intOption(ctx: CliContext, name: string, def: number, min: number, max: number): number {
  const text = str(ctx, name);
  if (text === undefined) return def;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new SaktaError('VALIDATION', `--${name} must be a whole number from ${min} to ${max}`, { [name]: 'Out of range' });
  return n;
}
/** Runs `fn` with the unlocked services and locks the vault afterwards, even when `fn` throws. */
async function withWork<T>(ctx: CliContext, fn: (w: Awaited<ReturnType<CliContext['open']>>['caseWork']) => T): Promise<T> {
  const s = await ctx.open();
  try {
    return fn(s.caseWork);
  } finally {
    s.vault.lock();
  }
}

const caseLine = (c: CaseSummary) => `${c.id}  ${c.status.padEnd(8)} ${(c.internalRef ?? '').padEnd(14)} ${c.title}`;
const personLine = (p: Person) => `${p.id}  ${p.name}${p.nameTranslit ? ` (${p.nameTranslit})` : ''}${p.death ? ` † ${formatPartialDate(p.death)}` : ''}`;
const hearingLine = (h: AgendaHearing) => `${h.date} ${h.time ?? '--:--'}  hearing   ${h.caseTitle}${h.body ? ` — ${h.body}` : ''}${h.room ? `, room ${h.room}` : ''}`;
const deadlineLine = (d: AgendaDeadline) => `${d.dueOn}        deadline  ${d.caseTitle} — ${d.what}`;

const CASE_ADD = 'sakta case add --vault DIR --title TEXT [--ref REF] [--number NO ...] [--category KEY|ID] [--status open|closed|archived] [--stage TEXT] [--opened DATE] [--tag TAG ...] [--summary TEXT] [--json]';
const CASE_LIST = 'sakta case list --vault DIR [--search TEXT] [--status S] [--category KEY|ID] [--stage TEXT] [--tag TAG] [--sort updated|title|opened|reference] [--json]';
const PERSON_ADD = 'sakta person add --vault DIR --name NAME [--translit NAME] [--born DATE] [--age N] [--died DATE] [--phone P ...] [--email E ...] [--notes TEXT] [--json]';
const ROLE_ADD = `sakta role add --vault DIR --case ID --person ID --role ${ROLES.join('|')} [--represents PERSON_ID] [--rank-unit TEXT] [--identification named|described|unknown] [--since DATE] [--json]`;
const PROC_ADD = `sakta proceeding add --vault DIR --case ID --type ${PROCEEDING_TYPES.join('|')} [--body TEXT] [--reference REF] [--status S] [--started DATE] [--ended DATE] [--parent ID] [--outcome TEXT] [--json]`;
const EVENT_ADD = `sakta event add --vault DIR --case ID --date DATE --type ${EVENT_TYPES.join('|')} [--time HH:MM] [--place TEXT] [--description TEXT] [--person ID ...] [--proceeding ID] [--act ACT] [--json]`;
const HEARING_ADD = 'sakta hearing add --vault DIR --case ID --date YYYY-MM-DD [--time HH:MM] [--body TEXT] [--room TEXT] [--judge PERSON_ID] [--proceeding ID] [--purpose TEXT] [--json]';
const DEADLINE_ADD = 'sakta deadline add --vault DIR --case ID --due YYYY-MM-DD --what TEXT [--rule TEXT] [--proceeding ID] [--json]';

function resolveCategory(w: { cases: { listCategories(): { id: string; key: string | null; name: string }[] } }, given: string | undefined): string | undefined {
  if (!given) return undefined;
  const hit = w.cases.listCategories().find((c) => c.id === given || c.key === given || c.name.toLowerCase() === given.toLowerCase());
  if (!hit) throw new SaktaError('VALIDATION', `--category: no category "${given}" (see the keys with "sakta case categories")`, { category: 'No such category' });
  return hit.id;
}

export const commands: CliCommand[] = [
  {
    name: 'case add',
    summary: 'Create a case',
    usage: CASE_ADD,
    options: {
      title: { type: 'string' },
      ref: { type: 'string' },
      number: { type: 'string', multiple: true },
      category: { type: 'string' },
      status: { type: 'string' },
      stage: { type: 'string' },
      opened: { type: 'string' },
      tag: { type: 'string', multiple: true },
      summary: { type: 'string' },
    },
    async run(ctx) {
      const opened = exactDay(ctx, 'opened');
      const c = await withWork(ctx, (w) =>
        w.cases.create({
          title: str(ctx, 'title') ?? '',
          internalRef: str(ctx, 'ref'),
          courtNumbers: many(ctx, 'number').map((number) => ({ number })),
          categoryId: resolveCategory(w, str(ctx, 'category')),
          status: str(ctx, 'status'),
          stage: str(ctx, 'stage'),
          openedOn: opened,
          tags: many(ctx, 'tag'),
          summary: str(ctx, 'summary'),
        }),
      );
      if (ctx.values.json) return ctx.json(c);
      ctx.out(c.id);
    },
  },
  {
    name: 'case list',
    summary: 'List cases (search is case-insensitive in any script)',
    usage: CASE_LIST,
    options: { search: { type: 'string' }, status: { type: 'string', multiple: true }, category: { type: 'string' }, stage: { type: 'string' }, tag: { type: 'string' }, sort: { type: 'string' } },
    async run(ctx) {
      const list = await withWork(ctx, (w) =>
        w.cases.list({
          query: str(ctx, 'search') ?? '',
          status: many(ctx, 'status').length ? many(ctx, 'status') : undefined,
          categoryId: resolveCategory(w, str(ctx, 'category')),
          stage: str(ctx, 'stage'),
          tag: str(ctx, 'tag'),
          sort: str(ctx, 'sort'),
          limit: 10_000,
        }),
      );
      if (ctx.values.json) return ctx.json(list);
      for (const c of list.items) ctx.out(caseLine(c));
      if (!list.items.length) ctx.out('No cases match.');
    },
  },
  {
    name: 'case show',
    summary: 'Show a case: parties, proceedings, next hearing, open deadlines',
    usage: 'sakta case show ID --vault DIR [--lang en|ru] [--json]',
    options: { lang: { type: 'string' } },
    async run(ctx) {
      const id = ctx.positionals[0];
      if (!id) throw new SaktaError('BAD_REQUEST', 'Which case? usage: sakta case show ID --vault DIR');
      const lang = str(ctx, 'lang') ?? 'en';
      const { o, events } = await withWork(ctx, (w) => ({ o: w.views.overview(id), events: w.timeline.listEvents({ caseId: id }) }));
      if (ctx.values.json) return ctx.json({ ...o, events });
      const c = o.case;
      ctx.out(`${c.title}  [${c.status}]${c.internalRef ? `  ref ${c.internalRef}` : ''}`);
      if (c.courtNumbers.length) ctx.out(`  numbers: ${c.courtNumbers.map((n) => n.number + (n.body ? ` (${n.body})` : '')).join('; ')}`);
      if (o.category) ctx.out(`  category: ${o.category.name}`);
      if (c.stage) ctx.out(`  stage: ${c.stage}`);
      if (c.openedOn) ctx.out(`  opened: ${formatDay(c.openedOn, lang)}${c.closedOn ? `, closed ${formatDay(c.closedOn, lang)}` : ''}`);
      ctx.out('Parties:');
      for (const p of o.parties) {
        const rep = p.representedBy.length ? `; represented by ${p.representedBy.map((r) => r.name).join(', ')}` : '';
        ctx.out(`  ${p.role.role.padEnd(22)} ${p.person.name}${p.deceased ? ' (deceased)' : ''}${rep}`);
      }
      ctx.out('Proceedings:');
      for (const p of o.proceedings) ctx.out(`  ${p.parentId ? '└ ' : ''}${p.type} ${p.body ?? ''} ${p.reference ?? ''} [${p.status}]`.replace(/\s+/g, ' '));
      ctx.out('Timeline:');
      for (const e of events) ctx.out(`  ${formatPartialDate(e.date, lang)}${e.time ? ` ${e.time}` : ''}  ${e.type}${e.place ? ` — ${e.place}` : ''}`);
      if (o.nextHearing) ctx.out(`Next hearing: ${o.nextHearing.date} ${o.nextHearing.time ?? ''}`.trimEnd());
      for (const d of o.openDeadlines) ctx.out(`Deadline ${d.dueOn}: ${d.what}`);
    },
  },
  {
    name: 'case categories',
    summary: 'List case categories (key, name)',
    usage: 'sakta case categories --vault DIR [--json]',
    options: {},
    async run(ctx) {
      const cats = await withWork(ctx, (w) => w.cases.listCategories());
      if (ctx.values.json) return ctx.json(cats);
      for (const c of cats) ctx.out(`${c.id}  ${(c.key ?? '').padEnd(22)} ${c.name}`);
    },
  },
  {
    name: 'person add',
    summary: 'Add a person (shared across cases)',
    usage: PERSON_ADD,
    options: {
      name: { type: 'string' },
      translit: { type: 'string' },
      born: { type: 'string' },
      age: { type: 'string' },
      died: { type: 'string' },
      phone: { type: 'string', multiple: true },
      email: { type: 'string', multiple: true },
      notes: { type: 'string' },
    },
    async run(ctx) {
      const input = {
        name: str(ctx, 'name') ?? '',
        nameTranslit: str(ctx, 'translit'),
        birth: partialDate(ctx, 'born'),
        age: str(ctx, 'age') === undefined ? undefined : intOption(ctx, 'age', 0, 0, 130),
        death: partialDate(ctx, 'died'),
        contacts: [...many(ctx, 'phone').map((value) => ({ kind: 'phone' as const, value })), ...many(ctx, 'email').map((value) => ({ kind: 'email' as const, value }))],
        notes: str(ctx, 'notes'),
      };
      const p = await withWork(ctx, (w) => w.persons.create(input));
      if (ctx.values.json) return ctx.json(p);
      ctx.out(p.id);
    },
  },
  {
    name: 'person update',
    summary: 'Change a person (e.g. record a date of death)',
    usage: 'sakta person update ID --vault DIR [--name NAME] [--translit NAME] [--born DATE] [--died DATE] [--notes TEXT] [--json]',
    options: { name: { type: 'string' }, translit: { type: 'string' }, born: { type: 'string' }, died: { type: 'string' }, notes: { type: 'string' } },
    async run(ctx) {
      const id = ctx.positionals[0];
      if (!id) throw new SaktaError('BAD_REQUEST', 'Which person? usage: sakta person update ID --vault DIR ...');
      const patch = { name: str(ctx, 'name'), nameTranslit: str(ctx, 'translit'), birth: partialDate(ctx, 'born'), death: partialDate(ctx, 'died'), notes: str(ctx, 'notes') };
      const p = await withWork(ctx, (w) => w.persons.update(id, patch));
      if (ctx.values.json) return ctx.json(p);
      ctx.out(personLine(p));
    },
  },
  {
    name: 'person list',
    summary: 'List or search persons by name or transliteration',
    usage: 'sakta person list --vault DIR [--search TEXT] [--json]',
    options: { search: { type: 'string' } },
    async run(ctx) {
      const list = await withWork(ctx, (w) => w.persons.list({ query: str(ctx, 'search') ?? '', limit: 10_000 }));
      if (ctx.values.json) return ctx.json(list);
      for (const p of list.items) ctx.out(personLine(p));
      if (!list.items.length) ctx.out('No persons match.');
    },
  },
  {
    name: 'role add',
    summary: "Give a person a role in a case (e.g. a father representing his late son)",
    usage: ROLE_ADD,
    options: {
      case: { type: 'string' },
      person: { type: 'string' },
      role: { type: 'string' },
      represents: { type: 'string' },
      'rank-unit': { type: 'string' },
      identification: { type: 'string' },
      since: { type: 'string' },
    },
    async run(ctx) {
      const input = {
        caseId: requiredOption(ctx, 'case', ROLE_ADD),
        personId: requiredOption(ctx, 'person', ROLE_ADD),
        role: requiredOption(ctx, 'role', ROLE_ADD),
        representsPersonId: str(ctx, 'represents'),
        rankUnit: str(ctx, 'rank-unit'),
        identification: str(ctx, 'identification'),
        since: exactDay(ctx, 'since'),
      };
      const r = await withWork(ctx, (w) => w.persons.addRole(input));
      if (ctx.values.json) return ctx.json(r);
      ctx.out(r.id);
    },
  },
  {
    name: 'proceeding add',
    summary: 'Add a proceeding (one stage of the chain) to a case',
    usage: PROC_ADD,
    options: {
      case: { type: 'string' },
      type: { type: 'string' },
      body: { type: 'string' },
      reference: { type: 'string' },
      status: { type: 'string' },
      started: { type: 'string' },
      ended: { type: 'string' },
      parent: { type: 'string' },
      outcome: { type: 'string' },
    },
    async run(ctx) {
      const input = {
        caseId: requiredOption(ctx, 'case', PROC_ADD),
        type: requiredOption(ctx, 'type', PROC_ADD),
        body: str(ctx, 'body'),
        reference: str(ctx, 'reference'),
        status: str(ctx, 'status') as (typeof PROCEEDING_STATUSES)[number] | undefined,
        startedOn: exactDay(ctx, 'started'),
        endedOn: exactDay(ctx, 'ended'),
        parentId: str(ctx, 'parent'),
        outcome: str(ctx, 'outcome'),
      };
      const p = await withWork(ctx, (w) => w.timeline.createProceeding(input));
      if (ctx.values.json) return ctx.json(p);
      ctx.out(p.id);
    },
  },
  {
    name: 'event add',
    summary: 'Add a timeline event; dates may be approximate ("summer 2014", "2010-06")',
    usage: EVENT_ADD,
    options: {
      case: { type: 'string' },
      date: { type: 'string' },
      type: { type: 'string' },
      time: { type: 'string' },
      place: { type: 'string' },
      description: { type: 'string' },
      person: { type: 'string', multiple: true },
      proceeding: { type: 'string' },
      act: { type: 'string' },
    },
    async run(ctx) {
      const caseId = requiredOption(ctx, 'case', EVENT_ADD);
      requiredOption(ctx, 'date', EVENT_ADD);
      const input = {
        caseId,
        date: partialDate(ctx, 'date'),
        type: requiredOption(ctx, 'type', EVENT_ADD),
        time: str(ctx, 'time'),
        place: str(ctx, 'place'),
        description: str(ctx, 'description'),
        personIds: many(ctx, 'person'),
        proceedingId: str(ctx, 'proceeding'),
      };
      const s = await ctx.open();
      try {
        const e = s.caseWork.timeline.createEvent(input);
        // Proposals, not surprises: the deadlines the procedure attaches to this event, to accept or not.
        const proposals = s.rules.propose({ eventId: e.id, ...(str(ctx, 'act') ? { act: str(ctx, 'act') } : {}) });
        if (ctx.values.json) return ctx.json({ ...e, proposals });
        ctx.out(e.id);
        for (const line of proposalLines(proposals, e.id)) ctx.out(line);
      } finally {
        s.vault.lock();
      }
    },
  },
  {
    name: 'hearing add',
    summary: 'Schedule a hearing',
    usage: HEARING_ADD,
    options: {
      case: { type: 'string' },
      date: { type: 'string' },
      time: { type: 'string' },
      body: { type: 'string' },
      room: { type: 'string' },
      judge: { type: 'string' },
      proceeding: { type: 'string' },
      purpose: { type: 'string' },
    },
    async run(ctx) {
      const caseId = requiredOption(ctx, 'case', HEARING_ADD);
      requiredOption(ctx, 'date', HEARING_ADD);
      const input = {
        caseId,
        date: exactDay(ctx, 'date'),
        time: str(ctx, 'time'),
        body: str(ctx, 'body'),
        room: str(ctx, 'room'),
        judgePersonId: str(ctx, 'judge'),
        proceedingId: str(ctx, 'proceeding'),
        purpose: str(ctx, 'purpose'),
      };
      const h = await withWork(ctx, (w) => w.agenda.createHearing(input));
      if (ctx.values.json) return ctx.json(h);
      ctx.out(h.id);
    },
  },
  {
    name: 'deadline add',
    summary: 'Add a deadline (a due date before the case opened is allowed)',
    usage: DEADLINE_ADD,
    options: { case: { type: 'string' }, due: { type: 'string' }, what: { type: 'string' }, rule: { type: 'string' }, proceeding: { type: 'string' } },
    async run(ctx) {
      const caseId = requiredOption(ctx, 'case', DEADLINE_ADD);
      requiredOption(ctx, 'due', DEADLINE_ADD);
      const input = { caseId, dueOn: exactDay(ctx, 'due'), what: str(ctx, 'what') ?? '', rule: str(ctx, 'rule'), proceedingId: str(ctx, 'proceeding') };
      const d = await withWork(ctx, (w) => w.agenda.createDeadline(input));
      if (ctx.values.json) return ctx.json(d);
      ctx.out(d.id);
    },
  },
  {
    name: 'deadline done',
    summary: 'Mark a deadline done (--undo to reopen it)',
    usage: 'sakta deadline done ID --vault DIR [--undo] [--json]',
    options: { undo: { type: 'boolean' } },
    async run(ctx) {
      const id = ctx.positionals[0];
      if (!id) throw new SaktaError('BAD_REQUEST', 'Which deadline? usage: sakta deadline done ID --vault DIR');
      const d = await withWork(ctx, (w) => w.agenda.setDeadlineDone(id, !ctx.values.undo));
      if (ctx.values.json) return ctx.json(d);
      ctx.out(`${d.done ? 'Done' : 'Reopened'}: ${d.dueOn} ${d.what}`);
    },
  },
  {
    name: 'agenda',
    summary: 'Overdue deadlines, then hearings and deadlines in the next N days (default 14)',
    usage: 'sakta agenda --vault DIR [--days N] [--json]',
    options: { days: { type: 'string' } },
    async run(ctx) {
      const days = intOption(ctx, 'days', 14, 1, 366);
      const d = await withWork(ctx, (w) => w.agenda.dashboard({ days }));
      if (ctx.values.json) return ctx.json(d);
      if (d.overdue.length) {
        ctx.out('OVERDUE:');
        for (const x of d.overdue) ctx.out(`  ${deadlineLine(x)}`);
      }
      ctx.out(`Next ${d.days} days from ${d.today}:`);
      const items = [...d.hearings.map((h) => ({ k: `${h.date} ${h.time ?? ''}`, line: hearingLine(h) })), ...d.dueSoon.map((x) => ({ k: `${x.dueOn} `, line: deadlineLine(x) }))];
      for (const i of items.sort((a, b) => a.k.localeCompare(b.k))) ctx.out(`  ${i.line}`);
      if (!items.length) ctx.out('  nothing scheduled');
    },
  },
  {
    name: 'export-case',
    summary: "Write one case's complete records as documented JSON (docs/export-format.md)",
    usage: 'sakta export-case --vault DIR --case ID --out FILE.json [--force]',
    options: { case: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
    async run(ctx) {
      const usage = 'sakta export-case --vault DIR --case ID --out FILE.json [--force]';
      const caseId = requiredOption(ctx, 'case', usage);
      const out = path.resolve(requiredOption(ctx, 'out', usage));
      const s = await ctx.open();
      let written: { path: string; records: number };
      let data: ReturnType<typeof s.caseWork.views.exportCase>;
      try {
        data = s.caseWork.views.exportCase(caseId);
        // Outside the vault (real path), never over a file without --force, audited before the first byte.
        written = await writeCaseExport(s.writer, s.vault.current(), data, out, { force: ctx.values.force === true });
      } finally {
        s.vault.lock();
      }
      if (ctx.values.json) return ctx.json({ file: written.path, caseId, records: written.records });
      ctx.out(`Exported "${data.case.title}" to ${written.path}. This file is NOT encrypted: keep it somewhere safe.`);
    },
  },
];
