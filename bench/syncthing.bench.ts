import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BenchContext, BenchModule } from './run';
import { documentOnce, editOnce, startTeamPair } from './sakta-team';
import { now, plainFileOnce, startPair, timeToAppear, type PeerPair } from './syncthing-peers';

/**
 * Sakta's Syncthing on loopback: (1) how long a small file (a segment's smallest bucket, 4 KiB) written on one peer
 * takes to appear on the other, through both daemons; (2) the throughput of a large file (1 GiB; SYNC_BENCH_MIB to
 * change) through them, beside a plain local copy of the same bytes on the same disk in the same run. Both are the
 * plain-file path. Then the Sakta path (issue 19): (3) an edit made in vault A through the service write path until
 * vault B shows it, through both vaults' own daemons and TeamSync's automatic exchange, beside a plain file of the
 * sealed segment's size between two such daemons; (4) a document of the same size as (2) imported in A until it
 * opens in B, beside (2). All in the same run.
 */
const MiB = 1024 * 1024;
const SIZE = Number(process.env.SYNC_BENCH_MIB ?? 1024) * MiB;
const LATENCY_RUNS = 15;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const bench: BenchModule = {
  name: 'syncthing',
  async run(ctx) {
    const pair = await startPair(ctx.tmp);
    try {
      await plainFileOnce(pair, crypto.randomBytes(4096)); // warm-up: first index exchange
      const latency: number[] = [];
      for (let i = 0; i < LATENCY_RUNS; i++) latency.push(await plainFileOnce(pair, crypto.randomBytes(4096)));
      ctx.log(`4 KiB file: median ${round(pct(latency, 50))} ms over ${LATENCY_RUNS} runs`);

      const source = path.join(ctx.tmp, 'large.bin');
      const fd = fs.openSync(source, 'w');
      for (let off = 0; off < SIZE; off += 16 * MiB) fs.writeSync(fd, crypto.randomBytes(Math.min(16 * MiB, SIZE - off)));
      fs.fsyncSync(fd);
      fs.closeSync(fd);

      // Reference: the same bytes copied on the same disk, flushed, in this run.
      const copyTo = path.join(ctx.tmp, 'copy.bin');
      const c0 = now();
      fs.copyFileSync(source, copyTo);
      const cfd = fs.openSync(copyTo, 'r');
      fs.fsyncSync(cfd);
      fs.closeSync(cfd);
      const copyMs = now() - c0;
      fs.rmSync(copyTo);

      const name = crypto.randomBytes(16).toString('hex');
      const arrived = path.join(pair.dirB, name);
      const syncMs = await timeToAppear(
        async () => {
          fs.renameSync(source, path.join(pair.dirA, name));
          await pair.a.scan(pair.folderId);
        },
        async () => {
          if (!fs.existsSync(arrived) || fs.statSync(arrived).size !== SIZE) return false;
          const f = await pair.b.folderStatus(pair.folderId);
          return f.filesWaiting === 0 && f.bytesToGo === 0;
        },
      );
      ctx.log(`${SIZE / MiB} MiB: Syncthing ${round(syncMs / 1000, 2)} s, local copy ${round(copyMs / 1000, 2)} s`);
      const sakta = await saktaPath(ctx, pair, syncMs);
      const mibps = (ms: number) => round(SIZE / MiB / (ms / 1000));
      return {
        notes: [
          'Two Sakta-managed Syncthing daemons on 127.0.0.1 of one machine (no network in between): the figures are the daemons\u2019 own cost (scan, hash, index exchange, block transfer, verify), the floor of any LAN transfer.',
          'Latency: a 4 KiB file written on A, POST /rest/db/scan asked (as Sakta does after writing a segment), until it exists whole on B.',
          `Throughput: one ${SIZE / MiB} MiB file of random bytes from scan to complete on B, beside a plain local copy (+ fsync) of the same bytes in the same run.`,
          'Sakta path (sakta.*): two vaults, each with its own Syncthing run by TeamSync with the app’s defaults (exchange 1 s after a write, then Syncthing asked to scan; the receiver exchanges 0.2 s after Syncthing reports the folder changed); no exchange is called by the bench.',
          `sakta.editLatency: the case’s summary changed in A (ChangeWriter) until B shows it, median over ${LATENCY_RUNS} runs, beside a plain file of the sealed segment’s size written and scanned between the plain pair, median over as many runs in the same run. The Sakta figure includes TeamSync\u2019s debounce (1 s after a write, which batches a burst of edits into one segment; sooner when a Syncthing folder event reschedules the exchange meanwhile), hence runs of about 0.25 s and about 1.2 s.`,
          `sakta.document: a ${SIZE / MiB} MiB file imported in A (encrypted into its vault, sealed into the case folder) until B lists it, its SHA-256 verified after; beside the plain ${SIZE / MiB} MiB Syncthing transfer above.`,
        ],
        latency4KiB: { runs: latency.map((x) => round(x)), medianMs: round(pct(latency, 50)), p90Ms: round(pct(latency, 90)) },
        throughput: {
          sizeMiB: SIZE / MiB,
          syncthingSeconds: round(syncMs / 1000, 2),
          syncthingMiBps: mibps(syncMs),
          localCopySeconds: round(copyMs / 1000, 2),
          localCopyMiBps: mibps(copyMs),
          ratioSyncthingToLocalCopyTime: round(syncMs / copyMs, 2),
        },
        sakta,
      };
    } finally {
      await pair.stop();
    }
  },
};

