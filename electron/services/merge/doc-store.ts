import * as A from '@automerge/automerge';
import { SaktaError } from '../../../shared/errors';
import type { ReadDb, WriteDb } from '../../db/connection';
import { formatHlc, parseHlc, receive, tick, type Hlc } from './hlc';
import { prep } from '../../db/statements';

/** A row in the shared document: its synced columns, plus `_s`, its life register ("live:<hlc>" / "gone:<hlc>"). */
export type DocRow = Record<string, unknown>;
/** The document of one shared case: `t[table][rowKey]`. The table maps are made once, by the device that shares. */
export interface SharedDoc {
  t?: Record<string, Record<string, DocRow>>;
}
export type Doc = A.Doc<SharedDoc>;

export interface LoadedDoc {
  caseId: string;
  actor: string;
  doc: Doc;
  hlc: Hlc | null;
}

interface DocRecord {
  case_id: string;
  actor: string;
  snapshot: Uint8Array | null;
  snapshot_seq: number;
  sent_seq: number;
  hlc: string;
  heads: string;
}

/** A full save replaces the replayed changes every this many changes, so opening a document stays quick. */
const SNAPSHOT_EVERY = 256;

/** How far ahead of this device's time another's clock may be and still be taken on (laptops' clocks drift). */
const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;

const headsKey = (doc: Doc) => JSON.stringify(A.getHeads(doc));

function changeMeta(bytes: Uint8Array): { hash: string; actor: string; startOp: number; opCount: number; hlc: string } {
  const c = A.decodeChange(bytes);
  let hlc = '';
  try {
    const m = c.message ? (JSON.parse(c.message) as { hlc?: unknown }) : {};
    if (typeof m.hlc === 'string' && parseHlc(m.hlc)) hlc = m.hlc;
  } catch {
    /* a change without our message names no time */
  }
  return { hash: c.hash ?? '', actor: c.actor, startOp: c.startOp, opCount: c.ops.length, hlc };
}

/**
 * The shared documents' storage in the vault's database: a snapshot plus every change since, each once. Loaded
 * documents are cached per database and checked against the stored heads on each use, so a rolled-back write
 * (which leaves the stored heads as they were) makes the next use reload instead of trusting memory.
 */
export class DocStore {
  private readonly cache = new WeakMap<ReadDb, Map<string, { doc: Doc; heads: string }>>();

  sharedCaseIds(db: ReadDb): string[] {
    return prep(db, 'SELECT case_id FROM shared_docs ORDER BY case_id').pluck().all() as string[];
  }

  isShared(db: ReadDb, caseId: string): boolean {
    return !!prep(db, 'SELECT 1 FROM shared_docs WHERE case_id = ?').get(caseId);
  }

  create(w: { db: WriteDb; at: string }, caseId: string, actor: string): void {
    if (!/^[0-9a-f]{32}$/.test(actor)) throw new SaktaError('VALIDATION', 'A device id is 32 lowercase hex characters.');
    if (this.isShared(w.db, caseId)) throw new SaktaError('CONFLICT', 'This case is shared already.');
    prep(w.db, 'INSERT INTO shared_docs (case_id, actor, heads, created_at) VALUES (?, ?, ?, ?)').run(caseId, actor, '[]', w.at);
  }

  drop(db: WriteDb, caseId: string): void {
    prep(db, 'DELETE FROM shared_docs WHERE case_id = ?').run(caseId);
    prep(db, 'DELETE FROM shared_changes WHERE case_id = ?').run(caseId);
    prep(db, 'DELETE FROM shared_conflicts WHERE case_id = ?').run(caseId);
    this.cache.get(db)?.delete(caseId);
  }

  load(db: ReadDb, caseId: string): LoadedDoc | null {
    const rec = prep(db, 'SELECT * FROM shared_docs WHERE case_id = ?').get(caseId) as DocRecord | undefined;
    if (!rec) return null;
    const hlc = parseHlc(rec.hlc);
    let byCase = this.cache.get(db);
    if (!byCase) this.cache.set(db, (byCase = new Map()));
    const hit = byCase.get(caseId);
    if (hit && hit.heads === rec.heads) return { caseId, actor: rec.actor, doc: hit.doc, hlc };
    let doc: Doc = rec.snapshot ? A.load<SharedDoc>(rec.snapshot, { actor: rec.actor }) : A.init<SharedDoc>({ actor: rec.actor });
    const rest = prep(db, 'SELECT bytes FROM shared_changes WHERE case_id = ? AND seq > ? ORDER BY seq').pluck().all(caseId, rec.snapshot_seq) as Uint8Array[];
    if (rest.length) [doc] = A.applyChanges(doc, rest);
    byCase.set(caseId, { doc, heads: headsKey(doc) });
    return { caseId, actor: rec.actor, doc, hlc };
  }

  /** The next clock value for a local change at wall time `at`. */
  nextClock(loaded: LoadedDoc, at: string): Hlc {
    return tick(loaded.hlc, Date.parse(at));
  }

  /** Runs `fn` as one Automerge change; stores it (own, unsent) if it changed anything. Returns whether it did. */
  change(db: WriteDb, loaded: LoadedDoc, at: string, fn: (d: SharedDoc, hlc: string) => void): boolean {
    const clock = this.nextClock(loaded, at);
    const hlc = formatHlc(clock);
    const before = headsKey(loaded.doc);
    const next = A.change(loaded.doc, { message: JSON.stringify({ hlc }), time: Math.floor(Date.parse(at) / 1000) }, (d) => fn(d, hlc));
    if (headsKey(next) === before) return false;
    const bytes = A.getLastLocalChange(next);
    if (!bytes) return false;
    this.append(db, loaded.caseId, bytes, true);
    loaded.doc = next;
    loaded.hlc = clock;
    this.saveState(db, loaded);
    return true;
  }

