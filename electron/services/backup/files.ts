import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { ensureDir, fsyncDir, ioError } from '../../base/fs-atomic';

const CHUNK = 1024 * 1024;

export const cancelledError = () => new SaktaError('CANCELLED', 'The backup was cancelled. No partial backup was left behind.');

/**
 * Copies `src` to `dest` all-or-nothing (a temp name beside it, fsync, rename, fsync the folder) and
 * returns the SHA-256 and size of the bytes written. Checks `signal` between chunks.
 */
export async function copyFileHashed(
  src: string,
  dest: string,
  opts: { signal?: AbortSignal; onBytes?: (n: number) => void; what?: string } = {},
): Promise<{ sha256: string; size: number }> {
  const dir = path.dirname(dest);
  ensureDir(dir);
  const tmp = path.join(dir, `.${path.basename(dest)}.${process.pid}.part`);
  const hash = createHash('sha256');
  let size = 0;
  let input: fs.promises.FileHandle | undefined;
  let output: fs.promises.FileHandle | undefined;
  try {
    input = await fs.promises.open(src, 'r');
    output = await fs.promises.open(tmp, 'w', 0o600);
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      if (opts.signal?.aborted) throw cancelledError();
      const { bytesRead } = await input.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const piece = buf.subarray(0, bytesRead);
      hash.update(piece);
      await output.write(piece);
      size += bytesRead;
      opts.onBytes?.(bytesRead);
    }
    await output.sync();
    await output.close();
    output = undefined;
    await input.close();
    input = undefined;
    fs.renameSync(tmp, dest);
    fsyncDir(dir);
    return { sha256: hash.digest('hex'), size };
  } catch (e) {
    await output?.close().catch(() => {});
    await input?.close().catch(() => {});
    fs.rmSync(tmp, { force: true });
    if (e instanceof SaktaError) throw e;
    throw ioError(e, opts.what ?? 'the backup');
  }
}

/** The same, synchronously: for the database copy, which must finish before anything else in this process writes. */
export function copyFileHashedSync(src: string, dest: string, what = 'the backup'): { sha256: string; size: number } {
  const dir = path.dirname(dest);
  ensureDir(dir);
  const tmp = path.join(dir, `.${path.basename(dest)}.${process.pid}.part`);
  const hash = createHash('sha256');
  let size = 0;
  let fin: number | undefined;
  let fout: number | undefined;
  try {
    fin = fs.openSync(src, 'r');
    fout = fs.openSync(tmp, 'w', 0o600);
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = fs.readSync(fin, buf, 0, CHUNK, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      let off = 0;
      while (off < n) off += fs.writeSync(fout, buf, off, n - off);
      size += n;
    }
    fs.fsyncSync(fout);
    fs.closeSync(fout);
    fout = undefined;
    fs.closeSync(fin);
    fin = undefined;
    fs.renameSync(tmp, dest);
    fsyncDir(dir);
    return { sha256: hash.digest('hex'), size };
  } catch (e) {
    if (fout !== undefined) fs.closeSync(fout);
    if (fin !== undefined) fs.closeSync(fin);
    fs.rmSync(tmp, { force: true });
    throw ioError(e, what);
  }
}

/** SHA-256 and size of a file, streamed. */
export async function hashFile(file: string, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      if (signal?.aborted) throw cancelledError();
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      size += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return { sha256: hash.digest('hex'), size };
}

/** Every file under `dir`, as paths relative to it with "/" separators. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const d of entries) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(r);
      else out.push(r);
    }
  };
  walk('');
  return out;
}