/** The Sakta path beside the plain pair's figures; the document reuses the plain transfer of the same size as its reference. */
async function saktaPath(ctx: BenchContext, plain: PeerPair, plainLargeMs: number) {
  const team = await startTeamPair(path.join(ctx.tmp, 'team'));
  try {
    await editOnce(team, -1); // warm-up: first segments and index exchange
    const edits: number[] = [];
    const sealed: number[] = [];
    for (let i = 0; i < LATENCY_RUNS; i++) {
      const r = await editOnce(team, i);
      edits.push(r.ms);
      sealed.push(r.sealedBytes);
    }
    const segmentBytes = pct(sealed, 50);
    const reference: number[] = [];
    for (let i = 0; i < LATENCY_RUNS; i++) reference.push(await plainFileOnce(plain, crypto.randomBytes(segmentBytes)));
    ctx.log(`edit A→B: median ${round(pct(edits, 50))} ms; plain ${segmentBytes} B file: median ${round(pct(reference, 50))} ms`);

    const source = path.join(ctx.tmp, 'document.bin');
    const fd = fs.openSync(source, 'w');
    for (let off = 0; off < SIZE; off += 16 * MiB) fs.writeSync(fd, crypto.randomBytes(Math.min(16 * MiB, SIZE - off)));
    fs.closeSync(fd);
    const docMs = await documentOnce(team, source);
    fs.rmSync(source);
    ctx.log(`${SIZE / MiB} MiB document A→B: ${round(docMs / 1000, 2)} s; plain Syncthing ${round(plainLargeMs / 1000, 2)} s`);
    return {
      editLatency: {
        runs: edits.map((x) => round(x)),
        medianMs: round(pct(edits, 50)),
        p90Ms: round(pct(edits, 90)),
        sealedSegmentBytes: segmentBytes,
        plainFileSameSize: { runs: reference.map((x) => round(x)), medianMs: round(pct(reference, 50)) },
        ratioSaktaEditToPlainFileMedian: round(pct(edits, 50) / pct(reference, 50), 2),
      },
      document: {
        sizeMiB: SIZE / MiB,
        saktaSeconds: round(docMs / 1000, 2),
        saktaMiBps: round(SIZE / MiB / (docMs / 1000)),
        plainSyncthingSeconds: round(plainLargeMs / 1000, 2),
        ratioSaktaDocumentToPlainSyncthingTime: round(docMs / plainLargeMs, 2),
      },
    };
  } finally {
    await team.stop();
  }
}

export default bench;
