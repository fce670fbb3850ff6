import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchModule } from './run';

/**
 * Document import through the real CLI (sniff, stream-encrypt, SHA-256, one transaction, audit) of a 1 GiB
 * random file, next to `age` encrypting the same file in the same run (ratio; goal ≥ 0.5× age); decrypt via
 * `sakta export-doc` next to `age -d`; peak RSS of each CLI child from its own resourceUsage (goal < 200 MiB).
 * The vault uses the fast test KDF so Argon2's 256 MiB does not mask the import's own memory.
 */
const MiB = 1024 * 1024;
const SIZE = Number(process.env.IMPORT_BENCH_MIB ?? 1024) * MiB;
const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(here, '..', 'dist', 'cli.cjs');
const AGE_RECIPIENT_KEY = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; seconds: number; maxRssMiB: number }> {
  const script = `const { runCli } = require(${JSON.stringify(CLI)});
runCli(process.argv.slice(1)).then((c) => { process.exitCode = c; process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + '\\n'); });`;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-e', script, ...args], { env: { ...process.env, SAKTA_PASSPHRASE: 'benchmark passphrase — not secret', SAKTA_TEST_FAST_KDF: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, seconds: Number(process.hrtime.bigint() - t0) / 1e9, maxRssMiB: Number(/MAXRSS (\d+)/.exec(stderr)?.[1] ?? NaN) / 1024 }),
    );
  });
}

function timed(cmd: string, args: string[]): number {
  execFileSync('sync');
  const t0 = process.hrtime.bigint();
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const bench: BenchModule = {
  name: 'import',
  async run(ctx) {
    if (!fs.existsSync(CLI)) execFileSync(process.execPath, [path.join(here, '..', 'scripts', 'build.mjs'), 'cli'], { stdio: 'inherit' });
    const file = path.join(ctx.tmp, 'big.bin');
    execFileSync('head', ['-c', String(SIZE), '/dev/urandom'], { stdio: ['ignore', fs.openSync(file, 'w'), 'inherit'] });
    const vault = path.join(ctx.tmp, 'vault');
    if ((await cli(['init', '--vault', vault])).code !== 0) throw new Error('init failed');
    const kase = await cli(['case', 'add', '--vault', vault, '--title', 'Bench', '--json']);
    const caseId = JSON.parse(kase.stdout).id as string;

    // Startup + unlock, measured alone and subtracted, so the ratio is about the import itself.
    const startup = await cli(['docs', '--vault', vault, '--case', caseId]);
    execFileSync('sync');
    const imp = await cli(['import', '--vault', vault, '--case', caseId, '--json', file]);
    if (imp.code !== 0) throw new Error('import failed');
    const docId = JSON.parse(imp.stdout).documents[0].id as string;
    const importSeconds = imp.seconds - startup.seconds;
    const ageEncSeconds = timed('age', ['-e', '-r', AGE_RECIPIENT_KEY, '-o', path.join(ctx.tmp, 'big.age'), file]);
    ctx.log(`import ${importSeconds.toFixed(2)} s (startup ${startup.seconds.toFixed(2)} s), age ${ageEncSeconds.toFixed(2)} s, peak RSS ${imp.maxRssMiB.toFixed(0)} MiB`);

    const out = path.join(ctx.tmp, 'out.bin');
    execFileSync('sync');
    const exp = await cli(['export-doc', '--vault', vault, '--doc', docId, '--out', out]);
    if (exp.code !== 0) throw new Error('export failed');
    const exportSeconds = exp.seconds - startup.seconds;
    fs.rmSync(out);
    fs.rmSync(path.join(ctx.tmp, 'big.age'));
    const sizeMiB = SIZE / MiB;
    return {
      fileMiB: sizeMiB,
      cliStartupAndUnlockSeconds: round(startup.seconds),
      import: { seconds: round(importSeconds), MiBps: round(sizeMiB / importSeconds), peakRssMiB: round(imp.maxRssMiB, 0) },
      ageEncrypt: { seconds: round(ageEncSeconds), MiBps: round(sizeMiB / ageEncSeconds) },
      importVsAgeRatio: round(ageEncSeconds / importSeconds),
      exportDecrypt: { seconds: round(exportSeconds), MiBps: round(sizeMiB / exportSeconds), peakRssMiB: round(exp.maxRssMiB, 0) },
      note: 'age has no SHA-256, no database and no fsync; import does all three. Decrypt includes writing + fsync of the copy.',
    };
  },
};
export default bench;
