import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createNativeCrypto } from '../electron/crypto/native';
import { createAppServices } from '../electron/composition/app-services';
import type { BenchModule } from './run';

/**
 * Seeking in a long recording: a 1 GiB WAV (header + random samples) in the vault, and 40 seeks to random
 * points, each answered as the media element asks (`Range: bytes=N-`) and read for 1 MiB, then abandoned.
 * Reference in the same run on the same file: `age -d`, which (like any whole-file encryption) must decrypt
 * everything before the point sought; and Sakta's own full decrypt. Ratio = seek time / age full decrypt.
 */
const MiB = 1024 * 1024;
const SIZE = Number(process.env.MEDIA_BENCH_MIB ?? 1024) * MiB;
const SEEKS = 40;
const READ = MiB;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const now = () => Number(process.hrtime.bigint()) / 1e6;

function wavHeader(dataBytes: number): Buffer {
  const b = Buffer.alloc(44);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + dataBytes, 4);
  b.write('WAVEfmt ', 8, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(2, 22);
  b.writeUInt32LE(44_100, 24);
  b.writeUInt32LE(44_100 * 4, 28);
  b.writeUInt16LE(4, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(dataBytes, 40);
  return b;
}

const bench: BenchModule = {
  name: 'media',
  async run(ctx) {
    const file = path.join(ctx.tmp, 'interview.wav');
    fs.writeFileSync(file, wavHeader(SIZE - 44));
    execFileSync('head', ['-c', String(SIZE - 44), '/dev/urandom'], { stdio: ['ignore', fs.openSync(file, 'a'), 'inherit'] });

    process.env.SAKTA_TEST_FAST_KDF = '1';
    const services = createAppServices({ vaultDir: path.join(ctx.tmp, 'vault'), crypto: createNativeCrypto(), allowTestKdf: true });
    await services.vault.create('bench passphrase for media seeking');
    const kase = services.caseWork.cases.create({ title: 'Media bench' });
    const doc = (await services.documents.import({ caseId: kase.id, paths: [file] })).documents[0]!;
    const token = services.media.grant(doc.id);
    ctx.log(`imported ${SIZE / MiB} MiB as ${doc.kind}`);

    const seekMs: number[] = [];
    const firstByteMs: number[] = [];
    const chunks: number[] = [];
    for (let i = 0; i < SEEKS; i++) {
      const at = Math.floor(((i + 0.5) / SEEKS) * (SIZE - READ));
      const before = services.media.stats.chunksDecrypted;
      const t0 = now();
      const r = await services.media.respond({ method: 'GET', token, range: `bytes=${at}-` });
      let got = 0;
      let first = 0;
      for await (const part of r.body!) {
        if (!first) first = now() - t0;
        got += part.length;
        if (got >= READ) break; // the element seeks again: the response is abandoned
      }
      seekMs.push(now() - t0);
      firstByteMs.push(first);
      chunks.push(services.media.stats.chunksDecrypted - before);
    }

    // Sakta decrypting the whole file (what a viewer without seekable chunks would do).
    const fullStart = now();
    const whole = await services.media.respond({ method: 'GET', token });
    let total = 0;
    for await (const part of whole.body!) total += part.length;
    const saktaFullMs = now() - fullStart;
    if (total !== SIZE) throw new Error('short read');
    services.vault.lock('user');

    // age on the same file: encrypt once, then time a full decrypt to /dev/null.
    const key = path.join(ctx.tmp, 'age.key');
    execFileSync('age-keygen', ['-o', key], { stdio: 'ignore' });
    const recipient = /public key: (\S+)/.exec(fs.readFileSync(key, 'utf8'))![1]!;
    execFileSync('age', ['-e', '-r', recipient, '-o', path.join(ctx.tmp, 'interview.age'), file]);
    const a0 = now();
    execFileSync('age', ['-d', '-i', key, '-o', '/dev/null', path.join(ctx.tmp, 'interview.age')]);
    const ageFullMs = now() - a0;

    const p50 = pct(seekMs, 50);
    ctx.log(`seek p50 ${p50.toFixed(1)} ms, p95 ${pct(seekMs, 95).toFixed(1)} ms; chunks per seek max ${Math.max(...chunks)}; full decrypt ${saktaFullMs.toFixed(0)} ms, age -d ${ageFullMs.toFixed(0)} ms`);
    return {
      fileMiB: SIZE / MiB,
      seeks: SEEKS,
      readPerSeekMiB: READ / MiB,
      seekThenRead1MiB: { p50Ms: round(p50, 1), p95Ms: round(pct(seekMs, 95), 1), firstByteP50Ms: round(pct(firstByteMs, 50), 1) },
      chunksDecryptedPerSeek: { max: Math.max(...chunks), min: Math.min(...chunks), ofTotal: Math.ceil(SIZE / (64 * 1024)) },
      saktaFullDecryptMs: round(saktaFullMs, 0),
      ageFullDecryptMs: round(ageFullMs, 0),
      seekVsAgeFullDecryptRatio: round(p50 / ageFullMs, 4),
      note: 'A seek reads at most one 4 MiB batch (64 chunks) before the first byte; age must decrypt up to the point sought, on average half the file.',
    };
  },
};
export default bench;
