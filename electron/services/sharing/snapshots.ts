import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { SegmentBodySchema, SnapshotBodySchema, type BlobOffer, type SnapshotBody } from '../../../shared/schemas/sharing';
import { fromB64, utf8 } from '../../base/encoding';
import type { Crypto } from '../../crypto/types';
import type { ReadDb, WriteDb } from '../../db/connection';
import { prep } from '../../db/statements';
import type { Write } from '../changes/change-writer';
import { currentKey, isActive, member, members } from './case-keys';
import { SIGN_TAG, signedMessage } from './device-keys';
import { randomName, writeFolderFile } from './folder-files';
import type { DeviceIdentity } from './identity';
import { parseJsonBody } from './json-body';
import { SIGNATURE_BYTES } from './sealed-frame';
import { sealSegment } from './segment-file';

export interface SnapshotDeps {
  crypto: Crypto;
  identity: DeviceIdentity;
}

/** A snapshot of another member met in the folder and verified (the reader applies it, or notes it as covered). */
export interface FoundSnapshot {
  file: string;
  caseId: string;
  author: string;
  epoch: number;
  upTo: number;
  last: string;
  hlc: string;
  seen: Record<string, number>;
  changes: Uint8Array[];
  blobs: BlobOffer[];
}

interface OwnSnapshotRow {
  file: string;
  case_id: string;
  up_to: number;
  epoch: number;
  signed_body: Buffer | null;
}

const bodyOf = (signed: Buffer) => signed.subarray(0, signed.length - SIGNATURE_BYTES);

/** What this device has applied of each other member's segments in the case: the `seen` its segments carry. */
export function seenBy(db: ReadDb, caseId: string, me: string): Record<string, number> {
  const rows = prep(db, 'SELECT author, max(counter) AS c FROM sharing_segments WHERE case_id = ? AND author <> ? GROUP BY author ORDER BY author').all(caseId, me) as {
    author: string;
    c: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.author, r.c]));
}

/** Records what `memberId` says it has applied (the `seen` of its segment or snapshot); acknowledgements only grow. */
export function recordAcks(db: WriteDb, caseId: string, memberId: string, seen: Record<string, number> | undefined): void {
  if (!seen) return;
  const up = prep(
    db,
    `INSERT INTO sharing_acks (case_id, member, author, counter) VALUES (?, ?, ?, ?)
     ON CONFLICT (case_id, member, author) DO UPDATE SET counter = max(counter, excluded.counter)`,
  );
  for (const [author, counter] of Object.entries(seen)) if (author !== memberId) up.run(caseId, memberId, author, counter);
}

/** Per (case, author): the highest counter a snapshot in `present` (file names in the folder) covers. */
export function coverage(db: ReadDb, present: Set<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of prep(db, 'SELECT file, case_id, author, up_to FROM sharing_snapshots').all() as { file: string; case_id: string; author: string; up_to: number }[]) {
    if (!present.has(r.file)) continue;
    const k = `${r.case_id}|${r.author}`;
    out.set(k, Math.max(out.get(k) ?? 0, r.up_to));
  }
  return out;
}

/**
 * Compaction of a shared case's segments (docs/sync-folder.md §5.5). Once every current member acknowledged this
 * device's segments 1…k (the `seen` of their own segments), this device replaces them by one snapshot: its own
 * changes of those segments, each once, and the stored files they announced, signed and sealed like a segment.
 * The snapshot is recorded (with its signed body) in the write that decides it; the file is written after the
 * commit, and only once it is in the folder are the segments it covers deleted. A crash at any point leaves the
 * segments, the snapshot, or both in the folder, and readers take either.
 */
export class Snapshots {
  constructor(private readonly deps: SnapshotDeps) {}

  /** The highest counter of this device's segments that every other current member of the case has applied. */
  acknowledged(db: ReadDb, caseId: string, me: string): number {
    const mine = (prep(db, 'SELECT coalesce(max(counter), 0) FROM sharing_segments WHERE case_id = ? AND author = ?').pluck().get(caseId, me) as number) ?? 0;
    let upTo = mine;
    for (const m of members(db, caseId)) {
      if (m.device_id === me || m.removed_epoch !== null) continue;
      const ack = prep(db, 'SELECT counter FROM sharing_acks WHERE case_id = ? AND member = ? AND author = ?').pluck().get(caseId, m.device_id, me) as number | undefined;
      upTo = Math.min(upTo, ack ?? 0);
    }
    return upTo;
  }

