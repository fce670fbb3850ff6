import path from 'node:path';
import { inTransaction } from '../electron/db/connection';
import { createNativeCrypto } from '../electron/crypto/native';
import { knownDbError } from '../electron/db/connection';
import { createDispatcher } from '../electron/ipc/dispatcher';
import { createHandlers } from '../electron/ipc/handlers';
import { createAppServices } from '../electron/composition/app-services';
import { foldForSearch } from '../shared/search-fold';
import { EVENT_TYPES } from '../shared/schemas/event';
import type { BenchModule } from './run';

/**
 * Case-list filter time over 5,000 cases with 50,000 timeline events in a real encrypted vault:
 * p50/p95 of search queries through the service and through the IPC dispatcher (which adds schema
 * checks of request and response), against a plain JS Array.filter over the same folded titles
 * measured in the same run, reported as a ratio.
 */
const CASES = 5_000;
const EVENTS_PER_CASE = 10;
const RUNS = 200;

const WORDS = ['Пытки', 'в', 'ИВС', 'задержание', 'журналист', 'Ош', 'Бишкек', 'torture', 'detention', 'fair', 'trial', 'Жалал-Абад', 'ёлка', 'насилие', 'семья', 'appeal', 'UN', 'Комитет'];
const QUERIES = ['пытки', 'ПЫТКИ', 'ивс', 'журн', 'ош', 'torture', 'trial', 'елка', 'комитет', '2015', 'xyz-none'];

const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 1000) / 1000;
}

const bench: BenchModule = {
  name: 'cases',
  async run(ctx) {
    process.env.SAKTA_TEST_FAST_KDF = '1'; // the KDF is not what this measures
    const services = createAppServices({ vaultDir: path.join(ctx.tmp, 'vault'), crypto: createNativeCrypto(), allowTestKdf: true });
    await services.vault.create('bench passphrase — not secret');
    const w = services.caseWork;
    const db = services.vault.current().db;
    const cats = w.cases.listCategories();

    // Seeding goes through the services (validation, search columns, audit trail), batched in
    // outer transactions so 55,000 records do not cost 55,000 fsyncs.
    let t0 = process.hrtime.bigint();
    const titles: string[] = [];
    for (let batch = 0; batch < CASES / 500; batch++) {
      inTransaction(db, () => {
        for (let i = batch * 500; i < (batch + 1) * 500; i++) {
          const title = `${pick(WORDS, i)} ${pick(WORDS, i * 7 + 3)} ${pick(WORDS, i * 13 + 5)} №${i}`;
          titles.push(title);
          const c = w.cases.create({
            title,
            internalRef: `REF-${2010 + (i % 15)}-${i}`,
            courtNumbers: [{ number: `1-${i}/${2010 + (i % 15)}` }],
            categoryId: pick(cats, i).id,
            status: pick(['open', 'open', 'closed', 'archived'] as const, i),
            stage: pick(['investigation', 'trial', 'appeal', 'UN'], i),
            tags: i % 3 === 0 ? ['urgent'] : [],
          });
          for (let e = 0; e < EVENTS_PER_CASE; e++) {
            const year = 2005 + ((i + e) % 18);
            w.timeline.createEvent({
              caseId: c.id,
              date: e % 3 === 0 ? { precision: 'season', year, season: 'summer' } : e % 3 === 1 ? { precision: 'month', year, month: 1 + (e % 12) } : { precision: 'day', date: `${year}-03-1${e % 10}` },
              type: pick(EVENT_TYPES, i + e),
              description: `Event ${e} of case ${i}`,
            });
          }
        }
      });
    }
    const seedSeconds = Math.round(ms(t0)) / 1000;
    ctx.log(`seeded ${CASES} cases, ${CASES * EVENTS_PER_CASE} events in ${seedSeconds} s`);

    const dispatch = createDispatcher(createHandlers(services), { allowedOrigins: ['bench://'], mapError: knownDbError });
    const caller = { origin: 'bench://', isMainFrame: true };
    const service: number[] = [];
    const viaIpc: number[] = [];
    const reference: number[] = [];
    const filtered: number[] = [];
    const folded = titles.map(foldForSearch);
    let matches = 0;
    for (let r = 0; r < RUNS; r++) {
      const query = pick(QUERIES, r);
      t0 = process.hrtime.bigint();
      const res = w.cases.list({ query, sort: 'title', limit: 500 });
      service.push(ms(t0));
      matches += res.total;

      t0 = process.hrtime.bigint();
      const ipc = await dispatch('cases.list', { query, sort: 'title', limit: 500 }, caller);
      viaIpc.push(ms(t0));
      if (!ipc.ok) throw new Error('bench dispatch failed');

      t0 = process.hrtime.bigint();
      const needle = foldForSearch(query);
      const hits = folded.filter((t) => t.includes(needle)).sort().slice(0, 500);
      reference.push(ms(t0));
      if (hits.length > res.total) throw new Error('reference found more than the service');

      t0 = process.hrtime.bigint();
      w.cases.list({ query, status: ['open'], tag: 'urgent', sort: 'updated', limit: 500 });
      filtered.push(ms(t0));
    }
    t0 = process.hrtime.bigint();
    const all = w.cases.list({ sort: 'title', limit: 10_000 });
    const fullListMs = Math.round(ms(t0) * 1000) / 1000;
    t0 = process.hrtime.bigint();
    const dash = w.agenda.dashboard({});
    const dashboardMs = Math.round(ms(t0) * 1000) / 1000;
    services.vault.lock();

    const result = {
      cases: CASES,
      events: CASES * EVENTS_PER_CASE,
      runs: RUNS,
      queries: QUERIES,
      meanMatches: Math.round(matches / RUNS),
      seedSeconds,
      searchMs: { p50: pct(service, 50), p95: pct(service, 95) },
      searchViaIpcMs: { p50: pct(viaIpc, 50), p95: pct(viaIpc, 95) },
      searchWithStatusAndTagMs: { p50: pct(filtered, 50), p95: pct(filtered, 95) },
      referenceJsArrayFilterMs: { p50: pct(reference, 50), p95: pct(reference, 95) },
      ratioServiceToReferenceP50: Math.round((pct(service, 50) / Math.max(pct(reference, 50), 0.001)) * 100) / 100,
      fullListOf5000Ms: fullListMs,
      fullListItems: all.items.length,
      dashboardMs,
      dashboardRecent: dash.recentCases.length,
    };
    ctx.log(JSON.stringify(result));
    return result;
  },
};
export default bench;
