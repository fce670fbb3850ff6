import fs from 'node:fs';
import path from 'node:path';

/**
 * What Syncthing does between two members' copies of a case folder, reduced to its effect on files: a file new on
 * one side is copied to the other (written under a dot-name, then renamed, as Syncthing does), and a file deleted
 * on one side is deleted on the other. A file both sides once held and one side now lacks was deleted there; a
 * file never held by both is new. Each pass may move only some of what is pending, in a random order, so a
 * deletion can reach a member before the file written with it (Syncthing promises no order between files).
 */
export class FolderCarrier {
  /** Per link, the names both sides held at some point (Syncthing's index of the shared folder). */
  private readonly known = new Map<string, Set<string>>();

  /** Deletions carried so far (compaction's removed segments reaching another copy). */
  deletions = 0;

  constructor(private readonly folders: readonly string[]) {}

  /**
   * One pass along the link between copies `i` and `j`: what is pending, shuffled by `rnd`; all of it when
   * `all`, otherwise a random part. Returns how many copies and deletions it made.
   */
  carry(i: number, j: number, rnd: () => number, all = false): number {
    const key = i < j ? `${i}|${j}` : `${j}|${i}`;
    const known = this.known.get(key) ?? new Set<string>();
    this.known.set(key, known);
    const [a, b] = [this.folders[i]!, this.folders[j]!];
    const inA = new Set(files(a));
    const inB = new Set(files(b));
    const ops: (() => void)[] = [];
    for (const name of new Set([...inA, ...inB])) {
      if (inA.has(name) && inB.has(name)) {
        known.add(name);
        continue;
      }
      const [has, lacks] = inA.has(name) ? [a, b] : [b, a];
      ops.push(
        known.has(name)
          ? () => {
              fs.rmSync(path.join(has, name), { force: true });
              known.delete(name);
              this.deletions++;
            }
          : () => {
              const tmp = path.join(lacks, `.syncthing.${name}.tmp`);
              fs.copyFileSync(path.join(has, name), tmp);
              fs.renameSync(tmp, path.join(lacks, name));
              known.add(name);
            },
      );
    }
    // Fisher-Yates with the seeded generator: the order files move in is part of the seed.
    for (let k = ops.length - 1; k > 0; k--) {
      const r = Math.floor(rnd() * (k + 1));
      [ops[k], ops[r]] = [ops[r]!, ops[k]!];
    }
    const n = all ? ops.length : Math.floor(rnd() * (ops.length + 1));
    for (const op of ops.slice(0, n)) op();
    return n;
  }
}

const files = (dir: string) => fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
