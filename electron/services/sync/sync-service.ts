import type { SyncReport } from '../../../shared/schemas/sharing';
import type { ReadDb } from '../../db/connection';
import type { ApplyResult } from '../merge/shared-docs';
import { sharedCases, type Segment, type ShareResult } from '../sharing';
import { BlobExchange, type Arrived } from './blob-exchange';
import { DEFAULT_COMPACTION, type CompactionOptions, type SyncServiceDeps } from './deps';
import { prep } from '../../db/statements';

export type { CompactionOptions, SyncServiceDeps } from './deps';

export interface SyncSummary {
  /** Segments this device wrote into the folder. */
  sent: { caseId: string; counter: number; changes: number; documents: number }[];
  /** Segments of other members applied here. */
  received: { caseId: string; from: string; counter: number; changes: number; conflictsOpened: number; documentsShown: number }[];
  /** Cases this device was newly given the key of (shared with it, or a new epoch). */
  keysReceived: { caseId: string; epoch: number; from: string }[];
  /** Documents whose stored file is announced but has not arrived (or arrived damaged): they stay hidden. */
  documentsWaiting: number;
  openConflicts: number;
  /** Everything refused, ignored or held, with a stable code and a human message. */
  reports: SyncReport[];
  /** This device's segments compacted into a snapshot by this exchange (docs/sync-folder.md §5.5). */
  compacted: { caseId: string; upTo: number; removedFiles: number }[];
}

export interface CaseSyncState {
  caseId: string;
  lastSentAt: string | null;
  lastReceivedAt: string | null;
  openConflicts: number;
  documentsWaiting: number;
}

/**
 * One exchange with the sync folder (docs/sync.md), the glue between the sharing core (keys, members, sealed
 * segments, stored files) and the merge documents: this device's new changes of each shared case are sealed into
 * its next segment, together with the stored files of new documents; then every readable segment of the others is
 * verified and applied, each in one write with its trail entry, so a crash leaves each segment applied whole or
 * not at all, and a segment applied is never applied again.
 */
export class SyncService {
  private readonly files: BlobExchange;
  private readonly compaction: CompactionOptions;

  constructor(private readonly deps: SyncServiceDeps) {
    this.files = new BlobExchange(deps);
    this.compaction = { ...DEFAULT_COMPACTION, ...deps.compaction };
  }

  /** Shares a case with a paired device: the member and key envelope, and (on the first share) the case's merge document, in one write. */
  share(caseId: string, memberRef: string, folder: string): ShareResult {
    const { writer, sharing, docs } = this.deps;
    return writer.write((w) => {
      const r = sharing.membership.share(caseId, memberRef, folder);
      const me = sharing.identity.require(w.db).deviceId;
      if (!docs.isShared(w.db, caseId)) docs.startSharing(w, caseId, me);
      // The new member may not be able to open older segments (an earlier epoch, or a folder that began empty):
      // the next segment carries the case's whole history; Automerge ignores what a member already has.
      prep(w.db, 'INSERT INTO sync_state (case_id, send_history) VALUES (?, 1) ON CONFLICT (case_id) DO UPDATE SET send_history = 1')
        .run(caseId);
      prep(w.db, 'DELETE FROM sync_blobs_sent WHERE case_id = ?').run(caseId);
      return r;
    });
  }

  /** Removes a member: a new epoch whose key only the remaining members get. What it already had, it keeps. */
  unshare(caseId: string, memberRef: string, folder: string): ShareResult {
    return this.deps.sharing.membership.unshare(caseId, memberRef, folder);
  }

