/**
 * Runs every `bench/<name>.bench.ts` (or those named on the command line: `npm run bench -- vault`) and
 * writes `bench/results/<name>.json` = { name, machine, result }. A bench module default-exports
 * `{ name, run(ctx) }`; `run` returns anything JSON-able. Scratch files go under bench/tmp/ (gitignored).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writePerformanceReport } from './report';

export interface BenchContext {
  /** A fresh scratch folder under bench/tmp/, deleted after the module ran. */
  tmp: string;
  log(line: string): void;
}
export interface BenchModule {
  name: string;
  run(ctx: BenchContext): Promise<unknown>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryMiB: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
  };
}

async function main() {
  const wanted = process.argv.slice(2);
  const files = fs
    .readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, '')))
    .sort();
  if (files.length === 0) throw new Error(`no bench modules match ${wanted.join(', ')}`);
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  let failed = 0;
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(here, f)).href)).default as BenchModule;
    const tmp = path.join(here, 'tmp', mod.name);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    const log = (line: string) => console.log(`[${mod.name}] ${line}`);
    try {
      const result = await mod.run({ tmp, log });
      const out = path.join(here, 'results', `${mod.name}.json`);
      fs.writeFileSync(out, JSON.stringify({ name: mod.name, machine: machine(), result }, null, 2) + '\n');
      log(`written ${path.relative(process.cwd(), out)}`);
    } catch (e) {
      failed++;
      console.error(`[${mod.name}] failed: ${(e as Error).stack ?? e}`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  console.log(`written ${path.relative(process.cwd(), writePerformanceReport())}`);
  process.exitCode = failed ? 1 : 0;
}

void main();
