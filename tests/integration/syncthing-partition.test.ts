import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncthingManager } from '../../electron/services/syncthing';
import { STRESS } from '../helpers/kill';
import { contents, pair, randomName, same, sha256, startPeer, syncRoot, waitFor } from '../helpers/syncthing';
import { seededRandom } from '../helpers/seeded';

const ROUNDS = STRESS ? 50 : 5;
const SEED = 0x5a17;


/**
 * Three laptops whose daemons freeze and thaw at random (SIGSTOP/SIGCONT: a lid closed, a hotspot lost) while each
 * keeps writing its own files; once all are back, the three folders must be identical, with nothing lost.
 */
describe('Syncthing managed by Sakta: partitions', () => {
  it(`three peers, ${ROUNDS} rounds of random freezes while writing, then healing: identical folders`, async () => {
    const root = syncRoot();
    const peers = [await startPeer(root, 'a'), await startPeer(root, 'b'), await startPeer(root, 'c')];
    await pair(peers[0]!, peers[1]!);
    await pair(peers[0]!, peers[2]!);
    await pair(peers[1]!, peers[2]!);
    const others = (m: SyncthingManager) => peers.filter((p) => p !== m).map((p) => p.deviceId);
    const first = await peers[0]!.addFolder({ devices: others(peers[0]!) });
    const folders = [first, await peers[1]!.addFolder({ folderId: first.folderId, devices: others(peers[1]!) }), await peers[2]!.addFolder({ folderId: first.folderId, devices: others(peers[2]!) })];

    const rand = seededRandom(SEED);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const expected: Record<string, string> = {};
    const own: string[][] = [[], [], []];
    for (let round = 0; round < ROUNDS; round++) {
      const frozen = peers.filter(() => rand() < 0.4);
      for (const p of frozen) process.kill(p.pid!, 'SIGSTOP');
      try {
        for (let i = 0; i < 3; i++) {
          const dir = folders[i]!.path;
          const action = rand();
          if (action < 0.2 && own[i]!.length > 0) {
            const name = pick(own[i]!); // the writer removes one of its files (a compacted segment)
            fs.rmSync(path.join(dir, name));
            delete expected[name];
            own[i] = own[i]!.filter((n) => n !== name);
          } else if (action < 0.35 && own[i]!.length > 0) {
            const name = pick(own[i]!); // the writer rewrites one of its files
            const bytes = crypto.randomBytes(1 + Math.floor(rand() * 40_000));
            fs.writeFileSync(path.join(dir, name), bytes);
            expected[name] = sha256(bytes);
          }
          const name = randomName();
          const bytes = crypto.randomBytes(Math.floor(rand() * 200_000));
          fs.writeFileSync(path.join(dir, name), bytes);
          expected[name] = sha256(bytes);
          own[i]!.push(name);
        }
        await new Promise((r) => setTimeout(r, 300 + Math.floor(rand() * 1500)));
      } finally {
        for (const p of frozen) process.kill(p.pid!, 'SIGCONT');
      }
    }
    await waitFor(
      'the three folders identical to everything written',
      () => folders.every((f) => same(contents(f.path), expected)),
      ROUNDS * 10_000 + 120_000,
      1000,
    );
    for (const f of folders) expect(contents(f.path)).toEqual(expected);
  }, ROUNDS * 12_000 + 180_000);
});
