import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { fsyncDir, ioError } from '../../vault/fs-atomic';
import { vaultPaths } from '../../vault/layout';

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
 * (passphrase slot and recovery slot), so it is overwritten with random bytes, synced and deleted before
 * anything else: from that moment neither the passphrase nor the recovery key can decrypt anything, even
 * if the rest of the erase is interrupted. Then the database, its WAL and SHM, every blob and temp file are
 * overwritten and deleted, and the folder is removed.
 *
 * On SSDs and journaling file systems an overwrite may land in fresh flash cells, so the overwrite of the
 * bulk data is defence in depth; the guarantee rests on the destroyed key slots.
 * Close the vault (VaultService.lock) before calling this.
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
  if (!present || !present.some((e) => e === 'vault.header' || e === 'vault.db')) {
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

  // 1. The key slots: header (and a half-written next header), synced to disk, then unlinked.
  for (const f of [vp.header, vp.headerNext, ...present.filter((e) => /^\.vault\.header/.test(e)).map((e) => path.join(vp.dir, e))]) destroy(f);
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
