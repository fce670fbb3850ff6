import { snapshotTime } from './layout';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * Which snapshots to keep: the newest `keepLast`, plus the newest snapshot in each of the last `keepWeekly`
 * seven-day windows counted back from `now`. Pure, so the policy is tested without a disk.
 * `names` may be in any order; the result is the set of names to delete, oldest first.
 */
export function snapshotsToPrune(names: string[], now: number, keepLast: number, keepWeekly: number): string[] {
  const newestFirst = [...names].sort().reverse();
  const keep = new Set(newestFirst.slice(0, Math.max(1, keepLast)));
  for (let w = 0; w < keepWeekly; w++) {
    const hi = now - w * WEEK_MS;
    const lo = hi - WEEK_MS;
    const inWeek = newestFirst.find((n) => {
      const t = snapshotTime(n);
      return t > lo && t <= hi;
    });
    if (inWeek) keep.add(inWeek);
  }
  return newestFirst.filter((n) => !keep.has(n)).reverse();
}
