/**
 * Two of Sakta's Syncthing daemons paired on 127.0.0.1 with one shared folder, and the two measurements the sync
 * bench makes with them. The integrator's sealed-segment path plugs into `timeToAppear` with its own writer and
 * its own "arrived" check (a segment applied), beside the plain-file figures measured here in the same run.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SyncthingManager } from '../electron/services/syncthing';
import { freePort } from '../electron/services/syncthing/daemon';

export const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PeerPair {
  a: SyncthingManager;
  b: SyncthingManager;
  folderId: string;
  dirA: string;
  dirB: string;
  stop(): Promise<void>;
}

export async function startPair(tmp: string): Promise<PeerPair> {
  const make = async (name: string) =>
    new SyncthingManager({ dataDir: path.join(tmp, name), listenAddress: `tcp://127.0.0.1:${await freePort()}`, localDiscovery: false, fsWatcherDelayS: 1 });
  const a = await make('a');
  const b = await make('b');
  const stop = async () => {
    await a.stop(5_000);
    await b.stop(5_000);
  };
  try {
    await a.start();
    await b.start();
    await a.addDevice(b.deviceId, { addresses: [b.listenAddress] });
    await b.addDevice(a.deviceId, { addresses: [a.listenAddress] });
    const fa = await a.addFolder({ devices: [b.deviceId] });
    const fb = await b.addFolder({ folderId: fa.folderId, devices: [a.deviceId] });
    // Connected and the folder in sync before anything is timed.
    for (let i = 0; !(await a.peerTraffic(b.deviceId)).connected; i++) {
      if (i > 600) throw new Error('peers did not connect');
      await sleep(100);
    }
    return { a, b, folderId: fa.folderId, dirA: fa.path, dirB: fb.path, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Milliseconds from `write` starting on A to `arrived` being true on B (polled every 10 ms). */
export async function timeToAppear(write: () => Promise<void>, arrived: () => boolean | Promise<boolean>, timeoutMs = 600_000): Promise<number> {
  const t0 = now();
  await write();
  while (!(await arrived())) {
    if (now() - t0 > timeoutMs) throw new Error('did not arrive');
    await sleep(10);
  }
  return now() - t0;
}

/** A plain file of random bytes written on A, asked to be scanned (as Sakta does after writing a segment). */
export async function plainFileOnce(p: PeerPair, bytes: Buffer): Promise<number> {
  const name = crypto.randomBytes(16).toString('hex');
  return timeToAppear(
    async () => {
      fs.writeFileSync(path.join(p.dirA, name), bytes);
      await p.a.scan(p.folderId);
    },
    () => {
      try {
        return fs.statSync(path.join(p.dirB, name)).size === bytes.length;
      } catch {
        return false;
      }
    },
  );
}
