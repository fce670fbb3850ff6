import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contents, pair, randomName, same, sha256, startPeer, syncRoot, waitFor } from '../helpers/syncthing';

/** Unsharing: the removed member's device is taken out of the case's folder on every remaining member. */
describe('Syncthing managed by Sakta: a removed member', () => {
  it('receives nothing more once its device is removed from the folder', async () => {
    const root = syncRoot();
    const [a, b, c] = [await startPeer(root, 'a'), await startPeer(root, 'b'), await startPeer(root, 'c')];
    await pair(a, b);
    await pair(a, c);
    await pair(b, c);
    const fa = await a.addFolder({ devices: [b.deviceId, c.deviceId] });
    const fb = await b.addFolder({ folderId: fa.folderId, devices: [a.deviceId, c.deviceId] });
    const fc = await c.addFolder({ folderId: fa.folderId, devices: [a.deviceId, b.deviceId] });
    const before: Record<string, string> = {};
    const bytes = crypto.randomBytes(20_000);
    const first = randomName();
    fs.writeFileSync(path.join(fa.path, first), bytes);
    before[first] = sha256(bytes);
    await a.scan(fa.folderId);
    await waitFor('all three hold the first file', () => [fa, fb, fc].every((f) => same(contents(f.path), before)));

    // C is removed from the case: A takes C out of the folder, B drops C's device altogether.
    await a.setFolderDevices(fa.folderId, [b.deviceId]);
    await b.removeDevice(c.deviceId);
    expect((await a.folder(fa.folderId)).devices.map((d) => d.deviceID).sort()).toEqual([a.deviceId, b.deviceId].sort());
    expect((await b.folder(fb.folderId)).devices.map((d) => d.deviceID).sort()).toEqual([a.deviceId, b.deviceId].sort());
    expect(await b.devices()).toEqual([a.deviceId]);
    expect((await a.status()).folders[0]!.peersTotal).toBe(1);

    const after = { ...before };
    for (const f of [fa, fb]) {
      const more = crypto.randomBytes(30_000);
      const name = randomName();
      fs.writeFileSync(path.join(f.path, name), more);
      after[name] = sha256(more);
    }
    await a.scan(fa.folderId);
    await b.scan(fb.folderId);
    await waitFor('A and B exchanged their new files', () => same(contents(fa.path), after) && same(contents(fb.path), after));
    // C stays connected to A (still a known device, just not in the folder) and keeps asking; it gets nothing.
    await c.scan(fc.folderId);
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 500));
      expect(contents(fc.path)).toEqual(before);
    }
    const cs = (await c.status()).folders[0]!;
    expect(cs.filesWaiting).toBe(0);
  }, 240_000);
});
