import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';

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
