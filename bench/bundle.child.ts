/**
 * Child process of bundle.bench.ts: builds and writes one bundle from a folder of source PDFs and prints
 * JSON with the engine load time, the build-and-write time and the process's peak RSS. The bench bundles
 * this file with esbuild as the CLI and the app are bundled (CommonJS, mupdf loaded by import()), and runs
 * it with plain node, so the figures are the shipped code's and not a TypeScript loader's.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../electron/base/fs-atomic';
import { buildBundle } from '../electron/services/bundles/build-bundle';
import { loadFontBytes, locateFontDir } from '../electron/services/bundles/pdf/fonts';
import { loadMupdf } from '../electron/base/mupdf';

const mib = (bytes: number) => Math.round(bytes / 1048576);

/** Child mode: build and write the bundle, print JSON with the build time and this process's peak RSS. */
async function main(srcDir: string, out: string): Promise<void> {
  const files = fs.readdirSync(srcDir).filter((f) => f.endsWith('.pdf')).sort();
  const docs = files.map((f, i) => {
    const bytes = fs.readFileSync(path.join(srcDir, f));
    return {
      id: randomUUID(),
      title: `Witness statement ${i + 1}`,
      type: 'witness-statement',
      date: { precision: 'day' as const, date: `2020-01-${String((i % 28) + 1).padStart(2, '0')}` },
      kind: 'pdf',
      originalName: f,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      importedAt: '2024-01-01T00:00:00.000Z',
      source: null,
      translationOf: null,
      deleted: false,
      path: path.join(srcDir, f),
    };
  });
  const caseId = randomUUID();
  // The floor before the engine: Node and Sakta's code with the modules it loads at start (zod among them).
  const rssBeforeEngineKiB = process.resourceUsage().maxRSS;
  const tl = process.hrtime.bigint();
  await loadMupdf();
  const engineLoadMs = Number(process.hrtime.bigint() - tl) / 1e6;
  // The floor before any page is built: the above plus MuPDF's compiled WebAssembly and its linear memory.
  const rssAfterLoadKiB = process.resourceUsage().maxRSS;
  const mem = process.memoryUsage();
  const afterLoadMiB = { rss: mib(mem.rss), heapTotal: mib(mem.heapTotal), external: mib(mem.external), arrayBuffers: mib(mem.arrayBuffers) };
  const t0 = process.hrtime.bigint();
  const built = await buildBundle({
    caseId,
    definition: {
      sections: [{ key: 'b', title: 'Witness statements', order: 'manual', items: docs.map((d) => ({ documentId: d.id, agreement: 'unmarked' as const })) }],
      options: { chronology: false, chronologyDeadlines: false, notes: false, custodyAnnex: true, numbering: 'continuous', paper: 'a4', fitToPaper: true, volumePageLimit: null, language: 'en' },
      pseudonyms: [],
      cover: { court: 'Bench court', caseNumbers: ['1/2024'], parties: '', title: 'Bench bundle', date: '2024-01-01' },
    },
    source: {
      getCase: (id) => ({ id, title: 'Bench case', courtNumbers: [] }),
      listDocuments: () => docs,
      readDocumentBytes: async (d) => new Uint8Array(fs.readFileSync((d as (typeof docs)[number]).path)),
      listEvents: () => [],
      listNotes: () => [],
      getPersons: () => [],
    },
    fonts: loadFontBytes(locateFontDir()),
    now: new Date(),
    render: true,
  });
  // Written as the export does: a file fsynced and put in place (the custody entries are a few rows more).
  writeFileAtomic(out, built.volumes[0]!.bytes!);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ engineLoadMs: Math.round(engineLoadMs), rssBeforeEngineKiB, rssAfterLoadKiB, afterLoadMiB, buildAndWriteMs: Math.round(ms), pages: built.volumes[0]!.pages, bytes: built.volumes[0]!.bytes!.length, peakRssKiB: process.resourceUsage().maxRSS }) + '\n');
}


const [srcDir, out] = process.argv.slice(2) as [string, string];
void main(srcDir, out);
