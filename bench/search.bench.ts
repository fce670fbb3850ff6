import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createNativeCrypto } from '../electron/crypto/native';
import { createAppServices } from '../electron/composition/app-services';
import type { BenchModule } from './run';

/**
 * Search latency over 10,000 generated Russian + English documents (~200 MB of text) in the encrypted
 * database, p50/p95 per query, next to ripgrep over the same plaintext files in the same run. rg gets the
 * regex our stemmer would need (e.g. "пытк|пыток") so both find the same word forms; rg scans plaintext
 * on disk, which Sakta never has — the ratio shows what encryption + ranking + snippets cost.
 */
const DOCS = Number(process.env.SEARCH_BENCH_DOCS ?? 10_000);
const DOC_BYTES = 20_000;
const RUNS = 7;

const RU = (
  'заявление прокурору адвокат подзащитный задержан сотрудниками изолятор временного содержания ночью избивали ' +
  'дубинкой требовали признания следователь отказал возбуждении уголовного дела судебно-медицинская экспертиза ' +
  'телесные повреждения кровоподтеки свидетель показал родственники жалоба областной суд постановление отменить ' +
  'протокол допроса камера конвой больница врач справка решение комитет ООН сообщение государство нарушение'
).split(' ');
const EN = (
  'complaint prosecutor lawyer client detained officers custody beaten baton confession investigator refused ' +
  'criminal case forensic examination injuries bruises witness testified relatives appeal regional court decision ' +
  'interrogation record cell escort hospital doctor certificate committee communication state violation report'
).split(' ');
// Rare words placed in a known share of documents, so queries have realistic selectivity.
const RARE: [string, number][] = [
  ['пытки', 0.05],
  ['пыток', 0.03],
  ['пытках', 0.02],
  ['электрошоком', 0.005],
  ['tortured', 0.03],
  ['torture', 0.04],
  ['Эркинбеков', 0.001],
];
const QUERIES: { q: string; rg: string }[] = [
  { q: 'пытка', rg: 'пытк|пыток' },
  { q: 'пытка электрошок', rg: 'электрошок' },
  { q: 'torture', rg: 'tortur' },
  { q: 'Эркинбеков', rg: 'эркинбеков' },
  { q: 'экспертиза', rg: 'экспертиз' },
  { q: 'court decision', rg: 'court' },
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function makeDoc(r: () => number): string {
  const parts: string[] = [];
  let len = 0;
  while (len < DOC_BYTES) {
    const vocab = r() < 0.6 ? RU : EN;
    const n = 6 + Math.floor(r() * 12);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(vocab[Math.floor(r() * vocab.length)]!);
    const s = words.join(' ') + '. ';
    parts.push(s);
    len += Buffer.byteLength(s);
  }
  for (const [w, p] of RARE) if (r() < p) parts.splice(Math.floor(r() * parts.length), 0, `${w} `);
  return parts.join('');
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const round = (x: number) => Math.round(x * 100) / 100;

const bench: BenchModule = {
  name: 'search',
  async run(ctx) {
    process.env.SAKTA_TEST_FAST_KDF = '1';
    const services = createAppServices({ vaultDir: path.join(ctx.tmp, 'vault'), crypto: createNativeCrypto(), allowTestKdf: true });
    await services.vault.create('bench passphrase');
    const caseId = services.caseWork.cases.create({ title: 'Bench case' }).id;
    const plainDir = path.join(ctx.tmp, 'plain');
    fs.mkdirSync(plainDir);
    const r = rng(42);
    const { db } = services.vault.current();
    let bytes = 0;
    const t0 = process.hrtime.bigint();
    const BATCH = 200;
    for (let b = 0; b < DOCS; b += BATCH) {
      const docs = Array.from({ length: Math.min(BATCH, DOCS - b) }, () => makeDoc(r));
      db.transaction(() => {
        docs.forEach((body, i) => {
          services.search.upsert(db as never, { kind: 'document', refId: `doc-${b + i}`, caseId, title: `Document ${b + i}`, body });
        });
      }).immediate();
      docs.forEach((body, i) => fs.writeFileSync(path.join(plainDir, `doc-${b + i}.txt`), body));
      bytes += docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
      if ((b / BATCH) % 10 === 0) ctx.log(`indexed ${b + docs.length}/${DOCS}`);
    }
    const indexSeconds = ms(t0) / 1000;
    const dbBytes = fs.statSync(path.join(ctx.tmp, 'vault', 'vault.db')).size;
    const results: Record<string, unknown> = {};
    for (const { q, rg } of QUERIES) {
      const sakta: number[] = [];
      const ripgrep: number[] = [];
      let hits = 0;
      let total = 0;
      for (let i = 0; i < RUNS; i++) {
        let t = process.hrtime.bigint();
        const res = services.search.query({ query: q, limit: 20 });
        sakta.push(ms(t));
        hits = res.hits.length;
        total = res.total;
        t = process.hrtime.bigint();
        try {
          execFileSync('rg', ['-i', '-l', '-e', rg, plainDir], { stdio: ['ignore', 'ignore', 'ignore'] });
        } catch {
          /* rg exits 1 when nothing matches */
        }
        ripgrep.push(ms(t));
      }
      results[q] = {
        matches: total,
        returned: hits,
        saktaMs: { p50: round(pct(sakta, 0.5)), p95: round(pct(sakta, 0.95)) },
        rgMs: { p50: round(pct(ripgrep, 0.5)), p95: round(pct(ripgrep, 0.95)) },
        ratioSaktaP50VsRg: round(pct(sakta, 0.5) / pct(ripgrep, 0.5)),
      };
      ctx.log(`${q}: ${JSON.stringify(results[q])}`);
    }
    services.vault.lock();
    return {
      documents: DOCS,
      plaintextMiB: round(bytes / 1024 / 1024),
      encryptedDbMiB: round(dbBytes / 1024 / 1024),
      indexSeconds: round(indexSeconds),
      indexMiBPerSecond: round(bytes / 1024 / 1024 / indexSeconds),
      queries: results,
    };
  },
};
export default bench;
