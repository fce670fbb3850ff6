import { spawn } from 'node:child_process';
import { CLI } from './cli';

/**
 * Starts the real CLI and SIGKILLs it after `delayMs` (or lets it finish if it is faster).
 * Returns whether the kill landed before the process ended and its exit code otherwise.
 */
export function runAndKill(args: string[], env: Record<string, string>, delayMs: number): Promise<{ killed: boolean; code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.resume();
    let killed = false;
    const t = setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, delayMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(t);
      resolve({ killed: killed && signal === 'SIGKILL', code, stdout });
    });
  });
}

/** Kill counts per suite, printed at the end and collected into docs/reliability.md. */
export function reportCounts(suite: string, counts: Record<string, number>): void {
  const line = Object.entries(counts)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  console.log(`[reliability] ${suite}: ${line}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  fs.mkdirSync('test-results/reliability', { recursive: true });
  fs.writeFileSync(`test-results/reliability/${suite}.json`, JSON.stringify({ suite, counts, at: new Date().toISOString() }, null, 2));
}

/** Kill budget: the fast suite runs a share of the stress count. */
export const STRESS = process.env.SAKTA_STRESS === '1';

/** How long a command takes here and now, so kill moments spread over its whole run, on a busy machine too. */
export async function timeCommand(args: string[], env: Record<string, string>): Promise<number> {
  const t0 = Date.now();
  const r = await runAndKill(args, env, 10 * 60_000);
  if (r.code !== 0) throw new Error(`calibration run of "${args.slice(0, 2).join(' ')}" failed with ${r.code}`);
  return Date.now() - t0;
}
