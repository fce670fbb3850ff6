import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir, ioError } from '../base/fs-atomic';
import { HEADER_AREA_BYTES, HEADER_FILE_BYTES, parseHeaderText, serializeHeader, type HeaderBody, type HeaderState } from './header';

/**
 * Writes to the header file in place, never by rename: a renamed-away header keeps its old key slots in
 * free disk blocks, where a forensic examiner finds them (issue 12). Overwriting the same blocks does not
 * leave that copy on ext4, NTFS or HFS+; on copy-on-write file systems and SSDs see docs/travel-safety.md.
 */

function areaBytes(body: HeaderBody): Buffer {
  const area = Buffer.alloc(HEADER_AREA_BYTES);
  serializeHeader(body).copy(area);
  return area;
}

function noise(n: number): Buffer {
  const b = Buffer.alloc(n);
  randomFillSync(b);
  return b;
}

function writeAt(fd: number, data: Buffer, offset: number): void {
  let done = 0;
  while (done < data.length) done += fs.writeSync(fd, data, done, data.length - done, offset + done);
}

/** A new header file: area 0 holds the header, area 1 random bytes. The caller fsyncs the folder. */
export function createHeaderFile(file: string, body: HeaderBody): void {
  try {
    const fd = fs.openSync(file, 'wx', 0o600);
    try {
      writeAt(fd, Buffer.concat([areaBytes(body), noise(HEADER_AREA_BYTES)]), 0);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fsyncDir(path.dirname(file));
  } catch (e) {
    throw ioError(e, 'the vault header');
  }
}

/**
 * Makes `next` the current header: write it into the area that does not hold the current one, fsync
 * (from here on it is current: its generation is higher), read it back, then overwrite the old area with
 * random bytes and fsync again. A crash before the first fsync leaves the old header current; after it,
 * the new one. Returns the new state.
 */
export function commitHeader(file: string, current: HeaderState, next: HeaderBody): HeaderState {
  if (next.generation <= current.body.generation) throw new Error('a new header needs a higher generation');
  const target = current.area === 0 ? 1 : 0;
  try {
    const fd = fs.openSync(file, 'r+');
    try {
      writeAt(fd, areaBytes(next), target * HEADER_AREA_BYTES);
      fs.fsyncSync(fd);
      // Verify what reached the disk before destroying the only other copy of the keys.
      const check = Buffer.alloc(HEADER_AREA_BYTES);
      fs.readSync(fd, check, 0, HEADER_AREA_BYTES, target * HEADER_AREA_BYTES);
      const reread = parseHeaderText(check);
      if (reread.generation !== next.generation) throw new Error('header did not read back');
      writeAt(fd, noise(HEADER_AREA_BYTES), current.area * HEADER_AREA_BYTES);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // A format-1 file grew to two areas: make the new size durable too.
    if (current.fileSize !== HEADER_FILE_BYTES) fsyncDir(path.dirname(file));
  } catch (e) {
    throw ioError(e, 'the vault header');
  }
  return { body: next, area: target, fileSize: HEADER_FILE_BYTES };
}

/** Emergency erase: both areas (the whole file) overwritten with random bytes in place, then fsynced. */
export function eraseHeaderFile(file: string): number {
  const fd = fs.openSync(file, 'r+');
  try {
    const size = Math.max(fs.fstatSync(fd).size, HEADER_FILE_BYTES);
    writeAt(fd, noise(size), 0);
    fs.fsyncSync(fd);
    return size;
  } finally {
    fs.closeSync(fd);
  }
}
