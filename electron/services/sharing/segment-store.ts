import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { SegmentBodySchema, SnapshotBodySchema, type BlobOffer, type SegmentBody, type SyncReport } from '../../../shared/schemas/sharing';
import { b64, fromB64, hex, utf8 } from '../../base/encoding';
import type { Crypto } from '../../crypto/types';
import type { ReadDb } from '../../db/connection';
import type { Write } from '../changes/change-writer';
import type { VaultSession } from '../vault-service';
import { allKeys, currentKey, isActive, member, zeroKeys } from './case-keys';
import { parseJsonBody } from './json-body';
import { SIGN_TAG, signedMessage } from './device-keys';
import { listFolder, randomName, readFolderFile, writeFolderFile } from './folder-files';
import type { DeviceIdentity } from './identity';
import { SIGNATURE_BYTES } from './sealed-frame';
import { openSegment, sealSegment } from './segment-file';
import { coverage, recordAcks, seenBy, type FoundSnapshot } from './snapshots';
import { prep } from '../../db/statements';

/**
 * A verified segment of another member, ready to apply (then `markApplied`); or a verified snapshot of its
 * segments 1…`counter` (`kind` 'snapshot', `hash` the hash of segment `counter`), for a device that lacks some.
 */
export interface Segment {
  kind: 'segment' | 'snapshot';
  file: string;
  caseId: string;
  epoch: number;
  author: string;
  counter: number;
  hlc: string;
  prev: string | null;
  /** BLAKE2b-256 of the signed body (hex): the next segment of the author names it as `prev`. */
  hash: string;
  changes: Uint8Array[];
  blobs: BlobOffer[];
  /** What its author had applied of the other members' segments (its acknowledgements). */
  seen?: Record<string, number>;
}

export interface SegmentStoreDeps {
  crypto: Crypto;
  session: () => VaultSession;
  identity: DeviceIdentity;
}

interface LogRow {
  case_id: string;
  author: string;
  counter: number;
  hash: string;
  file: string;
}

const hashOf = (crypto: Crypto, body: Uint8Array) => hex(crypto.genericHash(32, body));
const rep = (code: SyncReport['code'], file: string | null, message: string, caseId: string | null = null, author: string | null = null, counter: number | null = null): SyncReport => ({
  code,
  file,
  caseId,
  author,
  counter,
  message,
});

/**
 * The shared case's change records in the folder (docs/sync-folder.md). One writer per file, files never rewritten;
 * per (case, author) a counter 1, 2, 3… and a `prev` hash chain. `sharing_segments` lists what this device wrote
 * (with the signed body, so a file lost before it reached the folder is written again) and what it applied, so a
 * re-read skips known files without decrypting them and a folder put back to an older copy is noticed.
 */
export class SegmentStore {
  constructor(private readonly deps: SegmentStoreDeps) {}

