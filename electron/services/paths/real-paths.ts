import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';

/**
 * Every check on a path the user (or a dialog) gave is made on its REAL path: symlinks in the file and in
 * each folder above it resolved first, so `a-link-to-the-vault/vault.header` is seen as the vault header
 * and `/proc/self/environ` as /proc/<pid>/environ. Comparing the strings as typed is what let an export
 * through a symlink overwrite the vault header.
 */

/** Kernel pseudo-filesystems: their "files" are process memory, devices and settings, never evidence. */
const PSEUDO_ROOTS = process.platform === 'win32' ? [] : ['/proc', '/sys', '/dev'];

const name = (p: string) => path.basename(p) || p;

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realOrNull(p: string): string | null {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return null;
  }
}

/** The vault folder by its real path (the folder may itself be reached through a symlink). */
export function realVaultDir(vaultDir: string): string {
  return realOrNull(vaultDir) ?? path.resolve(vaultDir);
}

export interface SourceFile {
  /** The real path: what is read, so a symlink swapped after the check reads nothing else. */
  path: string;
  /** The name the user saw (of the path given, not of the link's target). */
  name: string;
  size: number;
}

/**
 * A file to import: absolute, resolving to a regular, readable file outside the kernel's pseudo-filesystems.
 * A folder, a device, a FIFO (which would block the read forever), a socket or /proc is refused.
 */
export function checkSourceFile(given: string): SourceFile {
  if (!path.isAbsolute(given)) throw new SaktaError('VALIDATION', 'A file to add must be given by its full path.', { paths: 'not an absolute path' });
  const real = realOrNull(given);
  if (real === null) throw new SaktaError('NOT_FOUND', `The file "${name(given)}" was not found.`);
  if (PSEUDO_ROOTS.some((root) => isInside(real, root))) {
    throw new SaktaError('VALIDATION', `"${name(given)}" is not a regular file (it is part of the operating system).`, { paths: 'not a regular file' });
  }
  // lstat of the real path: no link is left to follow, and stat never opens (a FIFO would block an open).
  const st = fs.lstatSync(real);
  if (!st.isFile()) throw new SaktaError('VALIDATION', `"${name(given)}" is not a regular file.`, { paths: 'not a regular file' });
  try {
    fs.accessSync(real, fs.constants.R_OK);
  } catch {
    throw new SaktaError('IO_ERROR', `The file "${name(given)}" cannot be read (permission denied).`);
  }
  return { path: real, name: name(given), size: st.size };
}

export interface ExportTarget {
  /** The real folder joined with the file name: what is written. */
  path: string;
  /** A file is already there (only with `force`). */
  replaces: boolean;
}

/**
 * Where a decrypted copy may be written: in an existing folder outside the vault (both by real path), not
 * onto a folder, a device or a link into the vault, and not over an existing file unless `force`.
 * `field` names the request field in the error, for the form that shows it.
 */
export function checkExportTarget(given: string, vaultDir: string, opts: { force?: boolean; field?: string; what?: string } = {}): ExportTarget {
  const field = opts.field ?? 'out';
  const what = opts.what ?? 'A decrypted copy';
  if (!path.isAbsolute(given)) throw new SaktaError('VALIDATION', 'Give the full path of the file to write.', { [field]: 'not absolute' });
  const base = path.basename(given);
  if (!base || base === '.' || base === '..') throw new SaktaError('VALIDATION', 'Give the name of the file to write.', { [field]: 'no file name' });
  const folder = realOrNull(path.dirname(path.resolve(given)));
  if (folder === null) throw new SaktaError('NOT_FOUND', `The folder for ${base} does not exist.`, { [field]: 'no such folder' });
  if (!fs.statSync(folder).isDirectory()) throw new SaktaError('VALIDATION', `${base} must go in a folder.`, { [field]: 'not a folder' });
  const vault = realVaultDir(vaultDir);
  const insideVault = new SaktaError('VALIDATION', `${what} cannot be written inside the vault folder.`, { [field]: 'inside the vault' });
  if (isInside(folder, vault)) throw insideVault;
  const target = path.join(folder, base);
  let st: fs.Stats | null = null;
  try {
    st = fs.lstatSync(target);
  } catch {
    st = null;
  }
  if (st === null) return { path: target, replaces: false };
  if (st.isSymbolicLink()) {
    const pointee = realOrNull(target);
    if (pointee === null) throw new SaktaError('VALIDATION', `${base} is a link to nothing; choose another name.`, { [field]: 'a broken link' });
    if (isInside(pointee, vault)) throw insideVault;
    st = fs.statSync(pointee);
  }
  if (!st.isFile()) throw new SaktaError('VALIDATION', `${base} exists and is not a regular file; choose another name.`, { [field]: 'not a regular file' });
  if (!opts.force) throw new SaktaError('CONFLICT', `${base} already exists; use --force to replace it.`, { [field]: 'already exists' });
  return { path: target, replaces: true };
}

/** A folder to write backups into: it exists, is a folder, and is neither the vault nor inside it (real paths). */
export function checkTargetFolder(given: string, vaultDir: string, field = 'to'): string {
  if (!path.isAbsolute(given)) throw new SaktaError('VALIDATION', 'Choose a full folder path.', { [field]: 'not absolute' });
  const real = realOrNull(given);
  if (real === null) throw new SaktaError('NOT_FOUND', 'The backup folder does not exist (is the USB disk plugged in?).');
  if (!fs.statSync(real).isDirectory()) throw new SaktaError('VALIDATION', 'The backup destination is not a folder.', { [field]: 'Not a folder' });
  if (isInside(real, realVaultDir(vaultDir))) throw new SaktaError('VALIDATION', 'The backup folder cannot be inside the vault folder.', { [field]: 'Choose another folder' });
  return real;
}
