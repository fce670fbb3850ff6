import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { fsyncDir, ioError } from '../../vault/fs-atomic';

/** Where each volume goes: the chosen name for one volume, `name-vol-N.pdf` for several. */
export function volumePaths(outPath: string, count: number): string[] {
  if (count === 1) return [outPath];
  const base = outPath.replace(/\.pdf$/i, '');
  return Array.from({ length: count }, (_, i) => `${base}-vol-${i + 1}.pdf`);
}

export function checkOutPath(outPath: string, vaultDir: string): string {
  const abs = path.resolve(outPath);
  if (!/\.pdf$/i.test(abs)) throw new SaktaError('VALIDATION', 'The bundle file name must end in .pdf.', { outPath: 'Use a .pdf file name' });
  const rel = path.relative(path.resolve(vaultDir), abs);
  // A readable PDF inside the vault folder would defeat the point of the vault.
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) throw new SaktaError('VALIDATION', 'Choose a folder outside the vault for the bundle.', { outPath: 'Outside the vault folder' });
  let st: fs.Stats;
  try {
    st = fs.statSync(path.dirname(abs));
  } catch {
    throw new SaktaError('NOT_FOUND', 'The folder chosen for the bundle does not exist.', { outPath: 'No such folder' });
  }
  if (!st.isDirectory()) throw new SaktaError('VALIDATION', 'The bundle must go in a folder.', { outPath: 'Not a folder' });
  return abs;
}

/**
 * Writes every file of the bundle all-or-nothing: each to a temp file in the SAME folder (so the plaintext
 * never touches another disk or /tmp), fsync, then all renamed into place and the folder synced. Any failure
 * before the renames removes every temp file and leaves the folder as it was.
 */
export function writeBundleFiles(files: { path: string; data: Uint8Array | string }[]): void {
  const temps: { tmp: string; target: string }[] = [];
  try {
    for (const f of files) {
      const tmp = path.join(path.dirname(f.path), `.${path.basename(f.path)}.${randomBytes(6).toString('hex')}.tmp`);
      temps.push({ tmp, target: f.path });
      const fd = fs.openSync(tmp, 'wx', 0o600);
      try {
        fs.writeFileSync(fd, f.data);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
    for (const t of temps) fs.renameSync(t.tmp, t.target);
    for (const dir of new Set(files.map((f) => path.dirname(f.path)))) fsyncDir(dir);
  } catch (e) {
    for (const t of temps) fs.rmSync(t.tmp, { force: true });
    throw e instanceof SaktaError ? e : ioError(e, 'the bundle');
  }
}
