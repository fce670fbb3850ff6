import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { testPort } from '../helpers/ports';
import { CLI } from '../helpers/cli';
import { contents, onCleanup, randomName, same, sha256, startPeer, syncRoot, waitFor } from '../helpers/syncthing';
import { filesUnder } from '../helpers/tmp';

const CANARY = 'Канарейка-CANARY-7f3a91 Асель Токтогулова';
const crypt = createNativeCrypto();

/** A sealed file as a member writes it: nonce | XChaCha20-Poly1305 of a plaintext that holds the canary. */
function sealed(key: Uint8Array, i: number): Buffer {
  const nonce = crypto.randomBytes(24);
  const plain = Buffer.concat([Buffer.from(`${CANARY} #${i} `, 'utf8'), Buffer.from(CANARY, 'utf16le'), crypto.randomBytes(3000)]);
  return Buffer.concat([nonce, Buffer.from(crypt.aeadEncrypt(plain, new Uint8Array(0), nonce, key))]);
}

const needles = [Buffer.from(CANARY, 'utf8'), Buffer.from(CANARY, 'utf16le'), Buffer.from('Канарейка', 'utf8'), Buffer.from('Канарейка', 'utf16le')];
const holdsCanary = (bytes: Buffer) => needles.some((n) => bytes.includes(n));

/** `sakta sync-node` as an operator runs it; returns once it printed its device id. */
async function startNode(dir: string, listen: string, peers: string[]) {
  const child = spawn(process.execPath, [CLI, 'sync-node', '--dir', dir, '--listen', listen, ...peers.flatMap((p) => ['--peer', p]), '--json'], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onCleanup(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  });
  let info: { deviceId: string; listen: string; peers: string[] } | null = null;
  await waitFor('the node prints its device id', () => {
    try {
      info = JSON.parse(stdout) as typeof info;
      return true;
    } catch {
      if (child.exitCode !== null) throw new Error(`sync-node exited: ${stderr}`);
      return false;
    }
  });
  return {
    info: info!,
    output: () => stdout + stderr,
    /** SIGTERM, as a service manager stops it; resolves with the exit code. */
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** The NGO's always-on office machine: two lawyers' laptops never meet, the node carries the sealed files between them. */
describe('sakta sync-node: the office node', () => {
  it('relays sealed files between two peers that never connect directly, and holds no plaintext in its folder, database or log', async () => {
    const root = syncRoot();
    const a = await startPeer(root, 'a');
    const b = await startPeer(root, 'b');
    const nodeDir = path.join(root, 'office');
    const listen = `tcp://127.0.0.1:${await testPort()}`;
    const first = await startNode(nodeDir, listen, [a.deviceId, b.deviceId]);
    const n = first.info;
    expect(n.deviceId).toMatch(/^[A-Z2-7]{7}(-[A-Z2-7]{7}){7}$/);
    expect(n.peers.sort()).toEqual([a.deviceId, b.deviceId].sort());

    // Each laptop knows only the node (its id and address); neither knows the other.
    await a.addDevice(n.deviceId, { addresses: [listen] });
    await b.addDevice(n.deviceId, { addresses: [listen] });
    expect(await a.devices()).toEqual([n.deviceId]);
    expect(await b.devices()).toEqual([n.deviceId]);
    const fa = await a.addFolder({ devices: [n.deviceId] });
    await waitFor('the node accepted A\u2019s folder', () => fs.existsSync(path.join(nodeDir, 'folders', fa.folderId)));
    const fb = await b.addFolder({ folderId: fa.folderId, devices: [n.deviceId] });

    const key = crypto.randomBytes(32);
    const expected: Record<string, string> = {};
    for (let i = 0; i < 3; i++) {
      const bytes = sealed(key, i);
      const name = randomName();
      fs.writeFileSync(path.join(fa.path, name), bytes);
      expected[name] = sha256(bytes);
    }
    for (let i = 3; i < 5; i++) {
      const bytes = sealed(key, i);
      const name = randomName();
      fs.writeFileSync(path.join(fb.path, name), bytes);
      expected[name] = sha256(bytes);
    }
    await a.scan(fa.folderId);
    await b.scan(fb.folderId);
    const onNode = path.join(nodeDir, 'folders', fa.folderId);
    await waitFor('A, B and the node hold the same five sealed files', () => same(contents(fa.path), expected) && same(contents(fb.path), expected) && same(contents(onNode), expected));
    expect((await a.peerTraffic(b.deviceId)).connected).toBe(false);

    // Stopped as a service manager stops it; it stops its daemon.
    expect(await first.stop()).toBe(0);
    const stillRunning = fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(nodeDir);
        } catch {
          return false;
        }
      });
    expect(stillRunning).toEqual([]);

    // Restarted with B left out (B's lawyer left the team): B's device is gone from the node and its folder.
    const again = await startNode(nodeDir, listen, [a.deviceId]);
    expect(again.info.deviceId).toBe(n.deviceId);
    expect(again.info.peers).toEqual([a.deviceId]);
    expect(await again.stop()).toBe(0);

    // The scan can see a canary: it finds it in the plaintext it was sealed from.
    expect(holdsCanary(Buffer.from(`x ${CANARY} y`, 'utf8'))).toBe(true);
    const files = filesUnder(nodeDir);
    expect(files.some((f) => f.endsWith('node.log') && fs.statSync(f).size > 0)).toBe(true);
    expect(files.some((f) => f.includes(`${path.sep}index-`))).toBe(true); // Syncthing's database
    expect(files.filter((f) => holdsCanary(fs.readFileSync(f)))).toEqual([]);
    expect(holdsCanary(Buffer.from(first.output() + again.output(), 'utf8'))).toBe(false);
  }, 300_000);
});
