#!/usr/bin/env node
/**
 * Makes an Electron-ABI build of better-sqlite3-multiple-ciphers in .native/electron/<version>/.
 *
 * node_modules keeps the Node build (tests and the CLI run under Node); Electron cannot load it
 * (different NODE_MODULE_VERSION), so the main process is pointed at this second build instead.
 * The package is copied to a temp folder and built there, so node_modules is never touched.
 *
 *   node scripts/native-electron.mjs [--force]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const PKG = 'better-sqlite3-multiple-ciphers';
const NODE_FILE = 'better_sqlite3.node';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function electronVersion(root = repoRoot) {
  const file = path.join(root, 'node_modules', 'electron', 'package.json');
  if (!fs.existsSync(file)) throw new Error('The electron package is not installed: run npm install');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

export function electronBindingPath(root, version) {
  return path.join(root, '.native', 'electron', version, NODE_FILE);
}

/**
 * The build environment. `npm_config_nodedir` is removed: npm exports a user's `nodedir=/usr`
 * from ~/.npmrc to child processes, and node-gyp then silently compiles against Node's headers,
 * producing a module Electron refuses to load. Other npm_config_* keys that pick a runtime go too.
 */
export function scrubbedEnv(env = process.env) {
  const out = {};
  const drop = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source)$/i;
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || drop.test(k)) continue;
    out[k] = v;
  }
  return out;
}

function copyPackageSource(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'lib', 'src', 'deps']) {
    const src = path.join(from, entry);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(to, entry), { recursive: true });
  }
}

function run(cmd, args, cwd, env, log) {
  log(`$ ${[path.basename(cmd), ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  return r.status === 0;
}

/** True if plain Node can load the file — which would mean it was built for Node, not Electron. */
function loadsUnderNode(file) {
  const r = spawnSync(process.execPath, ['-e', `process.dlopen({exports:{}}, ${JSON.stringify(file)})`], { stdio: 'ignore' });
  return r.status === 0;
}

/**
 * Returns the path of the Electron build, building it if needed. Throws with a one-line message.
 * @param {{ root?: string, force?: boolean, log?: (line: string) => void }} [opts]
 */
export function ensureElectronSqlite(opts = {}) {
  const root = opts.root ?? repoRoot;
  const log = opts.log ?? ((l) => console.log(`[native] ${l}`));
  const version = electronVersion(root);
  const target = electronBindingPath(root, version);
  if (!opts.force && fs.existsSync(target)) return target;

  const require = createRequire(path.join(root, 'package.json'));
  const pkgDir = path.dirname(require.resolve(`${PKG}/package.json`));
  const prebuildInstall = require.resolve('prebuild-install/bin.js');
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-native-'));
  try {
    copyPackageSource(pkgDir, work);
    const env = scrubbedEnv();
    log(`building ${PKG} for Electron ${version} (${process.platform}-${process.arch})`);
    const built = path.join(work, 'build', 'Release', NODE_FILE);
    const common = [`--runtime=electron`, `--target=${version}`, `--arch=${process.arch}`];
    let ok = run(process.execPath, [prebuildInstall, ...common, `--platform=${process.platform}`], work, env, log) && fs.existsSync(built);
    if (!ok) {
      log('no prebuilt binary could be fetched; compiling from source with node-gyp');
      ok = run(process.execPath, [nodeGyp, 'rebuild', '--release', ...common, `--dist-url=${ELECTRON_HEADERS_URL}`], work, env, log) && fs.existsSync(built);
    }
    if (!ok) {
      throw new Error(`Could not build ${PKG} for Electron ${version}: prebuild-install and node-gyp both failed (both need internet access the first time).`);
    }
    if (loadsUnderNode(built)) {
      throw new Error(`The ${PKG} build loads under Node ${process.version}, so it was built for Node, not Electron ${version}; check for a nodedir setting.`);
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    fs.copyFileSync(built, partial);
    fs.renameSync(partial, target);
    log(`wrote ${path.relative(root, target)}`);
    return target;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    ensureElectronSqlite({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(`native-electron: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
