import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { BACKUP_ROOT_PREFIX, MANIFEST_FILE, SnapshotNameSchema } from '../../../shared/schemas/backup';

/** Paths of one vault's backup folder. */
export function backupPaths(root: string) {
  return {
    root,
    snapshots: path.join(root, 'snapshots'),
    blobs: path.join(root, 'blobs'),
    /** Snapshots being written; emptied before every backup. A snapshot leaves it only when complete. */
    staging: path.join(root, 'tmp'),
    lock: path.join(root, 'backup.lock'),
    snapshot: (name: string) => path.join(root, 'snapshots', name),
    manifest: (name: string) => path.join(root, 'snapshots', name, MANIFEST_FILE),
  };
}
export type BackupPaths = ReturnType<typeof backupPaths>;

export const rootFor = (folder: string, vaultId: string) => path.join(folder, `${BACKUP_ROOT_PREFIX}${vaultId}`);

export function vaultIdOfRoot(root: string): string | null {
  const m = /^sakta-backup-([0-9a-f-]{36})$/.exec(path.basename(root));
  return m ? m[1]! : null;
}

/**
 * Accepts either a `sakta-backup-<id>` folder or the folder that holds one (the USB stick's root), so the
 * lawyer can point at whatever they chose when backing up.
 */
export function resolveBackupRoot(from: string): string {
  const abs = path.resolve(from);
  if (vaultIdOfRoot(abs) && fs.existsSync(path.join(abs, 'snapshots'))) return abs;
  let entries: string[];
  try {
    entries = fs.readdirSync(abs);
  } catch {
    throw new SaktaError('NOT_FOUND', `No backup folder was found at ${from}.`);
  }
  const roots = entries.filter((e) => vaultIdOfRoot(e) && fs.existsSync(path.join(abs, e, 'snapshots')));
  if (roots.length === 0) throw new SaktaError('NOT_FOUND', `No Sakta backup was found in ${from}.`);
  if (roots.length > 1) throw new SaktaError('VALIDATION', `${from} holds backups of several vaults; give the sakta-backup-… folder of the one you want.`);
  return path.join(abs, roots[0]!);
}

/** Snapshot folder names, oldest first (names sort by time). Foreign entries are ignored. */
export function listSnapshots(paths: BackupPaths): string[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(paths.snapshots);
  } catch {
    return [];
  }
  return entries.filter((e) => SnapshotNameSchema.safeParse(e).success).sort();
}

export function snapshotName(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

export function snapshotTime(name: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(name);
  return m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : NaN;
}
