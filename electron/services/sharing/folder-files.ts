import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { ensureDir, ioError, writeFileAtomic } from '../../base/fs-atomic';
import { hex } from '../../base/encoding';
import type { Crypto } from '../../crypto/types';

/**
 * The sync folder as the carrier sees it: flat files with random 32-hex names, one writer each, never rewritten.
 * The extension says only which of four kinds a file is (offer, key envelope, segment, stored file).
 */
export const EXT = { offer: 'sko', envelope: 'ske', segment: 'sks', blob: 'skf' } as const;
export type FolderFileKind = keyof typeof EXT;

/** Segments and envelopes larger than this are not read (a hostile folder must not exhaust memory). */
export const MAX_SEALED_FILE = 256 * 1024 * 1024;

const KIB = 1024;
const MIB = 1024 * KIB;

/** Sizes a file is padded to: powers of two from 4 KiB to 1 MiB, then whole MiB, so a size tells little. */
export function bucketSize(n: number): number {
  if (n <= 4 * KIB) return 4 * KIB;
  if (n <= MIB) return 2 ** Math.ceil(Math.log2(n));
  return Math.ceil(n / MIB) * MIB;
}

export function randomName(crypto: Crypto, kind: FolderFileKind): string {
  return `${hex(crypto.randomBytes(16))}.${EXT[kind]}`;
}

/** Names of one kind in the folder, sorted (temp files of atomic writes start with a dot and are skipped). */
export function listFolder(folder: string, kind: FolderFileKind): string[] {
  const re = new RegExp(`^[0-9a-f]{32}\\.${EXT[kind]}$`);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw ioError(e, 'the sync folder listing');
  }
  return names.filter((n) => re.test(n)).sort();
}

/** Writes a new folder file all-or-nothing (temp file, fsync, rename), so a reader never sees half of it. */
export function writeFolderFile(folder: string, name: string, bytes: Uint8Array): void {
  try {
    ensureDir(folder);
  } catch (e) {
    throw ioError(e, 'the sync folder');
  }
  writeFileAtomic(path.join(folder, name), bytes, 'a file in the sync folder');
}

/** Reads a sealed folder file, or null when it vanished or is too large to be one of ours. */
export function readFolderFile(folder: string, name: string): Buffer | null {
  const p = path.join(folder, name);
  try {
    const st = fs.statSync(p);
    if (!st.isFile() || st.size > MAX_SEALED_FILE) return null;
    return fs.readFileSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw ioError(e, 'a file of the sync folder');
  }
}

export function requireFolder(folder: string | undefined): string {
  if (!folder) throw new SaktaError('BAD_REQUEST', 'No sync folder was given.');
  return path.resolve(folder);
}
