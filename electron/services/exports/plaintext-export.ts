import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SaktaError, isSaktaError } from '../../../shared/errors';
import type { EntityKind } from '../../../shared/ipc/events';
import type { ChangeWriter } from '../changes/change-writer';
import { fsyncDir, ioError } from '../../base/fs-atomic';
import type { VaultSession } from '../vault-service';

/**
 * Every decrypted copy Sakta writes (a document, a case's records, a court bundle) goes through here:
 *
 * 1. The intent is recorded in the audit log (`<action>.started`, with the target and the names of any
 *    temporary parts) and committed BEFORE the first byte is written, so even a `kill -9` leaves a trace.
 * 2. On Linux the bytes go to an unnamed file (O_TMPFILE) in the target folder: a crash frees it with no
 *    name ever on disk. It gets its name at the end by `ln -L /proc/self/fd/3` (linkat with
 *    AT_SYMLINK_FOLLOW, which Node does not expose). Elsewhere, or on a file system without O_TMPFILE, the
 *    bytes go to a hidden `.NAME.<random>.sakta-part` beside the target.
 * 3. fsync, then each file is put in place (no silent replacement: linking fails if the name appeared since),
 *    the folder fsynced, and `<action>` recorded with `started` pointing at the intent.
 *
 * A crash between 1 and 3 leaves an intent with no outcome: `sweepAbandonedExports` (run at every unlock)
 * removes any part it names, and a target holding exactly the bytes this export wrote (a crash between
 * putting it in place and recording that), and records `<action>.abandoned`. An unrecorded copy never stays.
 */
export interface ExportRecord {
  /** e.g. "document.export"; the intent is "<action>.started". */
  action: string;
  entityType: EntityKind;
  entityId: string;
  caseId: string | null;
  detail?: Record<string, unknown>;
}

export interface ExportFile {
  /** The checked real target (see checkExportTarget). */
  target: string;
  replaces: boolean;
  /** What will be written, known beforehand: lets the sweep recognise a copy put in place just before a crash. */
  sha256: string;
  size: number;
  write(fh: fs.promises.FileHandle): Promise<void>;
}

const PART_SUFFIX = '.sakta-part';
/** Linux x86-64/arm64: __O_TMPFILE | O_DIRECTORY (Node has no constant for it). */
const O_TMPFILE = process.platform === 'linux' ? 0o20000000 | fs.constants.O_DIRECTORY : 0;

interface Staged {
  file: ExportFile;
  part: string;
  fh?: fs.promises.FileHandle;
  unnamed: boolean;
  placed?: boolean;
}

/** Export runs of this process still writing: the sweep leaves their intents alone. */
const active = new Set<number>();

