import fs from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import { SaktaError } from '../../../shared/errors';
import { ioError } from '../../base/fs-atomic';

const STALE_FOREIGN_MS = 6 * 3600 * 1000;

// The lock file lives on a removable disk another machine may have written: anything malformed counts as stale.
const LockFileSchema = z.object({
  pid: z.number().int().positive().optional(),
  host: z.string().max(255).optional(),
  at: z.number().optional(),
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One writer per backup folder (two laptops may share a USB stick): a lock file with pid and host.
 * A lock left by a dead process on this host, or an old one from another host, is taken over.
 */
export function acquireFolderLock(file: string, now = Date.now()): () => void {
  const mine = JSON.stringify({ pid: process.pid, host: os.hostname(), at: now });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx', mode: 0o600 });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(e, 'the backup');
    }
    let held: z.infer<typeof LockFileSchema> = {};
    try {
      held = LockFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8'))).data ?? {};
    } catch {
      /* unreadable: treat as stale */
    }
    const sameHost = held.host === os.hostname();
    const stale = sameHost ? !(typeof held.pid === 'number' && alive(held.pid)) : !(typeof held.at === 'number' && now - held.at < STALE_FOREIGN_MS);
    if (!stale) throw new SaktaError('CONFLICT', 'Another backup is being written to that folder right now. Try again when it has finished.');
    fs.rmSync(file, { force: true });
  }
  throw new SaktaError('CONFLICT', 'The backup folder is locked by another backup.');
}
