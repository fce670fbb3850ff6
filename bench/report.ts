/**
 * Writes docs/performance.md from bench/results/*.json: the machine each ran on, the ratios against the
 * reference measured in the same run first, then every figure. Run by `npm run bench` after the benches.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

type Leaf = [string, string | number | boolean | null];

function flatten(value: unknown, prefix = ''): Leaf[] {
  if (value === null || typeof value !== 'object') return [[prefix, value as Leaf[1]]];
  if (Array.isArray(value)) {
    // Short arrays of plain values read best on one line (e.g. the runs of a timing).
    if (value.every((v) => v === null || typeof v !== 'object') && value.length <= 12) return [[prefix, value.join(', ')]];
    return value.flatMap((v, i) => flatten(v, `${prefix}[${i}]`));
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

const cell = (v: Leaf[1]) => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function writePerformanceReport(): string {
  const dir = path.join(here, 'results');
  const results = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { name: string; machine: Record<string, unknown>; result: unknown });
  const lines = ['# Performance', '', 'Written by `npm run bench` from `bench/results/*.json`. Every speed is compared with a reference tool or', 'baseline measured in the same run on the same input, as a ratio; the machine of each run is named.', ''];
  lines.push('## Ratios against the reference measured in the same run', '', '| bench | figure | value |', '| --- | --- | --- |');
  for (const r of results) for (const [k, v] of flatten(r.result)) if (/ratio/i.test(k)) lines.push(`| ${r.name} | ${cell(k)} | ${cell(v)} |`);
  lines.push('');
  for (const r of results) {
    const m = r.machine;
    lines.push(`## ${r.name}`, '', `Ran ${m.date} on ${m.cores} cores (${m.cpuModel}), ${m.memoryMiB} MiB memory, Node ${m.node}, ${m.platform}.`, '');
    // A bench may say in words what its figures mean against its targets (`notes`: a list of sentences).
    const { notes, ...figures } = (r.result ?? {}) as { notes?: unknown };
    if (Array.isArray(notes)) lines.push(...notes.map((n) => `- ${String(n)}`), '');
    lines.push('| figure | value |', '| --- | --- |');
    for (const [k, v] of flatten(figures)) lines.push(`| ${cell(k)} | ${cell(v)} |`);
    lines.push('');
  }
  const out = path.join(here, '..', 'docs', 'performance.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, lines.join('\n'));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(`written ${path.relative(process.cwd(), writePerformanceReport())}`);
}
