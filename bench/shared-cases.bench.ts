import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchModule } from './run';

/**
 * Shared cases (issue 18, done-when 10). Each figure comes from a child process of its own
 * (shared-cases.child.ts), so a peak of memory is that run's alone.
 * - Offline: two vaults share a case, go apart, each makes N edits (notes made and corrected, the case's
 *   summary), then converge through a folder with `sync` (A sends, B applies and sends, A applies). Reference in
 *   the same run: a plain copy (+ fsync) of as many bytes as the exchange put into the folder; and the same N
 *   edits to a case that is not shared, for the cost of a shared write.
 * - Online with compaction: the two exchange after every 10 edits a side until N a side; the folder's segments
 *   are measured, compacted into snapshots, measured again; then a third member joins from what is left.
 * Peak RSS is the kernel's high-water mark of the child (`resourceUsage().maxRSS`).
 */
const EDITS = [250, 1000] as const;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const here = path.dirname(fileURLToPath(import.meta.url));

/** V8's young generation capped (4 MiB semi-spaces): what is left of a peak once V8 does not enlarge its nursery. */
const SMALL_NURSERY = ['--max-semi-space-size=4'];

function child<T>(mode: 'offline' | 'rounds', n: number, tmp: string, nodeFlags: string[] = []): T {
  const dir = path.join(tmp, `${mode}-${n}-${nodeFlags.length}`);
  fs.mkdirSync(dir);
  const r = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', path.join(here, 'shared-cases.child.ts'), mode, String(n), dir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`shared-cases child (${mode} ${n}) failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

interface Offline {
  convergeMs: number;
  exchangedKiB: number;
  plainCopyMs: number;
  sharedEditsMs: number;
  unsharedEditsMs: number;
  rssBaselineMiB: number;
  rssAfterEditsMiB: number;
  peakRssMiB: number;
}
interface Rounds {
  workMs: number;
  compactMs: number;
  joinMs: number;
  segmentFilesBefore: number;
  segmentKiBBefore: number;
  segmentFilesAfter: number;
  segmentKiBAfter: number;
  plainCopyOfBeforeMs: number;
  rssBaselineMiB: number;
  peakRssMiB: number;
}

const bench: BenchModule = {
  name: 'shared-cases',
  async run(ctx) {
    const runs = [];
    for (const n of EDITS) {
      const r = child<Offline>('offline', n, ctx.tmp);
      const out = {
        editsPerSide: n,
        convergeMs: round(r.convergeMs),
        exchangedKiB: round(r.exchangedKiB),
        plainCopyMs: round(r.plainCopyMs, 2),
        ratioConvergeToPlainCopyTime: round(r.convergeMs / r.plainCopyMs),
        ratioSharedToUnsharedWriteTime: round(r.sharedEditsMs / r.unsharedEditsMs, 2),
        rssBeforeEditsMiB: round(r.rssBaselineMiB),
        peakRssMiB: round(r.peakRssMiB),
        peakRssGrowthMiB: round(r.peakRssMiB - r.rssBaselineMiB),
      };
      ctx.log(
        `offline, ${n} edits per side: converged in ${out.convergeMs} ms (${out.exchangedKiB} KiB; plain copy ${out.plainCopyMs} ms); shared write ${out.ratioSharedToUnsharedWriteTime}x an unshared one; peak RSS ${out.peakRssMiB} MiB (+${out.peakRssGrowthMiB} over the vaults before the edits)`,
      );
      runs.push(out);
    }
    const compaction = [];
    for (const n of EDITS) {
      const r = child<Rounds>('rounds', n, ctx.tmp);
      const out = {
        editsPerSide: n,
        exchanges: (n / 10) * 3,
        workMs: round(r.workMs),
        segmentFilesBefore: r.segmentFilesBefore,
        segmentKiBBefore: round(r.segmentKiBBefore),
        segmentFilesAfter: r.segmentFilesAfter,
        segmentKiBAfter: round(r.segmentKiBAfter),
        folderShrinkRatio: round(r.segmentKiBBefore / r.segmentKiBAfter, 2),
        compactMs: round(r.compactMs),
        plainCopyOfBeforeMs: round(r.plainCopyOfBeforeMs, 2),
        ratioCompactToPlainCopyTime: round(r.compactMs / r.plainCopyOfBeforeMs),
        newMemberJoinMs: round(r.joinMs),
        peakRssMiB: round(r.peakRssMiB),
        peakRssGrowthMiB: round(r.peakRssMiB - r.rssBaselineMiB),
        peakRssSmallNurseryMiB: round(child<Rounds>('rounds', n, ctx.tmp, SMALL_NURSERY).peakRssMiB),
      };
      ctx.log(
        `online, ${n} edits per side in ${out.exchanges} exchanges: folder ${out.segmentFilesBefore} segment files / ${out.segmentKiBBefore} KiB, compacted in ${out.compactMs} ms to ${out.segmentFilesAfter} / ${out.segmentKiBAfter} KiB; a new member joined in ${out.newMemberJoinMs} ms; peak RSS ${out.peakRssMiB} MiB (${out.peakRssSmallNurseryMiB} MiB with V8's nursery capped)`,
      );
      compaction.push(out);
    }
    const [small, big] = runs as [(typeof runs)[0], (typeof runs)[0]];
    const [cSmall, cBig] = compaction as [(typeof compaction)[0], (typeof compaction)[0]];
    return {
      notes: [
        'Each run in a child process of its own (peak RSS = its kernel high-water mark). Two vaults in that process.',
        'Offline: each side makes N edits apart (notes made and corrected, the case summary), then A sends, B applies and sends, A applies (three `sync` calls through a local folder). Reference: a plain copy (+ fsync) of as many bytes as the exchange put into the folder, and the same N edits to a case that is not shared, both in the same run.',
        'Online with compaction: an exchange each after every 10 edits a side; the segment files are measured, compacted into signed, sealed snapshots (`sync.compact`), measured again; then a third member joins and converges from the snapshots.',
        'peakRssSmallNurseryMiB: the same online run again with V8 semi-spaces capped at 4 MiB (--max-semi-space-size=4), to tell V8 enlarging its young generation under allocation from memory held.',
      ],
      runs,
      compaction,
      growth: {
        editsRatio: round(big.editsPerSide / small.editsPerSide, 2),
        convergeTimeRatio: round(big.convergeMs / small.convergeMs, 2),
        peakRssRatio: round(big.peakRssMiB / small.peakRssMiB, 2),
        peakRssGrowthRatio: round(Math.max(big.peakRssGrowthMiB, 1) / Math.max(small.peakRssGrowthMiB, 1), 2),
        onlinePeakRssRatio: round(cBig.peakRssMiB / cSmall.peakRssMiB, 2),
        onlinePeakRssRatioSmallNursery: round(cBig.peakRssSmallNurseryMiB / cSmall.peakRssSmallNurseryMiB, 2),
        compactedFolderRatio: round(cBig.segmentKiBAfter / cSmall.segmentKiBAfter, 2),
      },
    };
  },
};

export default bench;
