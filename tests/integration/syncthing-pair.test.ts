import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contents, pair, randomName, same, sha256, startPeer, syncRoot, waitFor } from '../helpers/syncthing';

/** Two laptops' daemons (Sakta's own Syncthing each), paired as Sakta's pairing does, one shared case folder. */
describe('Syncthing managed by Sakta: two paired peers', () => {
  it('carries files both ways, and after one daemon was stopped while both sides changed files, converges by itself', async () => {
    const root = syncRoot();
    // Nothing of Sakta's environment reaches the daemon (a passphrase variable least of all).
    process.env.SAKTA_PASSPHRASE = 'env-leak-check-passphrase';
    let a;
    try {
      a = await startPeer(root, 'a');
    } finally {
      delete process.env.SAKTA_PASSPHRASE;
    }
    const environ = fs.readFileSync(`/proc/${a.pid!}/environ`, 'utf8').split('\0');
    expect(environ.some((v) => v.startsWith('SAKTA_') || v.includes('env-leak-check'))).toBe(false);
    expect(environ).toContain(`HOME=${a.home}`);
    const b = await startPeer(root, 'b');
    expect(a.deviceId).not.toBe(b.deviceId);
    // Loopback only, and nothing without the key: the REST API and the web GUI both ask for credentials nobody keeps.
    expect(a.restUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${a.restUrl}/rest/system/status`)).status).toBe(401);
    expect((await fetch(`${a.restUrl}/`)).status).toBe(401);
    // Nothing announced beyond the peers Sakta names: no global or local discovery, relays, NAT, usage or crash reports, upgrades.
    const xml = fs.readFileSync(path.join(a.home, 'config.xml'), 'utf8');
    for (const off of ['globalAnnounceEnabled', 'localAnnounceEnabled', 'relaysEnabled', 'natEnabled', 'crashReportingEnabled', 'startBrowser']) {
      expect(xml).toContain(`<${off}>false</${off}>`);
    }
    expect(xml).toContain('<urAccepted>-1</urAccepted>');
    expect(xml).toContain('<autoUpgradeIntervalH>0</autoUpgradeIntervalH>');
    expect(xml).toContain(`<listenAddress>${a.listenAddress}</listenAddress>`);
    expect(xml).not.toContain(os.hostname());
    await pair(a, b);
    const fa = await a.addFolder({ devices: [b.deviceId] });
    const fb = await b.addFolder({ folderId: fa.folderId, devices: [a.deviceId] });
    expect(fb.path).not.toBe(fa.path);
    // Nothing of a case in the id or the path.
    expect(fa.folderId).toMatch(/^[0-9a-f]{20}$/);
    expect(path.basename(fa.path)).toMatch(/^[0-9a-f]{16}$/);

    // What the integrator's sync listens to: the event stream says when a shared folder changed.
    const changed = new Set<string>();
    b.subscribe((e) => {
      if (e.kind === 'folder-changed') changed.add(e.folderId);
    });

    const expected: Record<string, string> = {};
    const write = (dir: string, name: string, bytes: Buffer) => {
      fs.writeFileSync(path.join(dir, name), bytes);
      expected[name] = sha256(bytes);
    };
    for (const size of [0, 1, 4096, 300_000]) write(fa.path, randomName(), crypto.randomBytes(size));
    write(fb.path, randomName(), crypto.randomBytes(70_000));
    await a.scan(fa.folderId);
    await b.scan(fb.folderId);
    await waitFor('both folders hold the same files', () => same(contents(fa.path), expected) && same(contents(fb.path), expected));

    await waitFor('B heard of the folder changing', () => changed.has(fb.folderId));
    const st = await a.status();
    const folder = st.folders.find((f) => f.folderId === fa.folderId)!;
    expect(st.running).toBe(true);
    expect(folder.peersTotal).toBe(1);

    // B's laptop is shut: its daemon stops. Both sides keep working on the case.
    await b.stop();
    expect(b.running).toBe(false);
    const mine = Object.keys(expected)[2]!;
    write(fa.path, mine, crypto.randomBytes(5000)); // A rewrites a file it wrote (one writer per file)
    const gone = Object.keys(expected)[1]!;
    fs.rmSync(path.join(fa.path, gone));
    delete expected[gone];
    write(fa.path, randomName(), crypto.randomBytes(123_456));
    write(fb.path, randomName(), crypto.randomBytes(54_321));
    write(fb.path, randomName(), Buffer.from('segment written while offline'));

    // B starts again; no scan asked, no sync command: Syncthing's start-up scan and file watcher do it.
    await b.start();
    await waitFor('both folders converge after the restart', () => same(contents(fa.path), expected) && same(contents(fb.path), expected));
    // A laptop's daemon writes its output to no file (it is kept in memory only); LevelDB's own journal is not a log.
    const logs = fs
      .readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.log$/i.test(e.name) && !/[\\/]index-[^\\/]*\.db$/.test(e.parentPath));
    expect(logs.map((e) => path.join(e.parentPath, e.name))).toEqual([]);
    await waitFor('B reports the folder synced with A connected', async () => {
      const f = (await b.status()).folders.find((x) => x.folderId === fb.folderId);
      return !!f && f.peersConnected === 1 && f.filesWaiting === 0 && f.bytesToGo === 0 && f.progress === 1 && f.lastSynced !== null;
    });
  }, 300_000);
});