  /**
   * Seals `changes` (and the stored files already sent with `BlobCourier.send`) as this device's next segment
   * of the case. The file appears in the folder once the write commits; returns its name.
   */
  writeSegment(w: Write, folder: string, caseId: string, changes: Uint8Array[], blobs: BlobOffer[] = [], opts: { hlc?: string } = {}): string {
    const { crypto, identity } = this.deps;
    const me = identity.require(w.db);
    if (!isActive(member(w.db, caseId, me.deviceId))) throw new SaktaError('CONFLICT', 'This device is not (or no longer) a member of that shared case.');
    const key = currentKey(w.db, caseId);
    if (!key) throw new SaktaError('NOT_FOUND', 'This device holds no key for that case.');
    crypto.memzero(key.key);
    const last = prep(w.db, 'SELECT counter, hash FROM sharing_segments WHERE case_id = ? AND author = ? ORDER BY counter DESC LIMIT 1').get(caseId, me.deviceId) as
      | { counter: number; hash: string }
      | undefined;
    const body: SegmentBody = {
      v: 1,
      caseId,
      epoch: key.epoch,
      author: me.deviceId,
      counter: (last?.counter ?? 0) + 1,
      hlc: opts.hlc ?? w.at,
      prev: last?.hash ?? null,
      changes: changes.map(b64),
      blobs,
      seen: seenBy(w.db, caseId, me.deviceId),
    };
    const bodyBytes = utf8(JSON.stringify(body));
    const signature = identity.withSecrets(w.db, (s) => crypto.signDetached(signedMessage(SIGN_TAG.segment, bodyBytes), s.signSecret));
    const file = randomName(crypto, 'segment');
    prep(w.db, 'INSERT INTO sharing_segments (case_id, author, counter, hash, file, epoch, signed_body, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(caseId, me.deviceId, body.counter, hashOf(crypto, bodyBytes), file, key.epoch, Buffer.concat([bodyBytes, signature]), w.at);
    // What this device acknowledged, kept as others' acknowledgements are: a reader tells compaction from a rollback by it.
    recordAcks(w.db, caseId, me.deviceId, body.seen);
    w.record({ action: 'sharing.segment.write', entityType: 'case', entityId: caseId, caseId, detail: { counter: body.counter, epoch: key.epoch, changes: changes.length, blobs: blobs.length }, access: true });
    w.afterCommit(() => this.publish(folder, w.db, (c) => c === caseId));
    return file;
  }

  /**
   * Writes every segment of this device that is missing from the folder (a crash between the commit and the
   * file, or a folder put back to an older copy); returns their names. `writeSegment` calls it after its commit.
   * `only` limits it to some cases (a case's own Syncthing folder holds that case's segments and no other's).
   */
  publish(folder: string, db: ReadDb = this.deps.session().db, only: (caseId: string) => boolean = () => true): string[] {
    const { crypto, identity } = this.deps;
    const me = identity.get(db);
    if (!me) return [];
    // Names first: every exchange checks them all, and reading each signed body for it made garbage in
    // proportion to the history at every exchange. The body is read only for a file that is missing.
    const rows = prep(db, 'SELECT case_id, author, counter, epoch, file FROM sharing_segments WHERE author = ? AND signed_body IS NOT NULL ORDER BY case_id, counter').all(me.deviceId) as {
      case_id: string;
      author: string;
      counter: number;
      epoch: number;
      file: string;
    }[];
    const written: string[] = [];
    for (const r of rows) {
      if (!only(r.case_id) || fs.existsSync(path.join(folder, r.file))) continue;
      const signed = prep(db, 'SELECT signed_body FROM sharing_segments WHERE case_id = ? AND author = ? AND counter = ?').pluck().get(r.case_id, r.author, r.counter) as Buffer;
      const keyRow = prep(db, 'SELECT key FROM case_keys WHERE case_id = ? AND epoch = ? ORDER BY key_id LIMIT 1').get(r.case_id, r.epoch) as { key: Buffer } | undefined;
      if (!keyRow) continue;
      try {
        const body = signed.subarray(0, signed.length - SIGNATURE_BYTES);
        const sig = signed.subarray(signed.length - SIGNATURE_BYTES);
        writeFolderFile(folder, r.file, sealSegment(crypto, keyRow.key, body, sig));
        written.push(r.file);
      } finally {
        crypto.memzero(keyRow.key);
      }
    }
    return written;
  }

  /**
   * Every segment in the folder this device can read and has not applied, verified, in counter order per
   * (case, author); and a report for each one refused, ignored or held, and for a rollback of the folder. A
   * snapshot (docs/sync-folder.md §5.5) that covers counters this device has not applied comes first in its
   * author's order, in place of the segments it replaces; one covering only what was applied already is `noted`.
   */
  readSegments(folder: string, db: ReadDb = this.deps.session().db): { accepted: Segment[]; reports: SyncReport[]; noted: FoundSnapshot[] } {
    const { crypto, identity } = this.deps;
    const reports: SyncReport[] = [];
    const noted: FoundSnapshot[] = [];
    const me = identity.get(db);
    if (!me) return { accepted: [], reports, noted };
    const files = listFolder(folder, 'segment');
    const log = prep(db, 'SELECT case_id, author, counter, hash, file FROM sharing_segments').all() as LogRow[];
    const snapshotFiles = prep(db, 'SELECT file, author FROM sharing_snapshots').all() as { file: string; author: string }[];
    const knownFiles = new Set([...log.map((r) => r.file), ...snapshotFiles.map((r) => r.file)]);
    const logged = new Map(log.map((r) => [`${r.case_id}|${r.author}|${r.counter}`, r]));
    const candidates = new Map<string, Segment[]>();
    const snapshots = new Map<string, FoundSnapshot[]>();

    const keys = allKeys(db);
    try {
      for (const file of files) {
        if (knownFiles.has(file)) continue;
        const bytes = readFolderFile(folder, file);
        if (!bytes) continue;
        const opened = openSegment(crypto, bytes, keys);
        if (opened.kind === 'unreadable') {
          reports.push(rep('UNREADABLE', file, 'No key of this device opens this segment: it was damaged or altered, or it belongs to a case this device is not in. It was not applied.'));
          continue;
        }
        if (opened.kind === 'malformed') {
          reports.push(rep('MALFORMED', file, 'This segment is damaged or is not a Sakta segment. It was not applied.'));
          continue;
        }
        const body = parseJsonBody(opened.body, SegmentBodySchema);
        const snap = body ? null : parseJsonBody(opened.body, SnapshotBodySchema);
        if (!body && !snap) {
          reports.push(rep('MALFORMED', file, 'This segment opened but does not hold a valid change record. It was not applied.', opened.key.caseId));
          continue;
        }
        const head = (body ?? snap)!;
        const counter = body ? body.counter : snap!.upTo;
        const at = [head.caseId, head.author, counter] as const;
        if (head.caseId !== opened.key.caseId || head.epoch !== opened.key.epoch) {
          reports.push(rep('WRONG_EPOCH_KEY', file, 'This segment is sealed with a key of another case or epoch than it claims. It was not applied.', ...at));
          continue;
        }
        if (head.author === me.deviceId) {
          reports.push(rep('ROLLBACK', file, 'This segment was written by this device but is not in its records: this vault may be an older copy. It was not applied.', ...at));
          continue;
        }
        const m = member(db, head.caseId, head.author);
        if (!m) {
          reports.push(rep('NOT_MEMBER', file, 'This segment was written by a device that is not a member of the case. It was not applied.', ...at));
          continue;
        }
        if (!crypto.signVerifyDetached(opened.signature, signedMessage(body ? SIGN_TAG.segment : SIGN_TAG.snapshot, opened.body), m.sign_public)) {
          reports.push(rep('BAD_SIGNATURE', file, "This segment failed its author's signature check (altered or forged). It was not applied.", ...at));
          continue;
        }
        if (m.removed_epoch !== null && (head.epoch >= m.removed_epoch || counter > (m.removed_after ?? 0))) {
          reports.push(rep('REMOVED_MEMBER', file, 'This segment was written by a device after its removal from the case. It was not applied.', ...at));
          continue;
        }
        const k = `${head.caseId}|${head.author}`;
        if (snap) {
          const found: FoundSnapshot = { file, caseId: snap.caseId, author: snap.author, epoch: snap.epoch, upTo: snap.upTo, last: snap.last, seen: snap.seen, changes: snap.changes.map(fromB64), blobs: snap.blobs, hlc: snap.hlc };
          snapshots.set(k, [...(snapshots.get(k) ?? []), found]);
          continue;
        }
        const seg: Segment = {
          kind: 'segment',
          file,
          caseId: body!.caseId,
          epoch: body!.epoch,
          author: body!.author,
          counter: body!.counter,
          hlc: body!.hlc,
          prev: body!.prev,
          hash: hashOf(crypto, opened.body),
          changes: body!.changes.map(fromB64),
          blobs: body!.blobs,
          seen: body!.seen,
        };
        candidates.set(k, [...(candidates.get(k) ?? []), seg]);
      }
    } finally {
      zeroKeys(crypto, keys);
    }

    const present = new Set(files);
    const covered = coverage(db, present);
    const accepted: Segment[] = [];
    for (const k of [...new Set([...candidates.keys(), ...snapshots.keys()])].sort()) {
      const segs = candidates.get(k) ?? [];
      const [caseId, author] = k.split('|') as [string, string];
      const last = prep(db, 'SELECT counter, hash FROM sharing_segments WHERE case_id = ? AND author = ? ORDER BY counter DESC LIMIT 1').get(caseId, author) as
        | { counter: number; hash: string }
        | undefined;
      let expected = (last?.counter ?? 0) + 1;
      let prev = last?.hash ?? null;
      // The author's newest snapshot here: what this device lacks of it comes first; the rest was applied already.
      const snaps = [...(snapshots.get(k) ?? [])].sort((a, b) => b.upTo - a.upTo || a.file.localeCompare(b.file));
      const best = snaps[0];
      if (best && snaps.some((o) => o.upTo === best.upTo && o.last !== best.last)) {
        for (const o of snaps.filter((x) => x.upTo === best.upTo)) reports.push(rep('FORK', o.file, 'Two different snapshots of one author cover the same segments. Neither was applied.', caseId, author, o.upTo));
        snaps.splice(0, snaps.length);
      }
      covered.set(k, Math.max(covered.get(k) ?? 0, ...snaps.map((o) => o.upTo)));
      if (best && best.upTo >= expected) {
        accepted.push({ kind: 'snapshot', file: best.file, caseId, epoch: best.epoch, author, counter: best.upTo, hlc: best.hlc, prev, hash: best.last, changes: best.changes, blobs: best.blobs, seen: best.seen });
        expected = best.upTo + 1;
        prev = best.last;
        snaps.shift();
      }
      for (const o of snaps) {
        const had = logged.get(`${k}|${o.upTo}`);
        if (had && had.hash !== o.last) reports.push(rep('FORK', o.file, 'This snapshot ends on a segment other than the one of that counter this device applied. It was not applied.', caseId, author, o.upTo));
        else noted.push(o);
      }
      const ahead = new Map<number, Segment[]>();
      for (const s of segs) {
        const at = [s.caseId, s.author, s.counter] as const;
        if (s.counter < expected) {
          const had = logged.get(`${k}|${s.counter}`);
          if (had && had.hash !== s.hash) reports.push(rep('FORK', s.file, 'This segment has the counter of one already applied but other content. It was not applied.', ...at));
          // A segment a snapshot replaced, still there (its author deletes it once the snapshot is in): not news.
          else if (!had && s.counter <= (covered.get(k) ?? 0)) continue;
          else reports.push(rep('REPLAY', s.file, 'This segment was already applied (a copy or a replay). It was ignored.', ...at));
          continue;
        }
        ahead.set(s.counter, [...(ahead.get(s.counter) ?? []), s]);
      }
      const counters = [...ahead.keys()].sort((a, b) => a - b);
      let blocked = false;
      for (const c of counters) {
        const group = ahead.get(c)!;
        const distinct = new Set(group.map((s) => s.hash));
        const at = (s: Segment) => [s.caseId, s.author, s.counter] as const;
        if (blocked) {
          for (const s of group) reports.push(rep('GAP', s.file, `Held: an earlier segment of its author (counter ${expected}) is missing or was refused.`, ...at(s)));
          continue;
        }
        if (distinct.size > 1) {
          for (const s of group) reports.push(rep('FORK', s.file, 'Two different segments of one author carry the same counter. Neither was applied.', ...at(s)));
          blocked = true;
          continue;
        }
        const [first, ...copies] = group.sort((a, b) => a.file.localeCompare(b.file)) as [Segment, ...Segment[]];
        for (const s of copies) reports.push(rep('REPLAY', s.file, 'A second copy of a segment. It was ignored.', ...at(s)));
        if (c !== expected) {
          reports.push(rep('GAP', first.file, `Held: its author's segment ${expected} has not arrived yet.`, ...at(first)));
          blocked = true;
          continue;
        }
        if (first.prev !== prev) {
          reports.push(rep('BROKEN_CHAIN', first.file, "This segment does not follow its author's previous one. It was not applied.", ...at(first)));
          blocked = true;
          continue;
        }
        accepted.push(first);
        expected = c + 1;
        prev = first.hash;
      }
    }

    // A folder put back to an older copy: segments of others this device applied are gone from it, and no
    // snapshot of their author in the folder covers them.
    const missing = new Map<string, LogRow[]>();
    for (const r of log) {
      const k = `${r.case_id}|${r.author}`;
      if (r.author === me.deviceId || present.has(r.file) || r.counter <= (covered.get(k) ?? 0)) continue;
      missing.set(k, [...(missing.get(k) ?? []), r]);
    }
    for (const rows of missing.values()) {
      const newest = rows.reduce((a, b) => (b.counter > a.counter ? b : a));
      if (compactionUnderway(db, log, newest, present, me.deviceId)) continue;
      reports.push(
        rep('ROLLBACK', newest.file, `${rows.length} segment(s) of this author that this device already applied are gone from the folder (up to counter ${newest.counter}): the folder may have been put back to an older copy.`, newest.case_id, newest.author, newest.counter),
      );
    }
    return { accepted, reports, noted };
  }

  /** Records that `seg` was applied (in the write that applied it), so it is never applied twice. */
  markApplied(w: Write, seg: Segment): void {
    const last = prep(w.db, 'SELECT counter, hash FROM sharing_segments WHERE case_id = ? AND author = ? ORDER BY counter DESC LIMIT 1').get(seg.caseId, seg.author) as
      | { counter: number; hash: string }
      | undefined;
    const follows = seg.kind === 'snapshot' ? (last?.counter ?? 0) < seg.counter : (last?.counter ?? 0) + 1 === seg.counter && (last?.hash ?? null) === seg.prev;
    if (!follows) {
      throw new SaktaError('CONFLICT', `Segment ${seg.counter} of ${seg.author} does not follow what this device applied; read the folder again.`);
    }
    // A snapshot stands for its author's segments up to its counter: the chain goes on from its last one's hash.
    prep(w.db, 'INSERT INTO sharing_segments (case_id, author, counter, hash, file, epoch, signed_body, at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)').run(seg.caseId, seg.author, seg.counter, seg.hash, seg.file, seg.epoch, w.at);
    if (seg.kind === 'snapshot') {
      prep(w.db, 'INSERT OR IGNORE INTO sharing_snapshots (file, case_id, author, up_to, last, epoch, signed_body, at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)').run(
        seg.file,
        seg.caseId,
        seg.author,
        seg.counter,
        seg.hash,
        seg.epoch,
        w.at,
      );
    }
    recordAcks(w.db, seg.caseId, seg.author, seg.seen);
    const snapshot = seg.kind === 'snapshot';
    w.record({
      action: snapshot ? 'sharing.snapshot.apply' : 'sharing.segment.apply',
      entityType: 'case',
      entityId: seg.caseId,
      caseId: seg.caseId,
      detail: { from: seg.author, counter: seg.counter, epoch: seg.epoch },
    });
  }

}

/**
 * Whether segments of another author that this device applied are missing from the folder because their author
 * compacted them and the snapshot replacing them has not reached this copy of the folder yet: Syncthing promises no
 * order between files, so the deletions may come first, in any order. An author compacts only segments every member
 * acknowledged, so this device acknowledged the newest gone one, in a segment or snapshot it wrote after applying
 * it. A folder put back to an older copy lacks that acknowledgement too (it was written later), so it is told apart
 * by this device's own records: any of them gone (a segment no own snapshot replaced, or its newest snapshot) is
 * still reported as a rollback, and so is a gone segment it never acknowledged.
 */
function compactionUnderway(db: ReadDb, log: LogRow[], newest: LogRow, present: Set<string>, me: string): boolean {
  const acked = prep(db, 'SELECT counter FROM sharing_acks WHERE case_id = ? AND member = ? AND author = ?').pluck().get(newest.case_id, me, newest.author) as number | undefined;
  if ((acked ?? 0) < newest.counter) return false;
  const snap = prep(db, 'SELECT file, up_to FROM sharing_snapshots WHERE case_id = ? AND author = ? ORDER BY up_to DESC LIMIT 1').get(newest.case_id, me) as
    | { file: string; up_to: number }
    | undefined;
  if (snap && !present.has(snap.file)) return false;
  return !log.some((r) => r.case_id === newest.case_id && r.author === me && r.counter > (snap?.up_to ?? 0) && !present.has(r.file));
}
