import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The CLI as users call it: `npx sakta` in the checkout, `node bin/sakta.cjs`, and the `sakta` of a package
 * installed from an `npm pack` tarball into another prefix (an administrator's nightly backup script). Once,
 * every one of these exited 0 having done nothing while the tests ran dist/cli.cjs directly.
 */
const ROOT = path.resolve(__dirname, '../..');
const SAMPLE_PDF = path.resolve(ROOT, '../shared/samples/complaint-to-prosecutor-ru.pdf');
const PASS = 'entry points are what users call 7';
const NEW_PASS = 'a second passphrase for the entry test 8';
// Each command is a whole process (npx itself costs a second or two); on a loaded 2-core machine a sequence of them
// takes minutes, not the default minute.
const SLOW = 300_000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-entry-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: Record<string, string> = {}, cwd = ROOT): Run {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, SAKTA_PASSPHRASE: PASS, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const npx = (args: string[], env?: Record<string, string>) => run('npx', ['--no-install', 'sakta', ...args], env);
const bin = (args: string[], env?: Record<string, string>) => run(process.execPath, [path.join(ROOT, 'bin/sakta.cjs'), ...args], env);

function recoveryKey(initOut: string): string {
  const m = /^\s+([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5,})\s*$/m.exec(initOut);
  if (!m) throw new Error(`no recovery key in: ${initOut}`);
  return m[1]!;
}

describe.each([
  ['npx sakta', npx],
  ['node bin/sakta.cjs', bin],
] as const)('%s', (_name, cli) => {
  it('creates a vault that exists on disk and opens, backs it up, and shred really erases it', () => {
    const vault = fs.mkdtempSync(path.join(tmp, 'v-'));
    fs.rmdirSync(vault);
    const init = cli(['init', '--vault', vault]);
    expect(init.code, init.stderr).toBe(0);
    expect(fs.existsSync(path.join(vault, 'vault.header'))).toBe(true);
    expect(cli(['unlock-check', '--vault', vault]).code).toBe(0);
    expect(cli(['unlock-check', '--vault', vault], { SAKTA_PASSPHRASE: 'not the passphrase at all 1' }).code).toBe(3);

    const backups = path.join(tmp, `b-${path.basename(vault)}`);
    fs.mkdirSync(backups);
    const backup = cli(['backup', '--vault', vault, '--to', backups]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(fs.readdirSync(backups).length).toBeGreaterThan(0);

    const shred = cli(['shred', '--vault', vault, '--yes']);
    expect(shred.code, shred.stderr).toBe(0);
    expect(fs.existsSync(path.join(vault, 'vault.header'))).toBe(false);
    expect(cli(['unlock-check', '--vault', vault]).code).not.toBe(0);
  }, SLOW);

  it('exits non-zero on an unknown command', () => {
    const r = cli(['no-such-command']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no-such-command/);
  });
});

describe('every command the README shows, run as written', () => {
  /** The `npx sakta …` lines of the README's command-line block, comments and [optional parts] removed. */
  function readmeCommands(): string[][] {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block = /## The command line[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme);
    if (!block) throw new Error('README has no command-line block');
    return block[1]!
      .split('\n')
      .map((l) => l.replace(/#.*$/, '').replace(/\[[^\]]*\]/g, '').trim())
      .filter((l) => l.startsWith('npx sakta'))
      .map((l) => l.split(/\s+/).slice(2));
  }

  it('finds the documented commands', () => {
    const names = readmeCommands().map((a) => a[0]);
    expect(names).toEqual(expect.arrayContaining(['init', 'unlock-check', 'info', 'passwd', 'recover', 'bundle', '--help']));
  });

  it('runs each of them, in order, against one vault', () => {
    const vault = path.join(tmp, 'readme-vault');
    const out = path.join(tmp, 'readme-bundle.pdf');
    let passphrase = PASS;
    let key = '';
    let caseId = '';
    for (const args0 of readmeCommands()) {
      const args = args0.map((a) => (a === '~/Sakta' ? vault : a === 'bundle.pdf' ? out : a === 'ID' ? caseId : a));
      const env: Record<string, string> = { SAKTA_PASSPHRASE: passphrase };
      if (args[0] === 'passwd') env.SAKTA_NEW_PASSPHRASE = NEW_PASS;
      if (args[0] === 'recover') Object.assign(env, { SAKTA_RECOVERY_KEY: key, SAKTA_NEW_PASSPHRASE: PASS });
      const r = npx(args, env);
      expect(r.code, `npx sakta ${args.join(' ')}: ${r.stderr}`).toBe(0);
      if (args[0] === 'init') {
        key = recoveryKey(r.stdout);
        const c = npx(['case', 'add', '--vault', vault, '--title', 'Дело Иванова', '--json']);
        expect(c.code, c.stderr).toBe(0);
        caseId = (JSON.parse(c.stdout) as { id: string }).id;
        expect(npx(['import', '--vault', vault, '--case', caseId, SAMPLE_PDF]).code).toBe(0);
      }
      if (args[0] === 'passwd') passphrase = NEW_PASS;
      if (args[0] === 'recover') passphrase = PASS;
      if (args[0] === 'info') expect(r.stdout).toMatch(/format/i);
      if (args[0] === '--help') expect(r.stdout).toMatch(/^\s+init\s/m);
      if (args[0] === 'bundle') expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    }
    // After passwd then recover the passphrase in force is the first one again; the second opens nothing.
    expect(npx(['unlock-check', '--vault', vault], { SAKTA_PASSPHRASE: PASS }).code).toBe(0);
    expect(npx(['unlock-check', '--vault', vault], { SAKTA_PASSPHRASE: NEW_PASS }).code).toBe(3);
  }, SLOW);
});

describe('a packed install (npm pack, then npm install into another prefix)', () => {
  let sakta = '';
  beforeAll(() => {
    const packDir = path.join(tmp, 'pack');
    fs.mkdirSync(packDir);
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
    const prefix = path.join(tmp, 'prefix');
    fs.mkdirSync(prefix);
    execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', '--omit=dev', path.join(packDir, tarball)], {
      cwd: prefix,
      encoding: 'utf8',
      stdio: 'pipe',
      timeout: 240_000,
    });
    sakta = path.join(prefix, 'node_modules', '.bin', 'sakta');
  }, 300_000);

  it('runs init, a case with Cyrillic, a bundle and a backup from the installed package', () => {
    const vault = path.join(tmp, 'packed-vault');
    const r = (args: string[]) => run(sakta, args, {}, tmp);
    expect(r(['init', '--vault', vault]).code).toBe(0);
    const c = r(['case', 'add', '--vault', vault, '--title', 'Жалоба о пытках', '--json']);
    expect(c.code, c.stderr).toBe(0);
    const id = (JSON.parse(c.stdout) as { id: string }).id;
    expect(r(['import', '--vault', vault, '--case', id, SAMPLE_PDF]).code).toBe(0);
    const pdf = path.join(tmp, 'packed-bundle.pdf');
    const b = r(['bundle', '--vault', vault, '--case', id, '--out', pdf]);
    expect(b.code, b.stderr).toBe(0);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('Жалоба о пытках');
    const backups = path.join(tmp, 'packed-backups');
    fs.mkdirSync(backups);
    expect(r(['backup', '--vault', vault, '--to', backups]).code).toBe(0);
    expect(r(['backup-verify', '--from', backups]).code).toBe(0);
  }, SLOW);
});

describe('the bundle behind the entry', () => {
  it('an empty bundle (a build cut off, a full disk) is an error that says what to do, never a silent exit 0', () => {
    const copy = path.join(tmp, 'empty-bundle');
    fs.mkdirSync(path.join(copy, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(copy, 'dist'));
    fs.copyFileSync(path.join(ROOT, 'bin/sakta.cjs'), path.join(copy, 'bin/sakta.cjs'));
    fs.writeFileSync(path.join(copy, 'dist/cli.cjs'), '');
    const r = run(process.execPath, [path.join(copy, 'bin/sakta.cjs'), 'info', '--vault', path.join(tmp, 'none')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cli\.cjs is incomplete; run "npm install"/);
  });

  it('a rebuild (as npm pack runs it) replaces dist/cli.cjs whole: a reader meanwhile never sees it empty or cut off', async () => {
    const bundle = path.join(ROOT, 'dist/cli.cjs');
    const size = fs.statSync(bundle).size;
    // The build runs in a child while this process reads the file as fast as it can.
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), 'cli'], { cwd: ROOT, stdio: 'ignore' });
    const seen: number[] = [];
    let done = false;
    child.on('close', () => (done = true));
    while (!done) {
      seen.push(fs.readFileSync(bundle).length);
      await new Promise((r) => setImmediate(r));
    }
    expect(child.exitCode).toBe(0);
    // The same source builds the same size; every read in between saw a whole file.
    expect(fs.statSync(bundle).size).toBe(size);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((n) => n !== size)).toEqual([]);
    expect(fs.readdirSync(path.join(ROOT, 'dist')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, SLOW);
});