function partName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}${PART_SUFFIX}`);
}

async function openUnnamed(dir: string): Promise<fs.promises.FileHandle | null> {
  if (!O_TMPFILE) return null;
  try {
    return await fs.promises.open(dir, O_TMPFILE | fs.constants.O_RDWR, 0o600);
  } catch {
    return null; // the file system has no O_TMPFILE (or not for us): fall back to a named part
  }
}

/** Gives the unnamed file `fh` the name `to`; fails with EEXIST if the name exists. */
function linkUnnamed(fh: fs.promises.FileHandle, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ln', ['-L', '--', '/proc/self/fd/3', to], { stdio: ['ignore', 'ignore', 'pipe', fh.fd], env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' } });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const e = new Error(`ln: ${err.trim()}`) as NodeJS.ErrnoException;
      e.code = /File exists/.test(err) ? 'EEXIST' : /No space/.test(err) ? 'ENOSPC' : /Read-only/.test(err) ? 'EROFS' : /Permission denied/.test(err) ? 'EACCES' : 'EIO';
      reject(e);
    });
  });
}

/** Puts one finished file in place. A name that appeared since the check is never replaced silently. */
async function place(s: Staged): Promise<void> {
  const { target, replaces } = s.file;
  if (s.unnamed) {
    if (!replaces) return linkUnnamed(s.fh!, target);
    await linkUnnamed(s.fh!, s.part); // the named part lives only for the rename below
    fs.renameSync(s.part, target);
    return;
  }
  if (replaces) return fs.renameSync(s.part, target);
  fs.linkSync(s.part, target);
  fs.rmSync(s.part, { force: true });
}

/** One entry on the write path (an access: the case is not "changed"); returns its seq. */
function record(writer: ChangeWriter, session: VaultSession, r: ExportRecord, action: string, detail: Record<string, unknown>): number {
  return writer.write(({ record: append, db }) => {
    append({ action, entityType: r.entityType, entityId: r.entityId, caseId: r.caseId, detail, access: true });
    return (db.prepare('SELECT seq FROM audit_head WHERE id = 1').get() as { seq: number }).seq;
  }, session);
}

/**
 * Writes the files all-or-nothing with the custody steps above. Returns the seq of the intent entry.
 * `session` must stay the open session throughout (a lock in between fails the export, nothing kept).
 */
export async function exportPlaintext(writer: ChangeWriter, session: VaultSession, r: ExportRecord, files: ExportFile[]): Promise<{ started: number }> {
  const staged: Staged[] = files.map((file) => ({ file, part: partName(file.target), unnamed: false }));
  const targets = files.map((f) => f.target);
  // One file: `to` is its path, as custody has always shown it; several (a bundle's volumes): the list.
  const to = targets.length === 1 ? targets[0] : targets;
  const started = record(writer, session, r, `${r.action}.started`, {
    ...r.detail,
    to,
    parts: staged.map((s) => s.part),
    content: files.map((f) => ({ sha256: f.sha256, size: f.size })),
    pid: process.pid,
  });
  active.add(started);
  try {
    for (const s of staged) {
      const dir = path.dirname(s.file.target);
      const unnamed = await openUnnamed(dir);
      s.unnamed = unnamed !== null;
      s.fh = unnamed ?? (await fs.promises.open(s.part, 'wx', 0o600));
      await s.file.write(s.fh);
      await s.fh.sync();
    }
    for (const s of staged) {
      await place(s);
      s.placed = true;
    }
    for (const dir of new Set(targets.map((t) => path.dirname(t)))) fsyncDir(dir);
    for (const s of staged) await s.fh?.close();
    record(writer, session, r, r.action, { ...r.detail, to, started });
    return { started };
  } catch (e) {
    for (const s of staged) {
      await s.fh?.close().catch(() => {});
      fs.rmSync(s.part, { force: true });
      // A file of this run already in place is taken back, unless it replaced one (that one is gone anyway).
      if (s.placed && !s.file.replaces) fs.rmSync(s.file.target, { force: true });
    }
    const err = isSaktaError(e)
      ? e
      : (e as NodeJS.ErrnoException)?.code === 'EEXIST'
        ? new SaktaError('CONFLICT', 'A file with that name appeared while the copy was being written; nothing was replaced.')
        : ioError(e, 'the decrypted copy');
    try {
      record(writer, session, r, `${r.action}.failed`, { started, code: err.code });
    } catch {
      // The vault locked meanwhile: the next unlock's sweep records the outcome.
    }
    throw err;
  } finally {
    active.delete(started);
  }
}

/** A regular file (not followed through a link) of this size whose SHA-256 is `sha256`. */
function sameContent(file: string, sha256: string, size: number): boolean {
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile() || st.size !== size) return false;
    const hash = createHash('sha256');
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.allocUnsafe(1 << 20);
      for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) hash.update(buf.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
    return hash.digest('hex') === sha256;
  } catch {
    return false;
  }
}

interface IntentRow {
  seq: number;
  action: string;
  entity_type: string;
  entity_id: string;
  case_id: string | null;
  detail: string;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Finds exports that started and never finished (the process died), removes any plaintext part they left
 * and records `<action>.abandoned`. Intents of a process still running (this one or another) are left alone.
 */
export function sweepAbandonedExports(writer: ChangeWriter, session: VaultSession): { abandoned: number; removed: number } {
  const { db } = session;
  const intents = db
    .prepare(`SELECT seq, action, entity_type, entity_id, case_id, detail FROM audit_log WHERE action LIKE '%.export.started' ORDER BY seq`)
    .all() as IntentRow[];
  if (intents.length === 0) return { abandoned: 0, removed: 0 };
  const ended = new Set(
    (
      db
        .prepare(`SELECT json_extract(detail, '$.started') AS s FROM audit_log WHERE seq > ? AND json_extract(detail, '$.started') IS NOT NULL`)
        .all(intents[0]!.seq - 1) as { s: number }[]
    ).map((x) => x.s),
  );
  let abandoned = 0;
  let removed = 0;
  for (const i of intents) {
    if (ended.has(i.seq) || active.has(i.seq)) continue;
    let detail: { parts?: unknown; pid?: unknown; to?: unknown; content?: unknown };
    try {
      detail = JSON.parse(i.detail) as typeof detail;
    } catch {
      detail = {};
    }
    if (typeof detail.pid === 'number' && detail.pid !== process.pid && alive(detail.pid)) continue;
    const parts = Array.isArray(detail.parts) ? detail.parts.filter((p): p is string => typeof p === 'string' && p.endsWith(PART_SUFFIX)) : [];
    const gone: string[] = [];
    for (const p of parts) {
      try {
        if (!fs.lstatSync(p).isFile()) continue;
        fs.rmSync(p);
        gone.push(p);
      } catch {
        // Not there: the part was unnamed (O_TMPFILE) or never created.
      }
    }
    // A target with exactly this export's bytes was put in place by it just before the crash: never recorded, so removed.
    const targets = typeof detail.to === 'string' ? [detail.to] : Array.isArray(detail.to) ? detail.to : [];
    const content = Array.isArray(detail.content) ? (detail.content as { sha256?: unknown; size?: unknown }[]) : [];
    targets.forEach((t, n) => {
      const want = content[n];
      if (typeof t !== 'string' || !want || typeof want.sha256 !== 'string' || typeof want.size !== 'number') return;
      if (sameContent(t, want.sha256, want.size)) {
        fs.rmSync(t, { force: true });
        gone.push(t);
      }
    });
    removed += gone.length;
    abandoned++;
    const base = i.action.slice(0, -'.started'.length);
    writer.write(
      ({ record: append }) =>
        append({
          action: `${base}.abandoned`,
          entityType: i.entity_type as EntityKind,
          entityId: i.entity_id,
          caseId: i.case_id,
          detail: { started: i.seq, leftoverRemoved: gone },
          access: true,
        }),
      session,
    );
  }
  return { abandoned, removed };
}
