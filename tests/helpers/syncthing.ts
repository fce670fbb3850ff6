import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { testPort } from './ports';
import { SyncthingManager, type SyncthingManagerOptions } from '../../electron/services/syncthing';

/**
 * Real Syncthing daemons for tests, on 127.0.0.1 only: random free ports, no discovery, a temp folder each.
 * Every daemon started here is stopped after the test, whatever happened, and only then are the folders removed.
 */
const managers: SyncthingManager[] = [];
const roots: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
  while (managers.length) await managers.pop()!.stop(3_000);
  while (roots.length) fs.rmSync(roots.pop()!, { recursive: true, force: true });
});

export function syncRoot(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-st-'));
  roots.push(d);
  return d;
}

/** Something to undo after the test, before the daemons stop (a child process, a server). */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

export async function startPeer(root: string, name: string, extra: Partial<SyncthingManagerOptions> = {}): Promise<SyncthingManager> {
  const m = new SyncthingManager({
    ...extra,
    dataDir: path.join(root, name),
    listenAddress: `tcp://127.0.0.1:${await testPort()}`,
    localDiscovery: false,
    rescanIntervalS: 20,
    fsWatcherDelayS: 1,
    reconnectionIntervalS: 5,
  });
  managers.push(m);
  await m.start();
  return m;
}

/** Each knows the other's device id and address, as Sakta's pairing gives them. */
export async function pair(a: SyncthingManager, b: SyncthingManager): Promise<void> {
  await a.addDevice(b.deviceId, { addresses: [b.listenAddress] });
  await b.addDevice(a.deviceId, { addresses: [a.listenAddress] });
}

/** Polls until `check` is true (generous bound: a slow shared machine is not a failure); throws with `what` otherwise. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 120_000, everyMs = 300): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Syncthing's own entries in a folder (its marker, temp files, versions), which are not the shared content. */
const isSyncthingOwn = (name: string) => name.startsWith('.st') || name.startsWith('.syncthing.') || name.startsWith('~syncthing~');

/** A folder's shared files: relative name → SHA-256 of the bytes. */
export function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (isSyncthingOwn(e.name)) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p, rel + e.name + '/');
      else if (e.isFile()) {
        const digest = sha256IfPresent(p);
        if (digest !== null) out[rel + e.name] = digest;
      }
    }
  };
  walk(dir, '');
  return out;
}

/** A running daemon may delete or replace a file between the listing and the read (a propagated removal): it is then simply not there. */
function sha256IfPresent(file: string): string | null {
  try {
    return sha256File(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export function sha256File(file: string): string {
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  try {
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

export const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

export const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const sorted = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([x], [y]) => (x < y ? -1 : 1)));

/** A random 32-hex name, as Sakta's segment and blob files have. */
export const randomName = () => crypto.randomBytes(16).toString('hex');
