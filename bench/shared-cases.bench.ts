import fs from 'node:fs';
import path from 'node:path';
import { createAppServices, type AppServices } from '../electron/composition/app-services';
import { createNativeCrypto } from '../electron/crypto/native';
import type { BenchModule } from './run';

/**
 * Shared cases (issue 18): two vaults share a case, go apart, each makes N edits offline (notes created and
 * edited, the case's summary), then converge through a folder with `sync` (the service `sakta sync` runs):
 * A sends, B applies and sends, A applies. Reference, in the same run: a plain copy (+ fsync) of the same bytes
 * the folder holds. Peak RSS of this process is sampled during the exchange.
 */
const EDITS = [250, 1000];
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const now = () => performance.now();

async function vault(dir: string): Promise<AppServices> {
  const s = createAppServices({ vaultDir: dir, crypto: createNativeCrypto(), allowTestKdf: true });
  await s.vault.create('bench passphrase — Ош 2010');
  return s;
}

function pair(a: AppServices, b: AppServices, folder: string): void {
  a.sharing.pairing.offer(folder);
  b.sharing.pairing.offer(folder);
  const codeA = a.sharing.pairing.scan(folder).offers[0]!.safetyCode;
  const codeB = b.sharing.pairing.scan(folder).offers[0]!.safetyCode;
  a.sharing.pairing.confirm(folder, codeA, 'b');
  b.sharing.pairing.confirm(folder, codeB, 'a');
}

function offlineEdits(s: AppServices, caseId: string, n: number, who: string): void {
  let note = s.caseWork.notes.create({ caseId, title: `${who} 0`, body: 'Начало' });
  for (let i = 1; i < n; i++) {
    if (i % 10 === 0) s.caseWork.cases.update(caseId, { summary: `${who}: сводка ${i}` });
    else if (i % 3 === 0) note = s.caseWork.notes.create({ caseId, title: `${who} ${i}`, body: `Запись ${i}: свидетель видел задержание` });
    else s.caseWork.notes.update(note.id, { body: `Запись ${i}, исправлено` });
  }
}

function folderBytes(folder: string): number {
  return fs.readdirSync(folder).reduce((n, f) => n + fs.statSync(path.join(folder, f)).size, 0);
}

async function once(tmp: string, n: number) {
  const folder = path.join(tmp, `folder-${n}`);
  fs.mkdirSync(folder);
  const a = await vault(path.join(tmp, `a-${n}`));
  const b = await vault(path.join(tmp, `b-${n}`));
  pair(a, b, folder);
  const caseId = a.caseWork.cases.create({ title: 'Эркинбеков против Кыргызстана' }).id;
  a.sync.share(caseId, 'b', folder);
  await a.sync.sync(folder);
  await b.sync.sync(folder);
  const before = folderBytes(folder);

  offlineEdits(a, caseId, n, 'A');
  offlineEdits(b, caseId, n, 'B');

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const rssBefore = process.memoryUsage().rss;
  const t0 = now();
  await a.sync.sync(folder);
  await b.sync.sync(folder);
  await a.sync.sync(folder);
  const convergeMs = now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  const same = JSON.stringify(a.caseWork.notes.list(caseId).map((x) => [x.id, x.body]).sort()) === JSON.stringify(b.caseWork.notes.list(caseId).map((x) => [x.id, x.body]).sort());
  if (!same) throw new Error(`the two vaults did not converge after ${n} edits per side`);
  const bytes = folderBytes(folder) - before;

  // Reference: the same number of bytes copied on the same disk and flushed.
  const src = path.join(tmp, `bytes-${n}.bin`);
  fs.writeFileSync(src, Buffer.alloc(bytes, 7));
  const c0 = now();
  fs.copyFileSync(src, `${src}.copy`);
  const fd = fs.openSync(`${src}.copy`, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  const copyMs = now() - c0;
  a.vault.lock();
  b.vault.lock();
  return {
    editsPerSide: n,
    convergeMs: round(convergeMs),
    exchangedKiB: round(bytes / 1024),
    plainCopyMs: round(copyMs, 2),
    ratioConvergeToPlainCopyTime: round(convergeMs / copyMs),
    peakRssMiB: round(peak / 1024 / 1024),
    rssGrowthDuringExchangeMiB: round((peak - rssBefore) / 1024 / 1024),
  };
}

const bench: BenchModule = {
  name: 'shared-cases',
  async run(ctx) {
    const runs = [];
    for (const n of EDITS) {
      const r = await once(ctx.tmp, n);
      ctx.log(`${n} edits per side: converged in ${r.convergeMs} ms (${r.exchangedKiB} KiB through the folder; plain copy ${r.plainCopyMs} ms), peak RSS ${r.peakRssMiB} MiB`);
      runs.push(r);
    }
    const [small, big] = runs as [(typeof runs)[0], (typeof runs)[0]];
    return {
      notes: [
        'Two vaults in one process; each side makes N edits offline (notes created and edited, the case summary), then A sends, B applies and sends, A applies (three `sync` calls through a local folder).',
        'Reference: a plain copy (+ fsync) of as many bytes as the exchange put into the folder, in the same run.',
        'Segments are not compacted into snapshots yet: the folder and the exchange grow with the history.',
      ],
      runs,
      growth: {
        editsRatio: round(big.editsPerSide / small.editsPerSide, 2),
        convergeTimeRatio: round(big.convergeMs / small.convergeMs, 2),
        rssGrowthRatio: round(Math.max(big.rssGrowthDuringExchangeMiB, 1) / Math.max(small.rssGrowthDuringExchangeMiB, 1), 2),
      },
    };
  },
};

export default bench;