  /** This device's newest snapshot of the case, if any. */
  own(db: ReadDb, caseId: string, me: string): OwnSnapshotRow | null {
    return (
      (prep(db, 'SELECT file, case_id, up_to, epoch, signed_body FROM sharing_snapshots WHERE case_id = ? AND author = ? ORDER BY up_to DESC LIMIT 1').get(caseId, me) as
        | OwnSnapshotRow
        | undefined) ?? null
    );
  }

  /**
   * Compacts this device's acknowledged segments of the case into a new snapshot when at least `minSegments` of
   * them are not in one yet. `own` keeps the changes that are this device's (a segment may also carry history it
   * handed on to a member it added; that history is its authors' to compact). Returns the snapshot's file name.
   */
  compact(w: Write, folder: string, caseId: string, own: (change: Uint8Array) => boolean, minSegments = 1): { file: string; upTo: number } | null {
    const { crypto, identity } = this.deps;
    const me = identity.require(w.db).deviceId;
    if (!isActive(member(w.db, caseId, me))) return null;
    const prev = this.own(w.db, caseId, me);
    const from = prev?.up_to ?? 0;
    const upTo = this.acknowledged(w.db, caseId, me);
    if (upTo <= from || upTo - from < minSegments) return null;
    const rows = prep(w.db, 'SELECT counter, hash, signed_body FROM sharing_segments WHERE case_id = ? AND author = ? AND counter > ? AND counter <= ? ORDER BY counter').all(caseId, me, from, upTo) as {
      counter: number;
      hash: string;
      signed_body: Buffer | null;
    }[];
    // Every segment since the last snapshot must still be on record, or the snapshot would lose its changes.
    if (rows.length !== upTo - from || rows.some((r) => !r.signed_body) || (from > 0 && !prev?.signed_body)) return null;
    const key = currentKey(w.db, caseId);
    if (!key) throw new SaktaError('NOT_FOUND', 'This device holds no key for that case.');
    crypto.memzero(key.key);

    const changes: string[] = [];
    const seenChange = new Set<string>();
    const blobs = new Map<string, BlobOffer>();
    const take = (list: string[], offers: BlobOffer[]) => {
      for (const c of list) {
        if (seenChange.has(c) || !own(fromB64(c))) continue;
        seenChange.add(c);
        changes.push(c);
      }
      for (const o of offers) if (!blobs.has(o.blobId)) blobs.set(o.blobId, o);
    };
    if (prev?.signed_body) {
      const p = parseJsonBody(bodyOf(prev.signed_body), SnapshotBodySchema);
      if (!p) throw new SaktaError('INTEGRITY', 'This device’s own snapshot record is unreadable.');
      take(p.changes, p.blobs);
    }
    for (const r of rows) {
      const s = parseJsonBody(bodyOf(r.signed_body!), SegmentBodySchema);
      if (!s) throw new SaktaError('INTEGRITY', 'This device’s own segment record is unreadable.');
      take(s.changes, s.blobs);
    }
    const body: SnapshotBody = {
      v: 1,
      kind: 'snapshot',
      caseId,
      epoch: key.epoch,
      author: me,
      upTo,
      last: rows[rows.length - 1]!.hash,
      hlc: w.at,
      changes,
      blobs: [...blobs.values()],
      seen: seenBy(w.db, caseId, me),
    };
    const bodyBytes = utf8(JSON.stringify(body));
    const signature = identity.withSecrets(w.db, (s) => crypto.signDetached(signedMessage(SIGN_TAG.snapshot, bodyBytes), s.signSecret));
    const file = randomName(crypto, 'segment');
    prep(w.db, 'INSERT INTO sharing_snapshots (file, case_id, author, up_to, last, epoch, signed_body, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      file,
      caseId,
      me,
      upTo,
      body.last,
      key.epoch,
      Buffer.concat([bodyBytes, signature]),
      w.at,
    );
    // What this device acknowledged (segment-store.ts: a reader tells compaction from a rollback by it).
    recordAcks(w.db, caseId, me, body.seen);
    // The covered segments and the snapshot this one replaces are not written again (`publish`) once gone.
    prep(w.db, 'UPDATE sharing_snapshots SET signed_body = NULL WHERE case_id = ? AND author = ? AND up_to < ?').run(caseId, me, upTo);
    prep(w.db, 'UPDATE sharing_segments SET signed_body = NULL WHERE case_id = ? AND author = ? AND counter <= ?').run(caseId, me, upTo);
    w.record({
      action: 'sharing.snapshot.write',
      entityType: 'case',
      entityId: caseId,
      caseId,
      detail: { upTo, epoch: key.epoch, changes: changes.length, blobs: blobs.size },
      access: true,
    });
    w.afterCommit(() => this.publish(folder, w.db, (c) => c === caseId));
    return { file, upTo };
  }

