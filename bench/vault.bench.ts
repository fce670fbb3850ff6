import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNativeCrypto } from '../electron/crypto/native';
import type { Crypto } from '../electron/crypto/types';
import { createWasmCrypto } from '../electron/crypto/wasm';
import { createAppServices } from '../electron/composition/app-services';
import type { BenchContext, BenchModule } from './run';

/**
 * Vault figures: unlock time at the standard KDF profile (Argon2id ops 3, 256 MiB) with both libsodium builds
 * (goal ≤ 1 s); blob encrypt/decrypt throughput on a 512 MiB random file against `age` and `cp` on the same
 * file in the same run (goal ≥ 0.5× age); peak RSS of encrypt+decrypt in a child for 64 and 512 MiB.
 */
const MiB = 1024 * 1024;
const here = path.dirname(fileURLToPath(import.meta.url));
const PASS = 'benchmark passphrase — not secret';

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

function writeRandomFile(file: string, bytes: number): void {
  const fd = fs.openSync(file, 'w');
  for (let done = 0; done < bytes; done += 8 * MiB) fs.writeSync(fd, randomBytes(Math.min(8 * MiB, bytes - done)));
  fs.closeSync(fd);
}

async function unlockTimes(ctx: BenchContext, crypto: Crypto, dir: string, runs: number) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = createAppServices({ vaultDir: dir, crypto });
    const t0 = process.hrtime.bigint();
    const info = await s.vault.unlock(PASS);
    times.push(seconds(t0));
    if (info.kdf.profile !== 'standard') throw new Error('bench vault is not at the standard profile');
    s.vault.lock();
  }
  ctx.log(`unlock with ${crypto.name}: ${times.map((t) => t.toFixed(3)).join(', ')} s`);
  return { runs: times.map((t) => round(t)), medianSeconds: round(median(times)) };
}

/** Flushes earlier steps' dirty pages so one step's fsync does not pay for another's writes. */
const settle = () => execFileSync('sync');

function timeCommand(cmd: string, args: string[], fsyncFile?: string): { seconds: number; withFsyncSeconds?: number } {
  settle();
  const t0 = process.hrtime.bigint();
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const s = seconds(t0);
  if (!fsyncFile) return { seconds: s };
  execFileSync('sync', [fsyncFile]); // coreutils sync FILE = fsync(FILE)
  return { seconds: s, withFsyncSeconds: seconds(t0) };
}

