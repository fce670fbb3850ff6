import fs from 'node:fs';

/**
 * SQLite silently ignores the write-ahead log from the first frame whose checksum fails, treating it as the
 * torn tail of a crash. That is right for a torn tail but would hide damage or tampering in the middle: the
 * transactions after it would vanish without a word. With synchronous=FULL a commit is fsynced before it is
 * acknowledged, so a bad frame FOLLOWED by a valid commit frame of the same WAL generation cannot be a torn write.
 * This check finds exactly that case (format: sqlite.org/fileformat2.html#walformat).
 */
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

function checksum(buf: Buffer, start: number, end: number, bigEndian: boolean, s: [number, number]): [number, number] {
  let [s0, s1] = s;
  for (let i = start; i < end; i += 8) {
    const x0 = bigEndian ? buf.readUInt32BE(i) : buf.readUInt32LE(i);
    const x1 = bigEndian ? buf.readUInt32BE(i + 4) : buf.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

/** Returns a sentence describing the damage, or null when the WAL is intact or merely has a torn tail. */
export function checkWal(file: string): string | null {
  let wal: Buffer;
  try {
    wal = fs.readFileSync(file);
  } catch {
    return null; // no WAL: nothing to check
  }
  if (wal.length < WAL_HEADER) return null;
  const magic = wal.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return 'the write-ahead log has an unknown header';
  const bigEndian = magic === 0x377f0683;
  const pageSize = wal.readUInt32BE(8);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return 'the write-ahead log header is damaged';
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  let s = checksum(wal, 0, 24, bigEndian, [0, 0]);
  // A damaged header makes SQLite ignore the whole log; whether that hides acknowledged commits is judged below.
  let brokenAt: number | null = s[0] !== wal.readUInt32BE(24) || s[1] !== wal.readUInt32BE(28) ? 0 : null;
  const frameSize = FRAME_HEADER + pageSize;
  for (let off = WAL_HEADER, frame = 1; off + frameSize <= wal.length; off += frameSize, frame++) {
    const sameGeneration = wal.readUInt32BE(off + 8) === salt1 && wal.readUInt32BE(off + 12) === salt2;
    if (!sameGeneration) break; // leftovers of an older generation: SQLite ignores them by design
    const isCommit = wal.readUInt32BE(off + 4) !== 0;
    if (brokenAt !== null) {
      if (isCommit) return `the write-ahead log is damaged or was altered at frame ${brokenAt} (a later, acknowledged commit follows it)`;
      continue;
    }
    s = checksum(wal, off, off + 8, bigEndian, s);
    s = checksum(wal, off + FRAME_HEADER, off + frameSize, bigEndian, s);
    if (s[0] !== wal.readUInt32BE(off + 16) || s[1] !== wal.readUInt32BE(off + 20)) brokenAt = frame;
  }
  return null;
}
