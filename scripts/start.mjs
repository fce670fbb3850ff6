#!/usr/bin/env node
/**
 * `npm start`: build main, preload and renderer, make sure an Electron build of the SQLite module
 * exists, then run Electron on dist/main.cjs. Extra arguments are passed to Electron.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ensureElectronSqlite, repoRoot } from './native-electron.mjs';

const MISSING_ELECTRON = "Electron's binary is not installed and could not be downloaded: run npm start (or npx install-electron) once with internet access";

/**
 * The Electron executable, or null. Since Electron 42 the package downloads its binary on the first
 * `require('electron')` (no postinstall any more), so the first `npm start` needs internet once; offline it throws.
 */
function electronBinary(root = repoRoot) {
  try {
    const require = createRequire(path.join(root, 'package.json'));
    const bin = require('electron');
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function fail(line) {
  console.error(line);
  process.exit(1);
}

function main() {
  // Checked first: nothing else is worth building when there is nothing to run it in.
  const bin = electronBinary();
  if (!bin) fail(MISSING_ELECTRON);

  for (const target of ['main', 'preload', 'renderer']) {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), target], { cwd: repoRoot, stdio: 'inherit' });
    if (r.status !== 0) fail(`start: building ${target} failed`);
  }

  try {
    ensureElectronSqlite();
  } catch (e) {
    fail(`start: ${e instanceof Error ? e.message : String(e)}`);
  }

  // ELECTRON_RUN_AS_NODE in the caller's shell would turn the app into a plain Node process.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(bin, [path.join(repoRoot, 'dist', 'main.cjs'), ...process.argv.slice(2)], { cwd: repoRoot, env, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
