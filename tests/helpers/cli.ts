import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { tmpDir } from './tmp';

/** The documented entry (`node bin/sakta.cjs`, what `npx sakta` runs), never the bundle behind it. */
export const CLI = path.resolve(__dirname, '../../bin/sakta.cjs');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI through its documented entry as a user would, with no TTY. */
export function runCli(args: string[], opts: { env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, SAKTA_PASSPHRASE: undefined, SAKTA_NEW_PASSPHRASE: undefined, SAKTA_RECOVERY_KEY: undefined, ...opts.env };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const child = spawn(process.execPath, [CLI, ...args], { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** The passphrase the CLI tests' vaults are made with (taken from SAKTA_PASSPHRASE, as a script would). */
export const CLI_PASS = 'cli passphrase — Ош 2010';
const CLI_ENV = { SAKTA_PASSPHRASE: CLI_PASS };

/** `sakta ARGS --vault VAULT`, which must exit 0; its trimmed stdout. */
export async function sakta(args: string[], vault: string, env: Record<string, string> = CLI_ENV): Promise<string> {
  const r = await runCli([...args, '--vault', vault], { env });
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout.trim();
}

/** The same with `--json`, parsed. */
export const saktaJson = async <T>(args: string[], vault: string, env: Record<string, string> = CLI_ENV): Promise<T> => JSON.parse(await sakta([...args, '--json'], vault, env)) as T;

/** A new vault made with `sakta init` in a fresh temporary folder. */
export async function newCliVault(env: Record<string, string> = CLI_ENV): Promise<string> {
  const dir = path.join(tmpDir(), 'vault');
  const r = await runCli(['init', '--vault', dir, '--json'], { env });
  expect(r.code, r.stderr).toBe(0);
  return dir;
}