const bench: BenchModule = {
  name: 'vault',
  async run(ctx) {
    // --- unlock at the standard profile ---
    delete process.env.SAKTA_TEST_FAST_KDF;
    const vaultDir = path.join(ctx.tmp, 'vault');
    const native = createNativeCrypto();
    const creator = createAppServices({ vaultDir, crypto: native });
    await creator.vault.create(PASS, 'standard');
    creator.vault.lock();
    const unlock = {
      profile: { opslimit: 3, memlimitMiB: 256 },
      goalSeconds: 1,
      sodiumNative: await unlockTimes(ctx, native, vaultDir, 3),
      libsodiumWasm: await unlockTimes(ctx, await createWasmCrypto(), vaultDir, 3),
    };

    // --- throughput on 512 MiB vs age and cp ---
    const size = 512 * MiB;
    const input = path.join(ctx.tmp, 'input.bin');
    writeRandomFile(input, size);
    const mbps = (s: number) => round(size / MiB / s, 1);
    const cp = timeCommand('cp', [input, path.join(ctx.tmp, 'copy.bin')], path.join(ctx.tmp, 'copy.bin'));
    fs.rmSync(path.join(ctx.tmp, 'copy.bin'));

    const s = createAppServices({ vaultDir, crypto: native });
    await s.vault.unlock(PASS);
    settle();
    let t0 = process.hrtime.bigint();
    const p = await s.blobs.write(input);
    const encSeconds = seconds(t0);
    s.blobs.commit(s.vault.current().db, p);
    const decOut = path.join(ctx.tmp, 'decrypted.bin');
    settle();
    t0 = process.hrtime.bigint();
    const fh = await fs.promises.open(decOut, 'w');
    // The same call the document export makes (DocumentService.export): decrypt with overlapped writes.
    await s.blobs.open(p.blobId).writeTo(fh);
    await fh.sync();
    await fh.close();
    const decSeconds = seconds(t0);
    fs.rmSync(decOut);
    s.vault.lock();

    const keyFile = path.join(ctx.tmp, 'age.key');
    execFileSync('age-keygen', ['-o', keyFile], { stdio: 'ignore' });
    const recipient = /public key: (age1\w+)/.exec(fs.readFileSync(keyFile, 'utf8'))![1]!;
    const ageVersion = execFileSync('age', ['--version'], { encoding: 'utf8' }).trim();
    const ageEnc = path.join(ctx.tmp, 'input.age');
    const ageEncT = timeCommand('age', ['-r', recipient, '-o', ageEnc, input], ageEnc);
    const ageDecT = timeCommand('age', ['-d', '-i', keyFile, '-o', path.join(ctx.tmp, 'age-out.bin'), ageEnc], path.join(ctx.tmp, 'age-out.bin'));
    fs.rmSync(ageEnc);
    fs.rmSync(path.join(ctx.tmp, 'age-out.bin'));

    const throughput = {
      fileMiB: size / MiB,
      note:
        'MB/s = MiB per second. Sakta encrypt includes SHA-256 of the plaintext and fsync of the blob (it must be durable before its row is committed); ' +
        'Sakta decrypt writes the plaintext to a file and fsyncs it. age does not fsync: "durable" adds `sync FILE` to its time, like-for-like. ' +
        'Ratios are Sakta speed / age speed (> 1 = faster than age).',
      sakta: { encryptMBps: mbps(encSeconds), decryptMBps: mbps(decSeconds) },
      age: {
        version: ageVersion,
        encryptMBps: mbps(ageEncT.seconds),
        decryptMBps: mbps(ageDecT.seconds),
        durableEncryptMBps: mbps(ageEncT.withFsyncSeconds!),
        durableDecryptMBps: mbps(ageDecT.withFsyncSeconds!),
      },
      cp: { MBps: mbps(cp.seconds), durableMBps: mbps(cp.withFsyncSeconds!) },
      ratioVsAge: {
        encrypt: round(ageEncT.seconds / encSeconds, 2),
        decrypt: round(ageDecT.seconds / decSeconds, 2),
        encryptDurable: round(ageEncT.withFsyncSeconds! / encSeconds, 2),
        decryptDurable: round(ageDecT.withFsyncSeconds! / decSeconds, 2),
        goal: 0.5,
      },
    };
    ctx.log(`throughput: ${JSON.stringify(throughput)}`);

    // --- peak RSS in a child, two sizes ---
    const rss: Record<string, unknown> = {};
    for (const mib of [64, 512]) {
      const file = mib === 512 ? input : path.join(ctx.tmp, `input-${mib}.bin`);
      if (mib !== 512) writeRandomFile(file, mib * MiB);
      const childDir = path.join(ctx.tmp, `rss-${mib}`);
      fs.mkdirSync(childDir);
      const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'vault-rss.child.ts'), file, path.join(childDir, 'vault')], {
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`rss child failed: ${r.stderr}`);
      const k = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { baselineKiB: number; afterEncryptKiB: number; afterDecryptKiB: number };
      rss[`${mib}MiB`] = {
        baselineMiB: round(k.baselineKiB / 1024, 1),
        peakAfterEncryptMiB: round(k.afterEncryptKiB / 1024, 1),
        peakAfterDecryptMiB: round(k.afterDecryptKiB / 1024, 1),
      };
      fs.rmSync(childDir, { recursive: true, force: true });
      ctx.log(`rss ${mib} MiB: ${JSON.stringify(rss[`${mib}MiB`])}`);
    }
    fs.rmSync(input);
    return { unlock, throughput, peakRss: rss };
  },
};
export default bench;