  /** Writes this device's newest snapshot of each case again if the folder lacks it (a crash before its file). */
  publish(folder: string, db: ReadDb, only: (caseId: string) => boolean = () => true): string[] {
    const { crypto, identity } = this.deps;
    const me = identity.get(db);
    if (!me) return [];
    const rows = prep(db, 'SELECT file, case_id, up_to, epoch, signed_body FROM sharing_snapshots WHERE author = ? AND signed_body IS NOT NULL').all(me.deviceId) as OwnSnapshotRow[];
    const written: string[] = [];
    for (const r of rows) {
      if (!only(r.case_id) || fs.existsSync(path.join(folder, r.file))) continue;
      const keyRow = prep(db, 'SELECT key FROM case_keys WHERE case_id = ? AND epoch = ? ORDER BY key_id LIMIT 1').get(r.case_id, r.epoch) as { key: Buffer } | undefined;
      if (!keyRow) continue;
      try {
        const signed = r.signed_body!;
        writeFolderFile(folder, r.file, sealSegment(crypto, keyRow.key, bodyOf(signed), signed.subarray(signed.length - SIGNATURE_BYTES)));
        written.push(r.file);
      } finally {
        crypto.memzero(keyRow.key);
      }
    }
    return written;
  }

  /**
   * Deletes from the folder what this device's newest snapshot of a case replaces (its segments up to the
   * snapshot's counter, its older snapshots), only once that snapshot's file is in the folder. Returns the names.
   */
  sweep(folder: string, db: ReadDb, only: (caseId: string) => boolean = () => true): string[] {
    const me = this.deps.identity.get(db);
    if (!me) return [];
    const removed: string[] = [];
    const newest = prep(db, 'SELECT case_id, max(up_to) AS up_to FROM sharing_snapshots WHERE author = ? GROUP BY case_id').all(me.deviceId) as { case_id: string; up_to: number }[];
    for (const n of newest) {
      if (!only(n.case_id)) continue;
      const snap = prep(db, 'SELECT file FROM sharing_snapshots WHERE case_id = ? AND author = ? AND up_to = ? ORDER BY file LIMIT 1').pluck().get(n.case_id, me.deviceId, n.up_to) as string;
      if (!fs.existsSync(path.join(folder, snap))) continue;
      const stale = [
        ...(prep(db, 'SELECT file FROM sharing_segments WHERE case_id = ? AND author = ? AND counter <= ?').pluck().all(n.case_id, me.deviceId, n.up_to) as string[]),
        ...(prep(db, 'SELECT file FROM sharing_snapshots WHERE case_id = ? AND author = ? AND file <> ?').pluck().all(n.case_id, me.deviceId, snap) as string[]),
      ];
      for (const f of stale) {
        const p = path.join(folder, f);
        if (!fs.existsSync(p)) continue;
        fs.rmSync(p, { force: true });
        removed.push(f);
      }
    }
    return removed;
  }

  /** Records a snapshot of another member that this device found covered by what it applied already. */
  note(w: Write, s: FoundSnapshot): void {
    prep(w.db, 'INSERT OR IGNORE INTO sharing_snapshots (file, case_id, author, up_to, last, epoch, signed_body, at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)').run(
      s.file,
      s.caseId,
      s.author,
      s.upTo,
      s.last,
      s.epoch,
      w.at,
    );
    recordAcks(w.db, s.caseId, s.author, s.seen);
  }
}
