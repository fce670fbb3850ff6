import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../shared/errors';

/** Maps OS write errors to stable codes with a message a lawyer can act on. */
export function ioError(e: unknown, what: string): SaktaError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new SaktaError('DISK_FULL', `The disk is full: ${what} was not written. Nothing was changed.`);
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return new SaktaError('READ_ONLY', `The folder cannot be written to: ${what} was not written. Nothing was changed.`);
  return new SaktaError('IO_ERROR', `A disk error stopped ${what} (${code ?? 'unknown'}). Nothing was changed.`);
}

export function fsyncDir(dir: string): void {
  // Directories cannot be opened for fsync on Windows; there the rename is already durable enough.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `data` to `target` all-or-nothing: a temp file beside it, fsync, rename over, fsync the folder.
 * A crash at any point leaves either the old file or the new one, never a mix.
 */
export function writeFileAtomic(target: string, data: Uint8Array | string, what = path.basename(target)): void {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
    fsyncDir(dir);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* the temp file may never have existed */
    }
    throw ioError(e, what);
  }
}

export function ensureDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}
