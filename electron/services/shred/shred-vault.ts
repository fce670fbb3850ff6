import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { fsyncDir, ioError } from '../../base/fs-atomic';
import { eraseHeaderFile } from '../../vault/header-file';
import { DB_FILE, HEADER_FILE, vaultPaths } from '../../vault/layout';

export interface ShredResult {
  filesRemoved: number;
  bytesOverwritten: number;
  /** Entries that are not part of a vault and were left alone (the folder is then kept). */
  leftAlone: string[];
  folderRemoved: boolean;
}

const CHUNK = 1024 * 1024;

/** Overwrites a file's bytes in place with random data and forces them to the disk. */
function overwrite(file: string, noise: Buffer): number {
  const fd = fs.openSync(file, 'r+');
  try {
    const size = fs.fstatSync(fd).size;
    for (let off = 0; off < size; off += CHUNK) fs.writeSync(fd, noise, 0, Math.min(CHUNK, size - off), off);
    fs.fsyncSync(fd);
    return size;
  } finally {
    fs.closeSync(fd);
  }
}

/** Names in a vault folder that belong to Sakta: the only things shred touches. */
const VAULT_ENTRY = /^(vault\.header|vault\.header\.next|vault\.db|vault\.db-wal|vault\.db-shm|vault\.db-journal|blobs|tmp|\.vault\.header(\.next)?\.\d+\.\d+\.tmp)$/;

/**
 * Emergency erase (crypto-shredding first). The header holds the only wrapped copies of the master key
 * (passphrase slot and recovery slot, in one of its two areas), so both areas are overwritten in place with
 * random bytes and synced before anything else, then the file is deleted: from that moment neither the
 * passphrase nor the recovery key can decrypt anything, even if the rest of the erase is interrupted. Then
 * the database, its WAL and SHM, every blob and temp file are overwritten and deleted, and the folder is removed.
 *
 * What this cannot reach (docs/travel-safety.md): an SSD's firmware may put an overwrite in fresh flash cells
 * and keep the old ones until it reuses them; copy-on-write file systems (APFS, btrfs, ZFS) and their
 * snapshots, Time Machine or other backups, and old disk images keep their own copies. Full-disk encryption
 * is the layer beneath that covers those. Close the vault (VaultService.lock) before calling this.
 */
export function shredVault(dir: string): ShredResult {
  const vp = vaultPaths(path.resolve(dir));
  const present = (() => {
    try {
      return fs.readdirSync(vp.dir);
    } catch {
      return null;
    }
  })();
  if (!present || !present.some((e) => e === HEADER_FILE || e === DB_FILE)) {
    // Never erase a folder that is not a vault: a typo in --vault must not wipe someone's home folder.
    throw new SaktaError('VAULT_NOT_FOUND', 'No vault was found in that folder; nothing was erased.');
  }
  const noise = Buffer.alloc(CHUNK);
  randomFillSync(noise);
  let filesRemoved = 0;
  let bytesOverwritten = 0;
  const destroy = (file: string) => {
    try {
      bytesOverwritten += overwrite(file, noise);
      fs.rmSync(file, { force: true });
      filesRemoved++;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw ioError(e, 'the erase');
    }
  };

  // 1. The key slots: both header areas overwritten in place and synced, then the file unlinked; likewise a
  //    format-1 vault's half-written next header.
  try {
    bytesOverwritten += eraseHeaderFile(vp.header);
    fs.rmSync(vp.header, { force: true });
    filesRemoved++;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(e, 'the erase');
  }
  for (const f of [vp.headerNext, ...present.filter((e) => /^\.vault\.header/.test(e)).map((e) => path.join(vp.dir, e))]) destroy(f);
  fsyncDir(vp.dir);

  // 2. Everything else the vault owns.
  for (const f of [vp.db, `${vp.db}-wal`, `${vp.db}-shm`, `${vp.db}-journal`]) destroy(f);
  for (const sub of [vp.blobs, vp.tmp]) {
    const walk = (d: string) => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(d, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else destroy(p);
      }
      fs.rmSync(d, { recursive: true, force: true });
    };
    walk(sub);
  }
  const leftAlone = fs.readdirSync(vp.dir).filter((e) => !VAULT_ENTRY.test(e));
  let folderRemoved = false;
  if (leftAlone.length === 0) {
    fs.rmSync(vp.dir, { recursive: true, force: true });
    try {
      fsyncDir(path.dirname(vp.dir));
    } catch {
      /* the parent may not be ours to open */
    }
    folderRemoved = true;
  }
  return { filesRemoved, bytesOverwritten, leftAlone, folderRemoved };
}