  /**
   * One exchange with `folder`. `only` limits what is sent into it to some cases (asked after the keys are taken
   * in): a case's own Syncthing folder carries that case and nothing of another (docs/sync.md, "Team sync").
   */
  async sync(folder: string, opts: { only?: (caseId: string) => boolean } = {}): Promise<SyncSummary> {
    const only = opts.only ?? (() => true);
    const summary: SyncSummary = { sent: [], received: [], keysReceived: [], documentsWaiting: 0, openConflicts: 0, reports: [], compacted: [] };
    this.takeKeys(folder, summary);
    await this.send(folder, summary, only);
    await this.receive(folder, summary);
    // What this exchange applied is acknowledged in a segment once enough has gathered, so that its authors can
    // compact (a member who only reads would otherwise never say what it has).
    await this.send(folder, summary, (caseId) => only(caseId) && this.unacked(caseId) >= this.compaction.ackAfter, true);
    const retried = await this.files.retryWaiting(folder, only);
    summary.reports.push(...retried.reports);
    if (retried.arrived || summary.received.some((r) => r.documentsShown > 0)) this.deps.documentsArrived?.();
    // Segments this device wrote but the folder lacks (put back to an older copy, or lost in a crash) go again.
    this.deps.sharing.segments.publish(folder, undefined, only);
    this.deps.sharing.snapshots.publish(folder, this.deps.session().db, only);
    summary.compacted = this.compact(folder, only, this.compaction.compactAfter);
    const db = this.deps.session().db;
    summary.documentsWaiting = this.files.waitingCount(db);
    summary.openConflicts = this.deps.docs.conflicts(db).length;
    return summary;
  }

  /** Per shared case: when it last sent and received, open conflicts, documents still on their way. */
  status(db: ReadDb = this.deps.session().db): CaseSyncState[] {
    return this.deps.docs.sharedCaseIds(db).map((caseId) => {
      const st = prep(db, 'SELECT last_sent_at, last_received_at FROM sync_state WHERE case_id = ?').get(caseId) as
        | { last_sent_at: string | null; last_received_at: string | null }
        | undefined;
      return {
        caseId,
        lastSentAt: st?.last_sent_at ?? null,
        lastReceivedAt: st?.last_received_at ?? null,
        openConflicts: this.deps.docs.conflicts(db, caseId).length,
        documentsWaiting: this.files.waitingCount(db, caseId),
      };
    });
  }

  /**
   * Key envelopes addressed to this device; then every case it holds a key of gets a merge document (empty for
   * a case shared with it: its first segment fills it), however the envelope was taken in (`sakta members
   * --via` takes them in too).
   */
  private takeKeys(folder: string, summary: SyncSummary): void {
    const { sharing, docs, writer, session } = this.deps;
    const { accepted, reports } = sharing.membership.receiveEnvelopes(folder);
    summary.reports.push(...reports);
    for (const env of accepted) summary.keysReceived.push({ caseId: env.caseId, epoch: env.epoch, from: env.signer });
    const db = session().db;
    // A case whose document is gone although segments of it were exchanged was removed here on purpose: it stays gone.
    const exchanged = (caseId: string) => !!prep(db, 'SELECT 1 FROM sharing_segments WHERE case_id = ? LIMIT 1').get(caseId);
    const missing = sharedCases(db).filter((c) => !docs.isShared(db, c.caseId) && !exchanged(c.caseId));
    if (!missing.length) return;
    writer.write((w) => {
      const me = sharing.identity.require(w.db).deviceId;
      for (const c of missing) docs.join(w, c.caseId, me);
    });
  }

  /**
   * Compacts this device's segments of each case that every current member has acknowledged into one signed,
   * sealed snapshot, once at least `minSegments` of them are not in one; then deletes from the folder what the
   * snapshot replaces (docs/sync-folder.md §5.5). `sync` calls it with the configured threshold.
   */
  compact(folder: string, only: (caseId: string) => boolean = () => true, minSegments = 1): SyncSummary['compacted'] {
    const { sharing, docs, writer, session } = this.deps;
    const db = session().db;
    const me = sharing.identity.get(db);
    if (!me) return [];
    const out: SyncSummary['compacted'] = [];
    for (const caseId of docs.sharedCaseIds(db).filter(only)) {
      const made = writer.write((w) => sharing.snapshots.compact(w, folder, caseId, (c) => docs.changeActor(c) === me.deviceId, minSegments));
      // The snapshot's file is in the folder now (written after the commit); only then do the files it replaces
      // go, here or, after a crash in between, at a later exchange.
      const removed = sharing.snapshots.sweep(folder, session().db, (c) => c === caseId);
      if (made || removed.length) out.push({ caseId, upTo: made?.upTo ?? sharing.snapshots.own(session().db, caseId, me.deviceId)?.up_to ?? 0, removedFiles: removed.length });
    }
    return out;
  }

