import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import type { Crypto } from '../../crypto/types';
import { blobFilePath } from '../../blobs/blob-format';
import { ensureDir, fsyncDir } from '../../base/fs-atomic';
import { DB_FILE, HEADER_FILE, vaultPaths } from '../../vault/layout';
import { VaultService } from '../vault-service';
import { copyFileHashed } from './files';
import { backupPaths, listSnapshots, resolveBackupRoot } from './layout';
import { checkSnapshot, manifestFilePath } from './verify';

export interface RestoreOptions {
  crypto: Crypto;
  from: string;
  vaultDir: string;
  snapshot?: string;
  /** When given, the restored vault is opened and checked page by page before success is declared. */
  passphrase?: string;
  allowTestKdf?: boolean;
  signal?: AbortSignal;
}

export interface RestoreResult {
  vaultDir: string;
  snapshot: string;
  vaultId: string;
  files: number;
  bytes: number;
  /** True when the restored vault was opened with the passphrase and passed its checks. */
  opened: boolean;
  /** Stored files the database lists but the backup never had (they were missing from the vault when it was backed up). */
  warnings: string[];
}

/**
 * Restores a snapshot into an empty (or new) folder. The snapshot is verified against its signed manifest
 * first; each file is hashed again as it is copied; the header goes in last, so an interrupted restore
 * never leaves something that looks like a vault. On any failure the folder is emptied again.
 */
export async function restoreBackup(o: RestoreOptions): Promise<RestoreResult> {
  const paths = backupPaths(resolveBackupRoot(o.from));
  const target = path.resolve(o.vaultDir);
  let existed = false;
  try {
    existed = fs.statSync(target).isDirectory();
    if (!existed) throw new SaktaError('VAULT_EXISTS', 'The restore target is a file, not a folder.');
    if (fs.readdirSync(target).length > 0) throw new SaktaError('VAULT_EXISTS', 'Restore into an empty folder: that one is not empty.');
  } catch (e) {
    if (e instanceof SaktaError) throw e;
  }

  const names = listSnapshots(paths);
  if (names.length === 0) throw new SaktaError('NOT_FOUND', 'That backup folder holds no snapshots.');
  let chosen: Awaited<ReturnType<typeof checkSnapshot>> | null = null;
  if (o.snapshot) {
    if (!names.includes(o.snapshot)) throw new SaktaError('NOT_FOUND', `There is no snapshot named ${o.snapshot}.`);
    chosen = await checkSnapshot(o.crypto, paths, o.snapshot);
    if (!chosen.check.ok) throw new SaktaError('INTEGRITY', `Snapshot ${o.snapshot} failed its check: ${chosen.check.problems[0]}. Nothing was restored.`);
  } else {
    // The newest snapshot that verifies: a damaged latest one should not block the lawyer's work.
    const problems: string[] = [];
    for (const n of [...names].reverse()) {
      const c = await checkSnapshot(o.crypto, paths, n);
      if (c.check.ok) {
        chosen = c;
        break;
      }
      problems.push(c.check.problems[0]!);
    }
    if (!chosen) throw new SaktaError('INTEGRITY', `No snapshot in that backup verifies (${problems[0]}). Nothing was restored.`);
  }
  const body = chosen.body!;
  const name = chosen.check.snapshot;
  const vp = vaultPaths(target);

  let bytes = 0;
  try {
    ensureDir(vp.dir);
    ensureDir(vp.blobs);
    ensureDir(vp.tmp);
    const copyChecked = async (rel: string, dest: string) => {
      const want = body.files.find((f) => f.path === rel)!;
      const got = await copyFileHashed(manifestFilePath(paths, name, rel), dest, { signal: o.signal, what: 'the restored vault' });
      if (got.sha256 !== want.sha256 || got.size !== want.size) {
        throw new SaktaError('INTEGRITY', `${rel} changed while it was restored (checksum mismatch). Nothing was restored.`);
      }
      bytes += got.size;
    };
    for (const f of body.files) {
      const m = /^blobs\/[0-9a-f]{2}\/([0-9a-f]{32})\.skb$/.exec(f.path);
      if (m) await copyChecked(f.path, blobFilePath(vp.blobs, m[1]!));
    }
    await copyChecked(DB_FILE, vp.db);
    await copyChecked(HEADER_FILE, vp.header);
    fsyncDir(vp.dir);

    let opened = false;
    let warnings: string[] = [];
    if (o.passphrase !== undefined) {
      warnings = await checkRestored(o, target);
      opened = true;
    }
    return { vaultDir: target, snapshot: name, vaultId: body.vaultId, files: body.files.length, bytes, opened, warnings };
  } catch (e) {
    if (existed) for (const f of fs.readdirSync(target)) fs.rmSync(path.join(target, f), { recursive: true, force: true });
    else fs.rmSync(target, { recursive: true, force: true });
    throw e;
  }
}

/** Opens the restored vault, checks every database page and that every stored file is there at its size. */
async function checkRestored(o: RestoreOptions, dir: string): Promise<string[]> {
  const vault = new VaultService({ dir, crypto: o.crypto, allowTestKdf: o.allowTestKdf });
  await vault.unlock(o.passphrase!);
  try {
    const problems = vault.checkDatabase();
    if (problems.length) throw new SaktaError('INTEGRITY', `The restored database is damaged: ${problems[0]}. Nothing was restored.`);
    const { db, paths } = vault.current();
    const rows = db.prepare('SELECT id, cipher_size FROM blobs').all() as { id: string; cipher_size: number }[];
    const warnings: string[] = [];
    for (const r of rows) {
      let size: number;
      try {
        size = fs.statSync(blobFilePath(paths.blobs, r.id)).size;
      } catch {
        warnings.push(`stored file ${r.id} was not in the backup (it was already missing from the vault)`);
        continue;
      }
      if (size !== r.cipher_size) throw new SaktaError('INTEGRITY', `Stored file ${r.id} is incomplete in the restored vault. Nothing was restored.`);
    }
    return warnings;
  } finally {
    vault.lock('shutdown');
  }
}
