import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNC_PROBLEM_MESSAGES } from '../../shared/schemas/sync-engine';
import { SyncEngineError, SyncthingManager, findSyncthing } from '../../electron/services/syncthing';
import { testPort } from '../helpers/ports';
import { problemInText } from '../../electron/services/syncthing/problems';
import { runCli } from '../helpers/cli';
import { contents, onCleanup, pair, randomName, startPeer, syncRoot, waitFor } from '../helpers/syncthing';

const INSTALL = 'install it: apt-get install syncthing / brew install syncthing';

/** The problems a lawyer reads on the Team screen and in the CLI, each with its stable code. */
describe('Syncthing managed by Sakta: problems as codes', () => {
  it('no binary: ENGINE_MISSING, saying how to install it, from the finder, the manager and the CLI', async () => {
    const root = syncRoot();
    const empty = path.join(root, 'empty-bin');
    fs.mkdirSync(empty);
    const missing = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof SyncEngineError && e.problem === 'ENGINE_MISSING' && e.message.toLowerCase().includes(INSTALL) ? e : null;
      }
      return null;
    };
    expect(missing(() => findSyncthing({ env: { PATH: empty } }))).not.toBeNull();
    expect(missing(() => findSyncthing({ env: { PATH: '/usr/bin', SAKTA_SYNCTHING: path.join(root, 'nope') } }))).not.toBeNull();
    // A packaged build uses only the binary it ships, whatever the environment says.
    expect(missing(() => findSyncthing({ shipped: path.join(root, 'resources', 'syncthing', 'syncthing'), env: { PATH: '/usr/bin' } }))).not.toBeNull();
    expect(findSyncthing({ env: { PATH: '/usr/bin' } })).toBe('/usr/bin/syncthing');

    const m = new SyncthingManager({ dataDir: path.join(root, 'v'), shipped: path.join(root, 'none'), localDiscovery: false });
    await expect(m.start()).rejects.toMatchObject({ problem: 'ENGINE_MISSING' });
    expect(m.running).toBe(false);

    const r = await runCli(['sync-node', '--dir', path.join(root, 'node')], { env: { PATH: empty } });
    expect(r.code).not.toBe(0);
    expect(r.stderr.toLowerCase()).toContain(INSTALL);
    expect(SYNC_PROBLEM_MESSAGES.ENGINE_MISSING.toLowerCase()).toContain(INSTALL);
  });

  it('the listen port taken by another program: PORT_IN_USE with the address', async () => {
    const port = await testPort();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    onCleanup(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
    const m = new SyncthingManager({ dataDir: path.join(syncRoot(), 'v'), listenAddress: `tcp://127.0.0.1:${port}`, localDiscovery: false });
    onCleanup(() => m.stop(3_000));
    await m.start();
    await waitFor('PORT_IN_USE reported', async () => (await m.status()).problems.some((p) => p.code === 'PORT_IN_USE' && p.detail === `tcp://127.0.0.1:${port}`), 60_000);
    const inUse = (await m.status()).problems.filter((x) => x.code === 'PORT_IN_USE');
    expect(inUse).toHaveLength(1);
    const p = inUse[0]!;
    expect(p.message).toBe(SYNC_PROBLEM_MESSAGES.PORT_IN_USE);
  }, 120_000);

  it('a device that is not a member knocks: PEER_UNKNOWN with its device id', async () => {
    const root = syncRoot();
    const a = await startPeer(root, 'a');
    const stranger = await startPeer(root, 'x');
    // The stranger knows A's id and address; A never added it.
    await stranger.addDevice(a.deviceId, { addresses: [a.listenAddress] });
    await waitFor('PEER_UNKNOWN reported', async () => (await a.status()).problems.some((p) => p.code === 'PEER_UNKNOWN' && p.detail === stranger.deviceId), 90_000);
    expect(await a.devices()).toEqual([]);
  }, 120_000);

  it('a daemon left running by a Sakta that was killed is ended at the next start, which then succeeds', async () => {
    const root = syncRoot();
    const crashed = await startPeer(root, 'v');
    const orphan = crashed.pid!;
    // A new Sakta process over the same data folder, the old one gone without stopping its daemon.
    const again = new SyncthingManager({ dataDir: path.join(root, 'v'), listenAddress: `tcp://127.0.0.1:${await testPort()}`, localDiscovery: false });
    onCleanup(() => again.stop(3_000));
    await again.start();
    expect(again.deviceId).toBe(crashed.deviceId);
    expect(again.pid).not.toBe(orphan);
    expect(fs.existsSync(`/proc/${orphan}`) && !fs.readFileSync(`/proc/${orphan}/stat`, 'utf8').includes(') Z ')).toBe(false);
  }, 120_000);

  it('a folder that may not fill the disk further: DISK_FULL for that folder, and the file is not received', async () => {
    const root = syncRoot();
    const a = await startPeer(root, 'a');
    // Syncthing keeps this share of the disk free before receiving; no test machine has 99.999 % free.
    const b = await startPeer(root, 'b', { minDiskFreePct: 99.999 });
    await pair(a, b);
    const fa = await a.addFolder({ devices: [b.deviceId] });
    const fb = await b.addFolder({ folderId: fa.folderId, devices: [a.deviceId] });
    fs.writeFileSync(path.join(fa.path, randomName()), Buffer.alloc(50_000, 7));
    await a.scan(fa.folderId);
    await waitFor('DISK_FULL reported for the folder', async () => (await b.status()).problems.some((p) => p.code === 'DISK_FULL' && p.folderId === fb.folderId), 90_000);
    expect(contents(fb.path)).toEqual({});
    const f = (await b.status()).folders[0]!;
    expect(f.filesWaiting).toBe(1);
    expect(f.progress).toBeLessThan(1);
  }, 120_000);

  it('reads disk full and port in use out of the operating system\u2019s words in Syncthing\u2019s errors', () => {
    expect(problemInText('pulling: writing: write /x/.syncthing.ab.tmp: no space left on device')).toBe('DISK_FULL');
    expect(problemInText('insufficient space in folder /x (1 %)')).toBe('DISK_FULL');
    expect(problemInText('listen tcp 127.0.0.1:22000: bind: address already in use')).toBe('PORT_IN_USE');
    expect(problemInText('folder marker missing')).toBeNull();
  });
});
