import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pair, randomName, sha256File, startPeer, syncRoot, waitFor } from '../helpers/syncthing';

const SIZE = 200 * 1024 * 1024;
const MiB = 1024 * 1024;

/** A 200 MB document's blob file on its way to a colleague whose laptop crashes mid-transfer. */
describe('Syncthing managed by Sakta: a large file survives the receiver being killed', () => {
  it('resumes after SIGKILL and restart, sending only what was missing; the file arrives with the same SHA-256', async () => {
    const root = syncRoot();
    const a = await startPeer(root, 'a');
    const b = await startPeer(root, 'b');
    await pair(a, b);
    const fa = await a.addFolder({ devices: [b.deviceId] });
    const fb = await b.addFolder({ folderId: fa.folderId, devices: [a.deviceId] });
    // A slower link, so the kill lands mid-transfer on any machine (20 MB/s: about ten seconds for the file).
    await b.setRateLimits({ sendKbps: 0, recvKbps: 20_000 });

    const name = randomName();
    const file = path.join(fa.path, name);
    const fd = fs.openSync(file, 'w');
    for (let off = 0; off < SIZE; off += 8 * MiB) fs.writeSync(fd, crypto.randomBytes(8 * MiB));
    fs.closeSync(fd);
    const want = sha256File(file);
    await a.scan(fa.folderId);

    await waitFor('a quarter of the file sent to B', async () => (await a.peerTraffic(b.deviceId)).outBytes > SIZE / 4, 300_000, 100);
    const sentBefore = (await a.peerTraffic(b.deviceId)).outBytes;
    process.kill(b.pid!, 'SIGKILL');
    await b.stopped();
    expect(b.running).toBe(false);
    const down = await b.status();
    expect(down.running).toBe(false);
    expect(down.problems.map((p) => p.code)).toContain('ENGINE_FAILED');
    // What had arrived is kept in Syncthing's temporary file, not thrown away.
    const temps = fs.readdirSync(fb.path).filter((n) => n.startsWith('.syncthing.') && n.endsWith('.tmp'));
    expect(temps).toHaveLength(1);
    expect(fs.existsSync(path.join(fb.path, name))).toBe(false);

    await b.start();
    await b.setRateLimits({ sendKbps: 0, recvKbps: 0 });
    expect((await b.status()).problems.map((p) => p.code)).not.toContain('ENGINE_FAILED');
    const arrived = path.join(fb.path, name);
    await waitFor(
      'the file complete on B',
      async () => {
        const f = (await b.status()).folders.find((x) => x.folderId === fb.folderId);
        return fs.existsSync(arrived) && fs.statSync(arrived).size === SIZE && !!f && f.filesWaiting === 0 && f.bytesToGo === 0;
      },
      300_000,
    );
    expect(sha256File(arrived)).toBe(want);
    // Resumed, not restarted: the new connection carried less than the file minus what had already been received.
    const sentAfter = (await a.peerTraffic(b.deviceId)).outBytes;
    expect(sentAfter).toBeLessThan(SIZE - sentBefore / 2);
  }, 600_000);
});