  private unacked(caseId: string): number {
    const r = prep(this.deps.session().db, 'SELECT unacked FROM sync_state WHERE case_id = ?').get(caseId) as { unacked: number } | undefined;
    return r?.unacked ?? 0;
  }

  private async send(folder: string, summary: SyncSummary, only: (caseId: string) => boolean, ack = false): Promise<void> {
    const { sharing, docs, writer, session } = this.deps;
    const db = session().db;
    const me = sharing.identity.get(db);
    if (!me) return;
    for (const caseId of docs.sharedCaseIds(db).filter(only)) {
      const self = sharing.membership.members(caseId, db).find((m) => m.self);
      if (!self || self.status !== 'active') continue;
      const history = !!(prep(db, 'SELECT send_history FROM sync_state WHERE case_id = ?').get(caseId) as { send_history: number } | undefined)?.send_history;
      const pending = docs.pendingChanges(db, caseId);
      const changes = history ? docs.allChanges(db, caseId) : pending.changes;
      const offers = await this.files.offerNew(folder, caseId);
      if (changes.length === 0 && offers.length === 0 && !ack) continue;
      const counter = writer.write((w) => {
        sharing.segments.writeSegment(w, folder, caseId, changes, offers);
        docs.markSent(w, caseId, pending.upToSeq);
        this.files.markOffered(w, caseId, offers);
        prep(
          w.db,
          `INSERT INTO sync_state (case_id, last_sent_at, send_history, unacked) VALUES (?, ?, 0, 0)
           ON CONFLICT (case_id) DO UPDATE SET last_sent_at = excluded.last_sent_at, send_history = 0, unacked = 0`,
        ).run(caseId, w.at);
        return (prep(w.db, 'SELECT MAX(counter) AS c FROM sharing_segments WHERE case_id = ? AND author = ?').get(caseId, me.deviceId) as { c: number }).c;
      });
      summary.sent.push({ caseId, counter, changes: changes.length, documents: offers.length });
    }
  }

  /**
   * A segment's changes are its author's own. Another member's changes may ride along only as the history the
   * member who added this device to the case hands on (it vouched for every member's keys already); from anyone
   * else such a change is held until this device has it from its own author, so a member cannot write in
   * another's name (and take a sequence number the real author will use).
   */
  private screen(seg: Segment): 'ok' | 'malformed' | 'foreign' {
    const { sharing, docs, session } = this.deps;
    const db = session().db;
    const me = sharing.identity.require(db).deviceId;
    const rows = prep(db, 'SELECT device_id, added_by FROM case_members WHERE case_id = ?').all(seg.caseId) as { device_id: string; added_by: string }[];
    const inviter = rows.find((m) => m.device_id === me)?.added_by;
    const ids = new Set(rows.map((m) => m.device_id));
    return docs.screenRemote(db, seg.caseId, seg.changes, seg.author, (actor) => seg.author === inviter && inviter !== me && actor !== me && ids.has(actor));
  }