  /** Applies changes from other devices; keeps the ones new here. Returns the heads before, for the diff. */
  applyRemote(db: WriteDb, loaded: LoadedDoc, changes: Uint8Array[], at?: string): { before: A.Heads; added: number } {
    // A clock far ahead of ours is not taken on: one member's wrong (or hostile) clock would otherwise date every
    // later change of this device, and every conflict value it shows, in that future.
    const horizon = at ? Date.parse(at) + MAX_CLOCK_AHEAD_MS : Infinity;
    const before = A.getHeads(loaded.doc);
    let added = 0;
    let clock = loaded.hlc;
    for (const bytes of changes) {
      const meta = changeMeta(bytes);
      if (prep(db, 'SELECT 1 FROM shared_changes WHERE case_id = ? AND hash = ?').get(loaded.caseId, meta.hash)) continue;
      this.append(db, loaded.caseId, bytes, false, meta);
      const seen = parseHlc(meta.hlc);
      if (seen && seen.ms <= horizon) clock = receive(clock, seen);
      added++;
    }
    if (added) {
      [loaded.doc] = A.applyChanges(loaded.doc, changes);
      loaded.hlc = clock;
      this.saveState(db, loaded);
    }
    return { before, added };
  }

  pending(db: ReadDb, caseId: string): { changes: Uint8Array[]; upToSeq: number } {
    const rec = prep(db, 'SELECT sent_seq FROM shared_docs WHERE case_id = ?').get(caseId) as { sent_seq: number } | undefined;
    if (!rec) throw new SaktaError('NOT_FOUND', 'This case is not shared.');
    const rows = prep(db, 'SELECT seq, bytes FROM shared_changes WHERE case_id = ? AND local = 1 AND seq > ? ORDER BY seq').all(caseId, rec.sent_seq) as {
      seq: number;
      bytes: Uint8Array;
    }[];
    return { changes: rows.map((r) => new Uint8Array(r.bytes)), upToSeq: rows.length ? rows[rows.length - 1]!.seq : rec.sent_seq };
  }

  /** Every change of the document (own and received), in the order they were stored: what a new member needs. */
  all(db: ReadDb, caseId: string): Uint8Array[] {
    return (prep(db, 'SELECT bytes FROM shared_changes WHERE case_id = ? ORDER BY seq').pluck().all(caseId) as Uint8Array[]).map((b) => new Uint8Array(b));
  }

  markSent(db: WriteDb, caseId: string, upToSeq: number): void {
    prep(db, 'UPDATE shared_docs SET sent_seq = max(sent_seq, ?) WHERE case_id = ?').run(upToSeq, caseId);
  }

  /** Who wrote an Automerge operation ("counter@actor"), and when by their clock. */
  authorOf(db: ReadDb, caseId: string, opId: string): { actor: string; at: string } {
    const [counter, actor] = opId.split('@') as [string, string];
    const r = prep(db, 'SELECT hlc FROM shared_changes WHERE case_id = ? AND actor = ? AND start_op <= ? AND start_op + op_count > ? ORDER BY start_op DESC LIMIT 1')
      .get(caseId, actor, Number(counter), Number(counter)) as { hlc: string } | undefined;
    return { actor, at: r?.hlc ?? '' };
  }

  private append(db: WriteDb, caseId: string, bytes: Uint8Array, local: boolean, meta = changeMeta(bytes)): void {
    const seq = (prep(db, 'SELECT coalesce(max(seq), 0) + 1 FROM shared_changes WHERE case_id = ?').pluck().get(caseId) as number) ?? 1;
    prep(db, 'INSERT INTO shared_changes (case_id, seq, hash, actor, local, start_op, op_count, hlc, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      caseId,
      seq,
      meta.hash,
      meta.actor,
      local ? 1 : 0,
      meta.startOp,
      meta.opCount,
      meta.hlc,
      bytes,
    );
  }

  private saveState(db: WriteDb, loaded: LoadedDoc): void {
    const heads = headsKey(loaded.doc);
    const rec = prep(db, 'SELECT snapshot_seq FROM shared_docs WHERE case_id = ?').get(loaded.caseId) as { snapshot_seq: number };
    const maxSeq = prep(db, 'SELECT coalesce(max(seq), 0) FROM shared_changes WHERE case_id = ?').pluck().get(loaded.caseId) as number;
    // Changes still waiting for ones they depend on are not in a save(); keep replaying them until they apply.
    if (maxSeq - rec.snapshot_seq >= SNAPSHOT_EVERY && A.getMissingDeps(loaded.doc, []).length === 0) {
      prep(db, 'UPDATE shared_docs SET snapshot = ?, snapshot_seq = ? WHERE case_id = ?').run(A.save(loaded.doc), maxSeq, loaded.caseId);
    }
    prep(db, 'UPDATE shared_docs SET heads = ?, hlc = ? WHERE case_id = ?').run(heads, loaded.hlc ? formatHlc(loaded.hlc) : '', loaded.caseId);
    let byCase = this.cache.get(db);
    if (!byCase) this.cache.set(db, (byCase = new Map()));
    byCase.set(loaded.caseId, { doc: loaded.doc, heads });
  }
}
