import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract';

/**
 * Runs the built dist/preload.cjs the way Electron runs a sandboxed preload: wrapped in
 * `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {…})`
 * with a require that knows only electron, events, timers and url — no __filename, no fs.
 * A bundle that reaches for anything else leaves the window without `window.sakta`.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = path.join(root, 'dist', 'preload.cjs');

beforeAll(() => {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'preload'], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}, 60_000);

function runSandboxed(src: string) {
  const exposed: Record<string, unknown> = {};
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, ((...a: unknown[]) => void)[]>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    ipcRenderer: {
      invoke: async (channel: string, req: unknown) => (invoked.push([channel, req]), { ok: true, value: { channel } }),
      on: (ch: string, fn: (...a: unknown[]) => void) => listeners.set(ch, [...(listeners.get(ch) ?? []), fn]),
      removeListener: (ch: string, fn: (...a: unknown[]) => void) => listeners.set(ch, (listeners.get(ch) ?? []).filter((f) => f !== fn)),
    },
  };
  const allowed: Record<string, unknown> = { electron, events: {}, timers: { setImmediate, clearImmediate }, url: { URL, pathToFileURL: () => { throw new Error('no file paths in a sandbox'); } } };
  const sandboxRequire = (name: string) => {
    if (!(name in allowed)) throw new Error(`module not found: ${name}`);
    return allowed[name];
  };
  const context = vm.createContext({ console, TextEncoder, TextDecoder, URL });
  const wrapper = vm.runInContext(`(function(require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${src}\n})`, context) as (...a: unknown[]) => void;
  const exports = {};
  const fakeProcess = { platform: process.platform, versions: { ...process.versions }, env: {} };
  wrapper(sandboxRequire, fakeProcess, Buffer, context, setImmediate, clearImmediate, exports, { exports });
  return { exposed, invoked, listeners };
}

describe('dist/preload.cjs in a sandboxed renderer', () => {
  it('loads with only the sandbox require and exposes window.sakta with every channel', async () => {
    const { exposed, invoked } = runSandboxed(fs.readFileSync(bundle, 'utf8'));
    const sakta = exposed.sakta as Record<string, Record<string, (r: unknown) => Promise<unknown>>>;
    expect(sakta, 'window.sakta was not exposed').toBeDefined();
    for (const c of CHANNELS) {
      const [d, m] = c.split('.') as [string, string];
      expect(typeof sakta[d]?.[m], c).toBe('function');
    }
    expect(await sakta.vault!.status!({})).toEqual({ ok: true, value: { channel: 'vault.status' } });
    expect(invoked).toEqual([['vault.status', {}]]);
  });

  it('passes only the payload of an event to the page, never the IPC event', () => {
    const { exposed, listeners } = runSandboxed(fs.readFileSync(bundle, 'utf8'));
    const on = (exposed.sakta as { on: (e: string, cb: (...a: unknown[]) => void) => () => void }).on;
    const got: unknown[][] = [];
    const off = on('vault.locked', (...args) => got.push(args));
    for (const l of listeners.get('vault.locked') ?? []) l({ sender: 'ipc-event', ports: [] }, { reason: 'idle' });
    off();
    expect(got).toEqual([[{ reason: 'idle' }]]);
    expect(listeners.get('vault.locked')).toEqual([]);
  });
});