  private async receive(folder: string, summary: SyncSummary): Promise<void> {
    const { sharing, docs, session } = this.deps;
    const { accepted, reports, noted } = sharing.segments.readSegments(folder, session().db);
    summary.reports.push(...reports);
    // Snapshots covering only what this device applied already: remembered, so they are not opened again.
    if (noted.length) this.deps.writer.write((w) => noted.forEach((s) => sharing.snapshots.note(w, s)));
    // An author whose segment was refused here: its later ones wait behind it (they follow it in its chain).
    const stopped = new Set<string>();
    for (const seg of accepted) {
      const from = `${seg.caseId}|${seg.author}`;
      if (stopped.has(from)) {
        summary.reports.push({ code: 'GAP', file: seg.file, caseId: seg.caseId, author: seg.author, counter: seg.counter, message: 'Held: an earlier segment of its author was refused.' });
        continue;
      }
      const screened = docs.isShared(session().db, seg.caseId) ? this.screen(seg) : 'ok';
      if (screened !== 'ok') {
        stopped.add(from);
        summary.reports.push(
          screened === 'malformed'
            ? { code: 'MALFORMED', file: seg.file, caseId: seg.caseId, author: seg.author, counter: seg.counter, message: 'It holds bytes that are not a valid change record. It was not applied.' }
            : { code: 'GAP', file: seg.file, caseId: seg.caseId, author: seg.author, counter: seg.counter, message: 'Held: it carries changes in the name of another member that this device has not received from that member.' },
        );
        continue;
      }
      if (!docs.isShared(session().db, seg.caseId)) {
        summary.reports.push({ code: 'CASE_REMOVED_HERE', file: seg.file, caseId: seg.caseId, author: seg.author, counter: seg.counter, message: 'A change arrived for a shared case that was removed from this vault; it was not applied.' });
        continue;
      }
      // Stored files first (outside the write: decrypting a large file to check it must not hold the database).
      const arrived = await this.files.take(folder, seg);
      const discard = () => arrived.forEach((a) => a.pending && this.deps.blobs.discard(a.pending));
      let r: ApplyResult;
      try {
        r = this.applySegment(seg, arrived, discard);
      } catch (e) {
        // Automerge refuses the changes (e.g. a sequence number already taken by a change another member forged in
        // this author's name): the write rolled back; refuse the segment instead of failing every later exchange.
        if (!(e instanceof RangeError)) throw e;
        stopped.add(from);
        summary.reports.push({ code: 'MALFORMED', file: seg.file, caseId: seg.caseId, author: seg.author, counter: seg.counter, message: 'Its changes cannot be merged with what this device holds (one clashes with a change already taken in). It was not applied.' });
        continue;
      }
      summary.received.push({
        caseId: seg.caseId,
        from: seg.author,
        counter: seg.counter,
        changes: r.added,
        conflictsOpened: r.conflictsOpened,
        documentsShown: r.documentsShown.length,
      });
    }
  }

  /** One segment applied in one write: its arrived files, its changes, its "applied" mark. */
  private applySegment(seg: Segment, arrived: Arrived[], discard: () => void): ApplyResult {
    const { sharing, docs, writer } = this.deps;
    return guarded(discard, () =>
      writer.write((w) => {
        const shown = this.files.commitArrived(w, arrived, seg);
        const applied = docs.applyRemote(w, seg.caseId, seg.changes, seg.author);
        for (const blobId of shown) docs.blobArrived(w, blobId);
        sharing.segments.markApplied(w, seg);
        // Segments with changes count towards this device's next acknowledgement; one carrying only another's
        // acknowledgement does not (or two members would acknowledge each other's acknowledgements for ever).
        const news = seg.kind === 'segment' && (seg.changes.length > 0 || seg.blobs.length > 0) ? 1 : 0;
        prep(
          w.db,
          `INSERT INTO sync_state (case_id, last_received_at, unacked) VALUES (?, ?, ?)
           ON CONFLICT (case_id) DO UPDATE SET last_received_at = excluded.last_received_at, unacked = unacked + excluded.unacked`,
        ).run(seg.caseId, w.at, news);
        return applied;
      }),
    );
  }

}

/** Runs `fn`; when it throws, `undo` runs first (stored files decrypted for a write that did not commit are removed). */
function guarded<T>(undo: () => void, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    undo();
    throw e;
  }
}
