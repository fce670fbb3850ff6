import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';
// @ts-expect-error plain ESM script without type declarations
import { electronBindingPath, electronVersion, ensureElectronSqlite, scrubbedEnv } from '../../scripts/native-electron.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireHere = createRequire(import.meta.url);

/** A copy of the scripts in a fake checkout whose electron package behaves as we choose. */
function fakeCheckout(electronIndex: string): string {
  const dir = tmpDir('sakta-start-');
  fs.mkdirSync(path.join(dir, 'scripts'));
  for (const f of ['start.mjs', 'native-electron.mjs']) fs.copyFileSync(path.join(root, 'scripts', f), path.join(dir, 'scripts', f));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'fake', type: 'module' }));
  const el = path.join(dir, 'node_modules', 'electron');
  fs.mkdirSync(el, { recursive: true });
  fs.writeFileSync(path.join(el, 'package.json'), JSON.stringify({ name: 'electron', version: '45.6.1', main: 'index.js' }));
  fs.writeFileSync(path.join(el, 'index.js'), electronIndex);
  return dir;
}

describe('npm start without the Electron binary', () => {
  it.each([
    ['the download never ran', "throw new Error('Electron failed to install correctly');"],
    ['the binary was removed', "module.exports = require('path').join(__dirname, 'dist', 'electron');"],
  ])('prints one clear line and exits 1 when %s, before building anything', (_why, index) => {
    const dir = fakeCheckout(index);
    const r = spawnSync(process.execPath, [path.join(dir, 'scripts', 'start.mjs')], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("Electron's binary is not installed and could not be downloaded: run npm start (or npx install-electron) once with internet access");
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(fs.existsSync(path.join(dir, '.native'))).toBe(false);
  });
});

describe('Electron build of the SQLite module', () => {
  it('never passes a nodedir (from ~/.npmrc via npm) to the native build', () => {
    const env = scrubbedEnv({ PATH: '/usr/bin', npm_config_nodedir: '/usr', NPM_CONFIG_NODEDIR: '/usr', npm_config_runtime: 'node', npm_config_target: '20.0.0', HOME: '/home/x' });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/x' });
  });

  it('targets the installed Electron version in .native/electron/<version>/', () => {
    const pkg = requireHere('electron/package.json') as { version: string };
    expect(electronVersion(root)).toBe(pkg.version);
    expect(electronBindingPath(root, pkg.version)).toBe(path.join(root, '.native', 'electron', pkg.version, 'better_sqlite3.node'));
  });

  it('reuses an existing build without rebuilding, and leaves node_modules alone', () => {
    const dir = fakeCheckout("module.exports = '/nonexistent';");
    const built = path.join(dir, '.native', 'electron', '45.6.1', 'better_sqlite3.node');
    fs.mkdirSync(path.dirname(built), { recursive: true });
    fs.writeFileSync(built, 'prebuilt');
    const lines: string[] = [];
    expect(ensureElectronSqlite({ root: dir, log: (l: string) => lines.push(l) })).toBe(built);
    expect(lines).toEqual([]);
    expect(fs.readFileSync(built, 'utf8')).toBe('prebuilt');
  });

  it('sodium-native ships Node-API prebuilds (one binary loads in Node and Electron)', () => {
    const prebuilds = path.join(path.dirname(requireHere.resolve('sodium-native/package.json')), 'prebuilds');
    const platforms = fs.readdirSync(prebuilds);
    expect(platforms).toEqual(expect.arrayContaining(['linux-x64', 'win32-x64', 'darwin-arm64', 'darwin-x64']));
    expect(fs.existsSync(path.join(prebuilds, `${process.platform}-${process.arch}`, 'sodium-native.node'))).toBe(true);
  });
});

describe('electron-builder.yml', () => {
  const load = async () => {
    const yaml = requireHere('js-yaml') as { load(s: string): unknown };
    return yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  };

  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = requireHere('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, l: unknown): Promise<void> };
    const { DebugLogger } = requireHere('builder-util/out/DebugLogger.js') as { DebugLogger: new (on: boolean) => unknown };
    const cfg = await load();
    await expect(validateConfiguration(cfg, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...cfg, electronFuses: { runAsNodee: false } }, new DebugLogger(false))).rejects.toThrow(/Invalid configuration/);
  });

  it('decides every fuse the installed Electron tooling knows (re-checked at each Electron upgrade)', async () => {
    const cfg = await load();
    const { FuseV1Options } = requireHere('@electron/fuses') as { FuseV1Options: Record<string, number | string> };
    const known = Object.keys(FuseV1Options)
      .filter((k) => Number.isNaN(Number(k)))
      .map((k) => k[0]!.toLowerCase() + k.slice(1));
    // A browser-process V8 snapshot is opt-in and Sakta ships none, so that fuse stays at its default (off).
    const undecided = known.filter((k) => k !== 'loadBrowserProcessSpecificV8Snapshot' && !(k in (cfg.electronFuses as object)));
    expect(undecided).toEqual([]);
  });

  it('ships a Syncthing binary per platform where the sync engine looks for it', async () => {
    const cfg = await load();
    const { shippedSyncthingPath } = await import('../../electron/services/syncthing/binary');
    const entry = (cfg.extraResources as { from: string; to: string }[]).find((e) => e.to === 'syncthing');
    expect(entry?.from).toBe('vendor/syncthing/${os}-${arch}');
    expect(shippedSyncthingPath('/r', 'linux')).toBe(path.join('/r', entry!.to, 'syncthing'));
    expect(shippedSyncthingPath('/r', 'win32')).toBe(path.join('/r', entry!.to, 'syncthing.exe'));
  });

  it('locks the binary down with fuses and ships no test code', async () => {
    const cfg = await load();
    expect(cfg.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(cfg).toMatchObject({ appId: 'org.sakta.app', productName: 'Sakta', asar: true, npmRebuild: true, extraMetadata: { main: 'dist/main.cjs' } });
    const files = cfg.files as string[];
    expect(files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(files.some((f) => f.startsWith('!dist/bridge'))).toBe(true);
    expect(files).toContain('!tests{,/**}');
    expect(cfg.asarUnpack).toEqual(expect.arrayContaining(['**/*.node']));
  });
});
