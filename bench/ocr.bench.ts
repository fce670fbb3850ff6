import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DEFAULT_EXTRACT_LIMITS, recognise } from '../electron/services/documents/extract';
import { findOcrLanguages, type OcrLanguage } from '../electron/services/documents/ocr-languages';
import type { BenchModule } from './run';

/**
 * OCR of one Russian page: the shared sample complaint-to-prosecutor-ru.pdf rendered to an image (150 dpi colour
 * PNG, and 72 dpi grey JPEG at quality 35 for a poor scan), read by Sakta's OCR (tesseract.js, WebAssembly, in its
 * bounded worker: start-up included, as for every document) with each language set, next to the `tesseract` CLI
 * (Debian's native build, one thread) on the same image with the same models. Quality = the share of the PDF's own
 * text-layer words (pdftotext, 3+ letters) that appear in the OCR text.
 */
const SAMPLE = path.resolve(process.cwd(), '../shared/samples/complaint-to-prosecutor-ru.pdf');
const RUNS = 3;

const words = (s: string) => s.toLowerCase().replace(/ё/g, 'е').match(/[\p{L}\p{N}]+/gu) ?? [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const r2 = (x: number) => Math.round(x * 100) / 100;

function quality(reference: string[], text: string): number {
  const got = new Set(words(text));
  return r2((100 * reference.filter((w) => got.has(w)).length) / reference.length);
}

function hasCli(): boolean {
  try {
    execFileSync('tesseract', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const bench: BenchModule = {
  name: 'ocr',
  async run({ tmp, log }) {
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', SAMPLE, path.join(tmp, 'page150')]);
    execFileSync('pdftoppm', ['-r', '72', '-gray', '-jpeg', '-jpegopt', 'quality=35', '-singlefile', SAMPLE, path.join(tmp, 'page72')]);
    const images = [
      { name: 'png 150 dpi', kind: 'png' as const, file: path.join(tmp, 'page150.png') },
      { name: 'jpeg 72 dpi q35', kind: 'jpeg' as const, file: path.join(tmp, 'page72.jpg') },
    ];
    const reference = words(execFileSync('pdftotext', [SAMPLE, '-'], { encoding: 'utf8' })).filter((w) => w.length >= 3);
    const all = findOcrLanguages();
    const sets: Record<string, OcrLanguage[]> = {
      shipped: all,
      'rus (Debian)': all.filter((l) => l.code === 'rus'),
      'kir (npm)': all.filter((l) => l.code === 'kir'),
      'eng (npm)': all.filter((l) => l.code === 'eng'),
    };
    // The CLI wants plain files in one folder.
    const tessdata = path.join(tmp, 'tessdata');
    fs.mkdirSync(tessdata);
    for (const l of all) {
      const b = fs.readFileSync(l.path);
      fs.writeFileSync(path.join(tessdata, `${l.code}.traineddata`), b[0] === 0x1f && b[1] === 0x8b ? zlib.gunzipSync(b) : b);
    }
    const cli = hasCli();
    const result: Record<string, unknown> = { referenceWords: reference.length, languagesFound: all.map((l) => `${l.code} (${l.source})`).join(', ') };
    for (const img of images) {
      const bytes = new Uint8Array(fs.readFileSync(img.file));
      const perSet: Record<string, unknown> = {};
      for (const [setName, langs] of Object.entries(sets)) {
        if (langs.length === 0) {
          perSet[setName] = 'not installed';
          continue;
        }
        const times: number[] = [];
        let text = '';
        let peakRssMiB = 0;
        const before = process.memoryUsage.rss();
        const watch = setInterval(() => (peakRssMiB = Math.max(peakRssMiB, (process.memoryUsage.rss() - before) / 1048576)), 20);
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          const r = await recognise(img.kind, bytes, DEFAULT_EXTRACT_LIMITS, undefined, langs);
          times.push((performance.now() - t) / 1000);
          if (r.status !== 'done') throw new Error(`${img.name} ${setName}: ${JSON.stringify(r)}`);
          text = r.text;
        }
        clearInterval(watch);
        const entry: Record<string, unknown> = {
          secondsPerPage: r2(median(times)),
          runs: times.map(r2),
          wordsFoundPercent: quality(reference, text),
          rssGrowthPeakMiB: Math.round(peakRssMiB),
        };
        if (cli) {
          const cliTimes: number[] = [];
          let cliText = '';
          const lang = langs.map((l) => l.code).join('+');
          for (let i = 0; i < RUNS; i++) {
            const t = performance.now();
            cliText = execFileSync('tesseract', [img.file, '-', '--tessdata-dir', tessdata, '-l', lang, '--oem', '1'], {
              encoding: 'utf8',
              env: { ...process.env, OMP_THREAD_LIMIT: '1' },
              stdio: ['ignore', 'pipe', 'ignore'],
            });
            cliTimes.push((performance.now() - t) / 1000);
          }
          entry.cliSecondsPerPage = r2(median(cliTimes));
          entry.cliWordsFoundPercent = quality(reference, cliText);
          entry.ratioToCli = r2(median(times) / median(cliTimes));
        }
        perSet[setName] = entry;
        log(`${img.name} / ${setName}: ${JSON.stringify(entry)}`);
      }
      result[img.name] = perSet;
    }
    return result;
  },
};

export default bench;
