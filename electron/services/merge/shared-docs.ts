import * as A from '@automerge/automerge';
import type { EntityKind } from '../../../shared/ipc/events';
import { SaktaError } from '../../../shared/errors';
import type { ReadDb } from '../../db/connection';
import type { Write } from '../changes/change-writer';
import type { SearchService } from '../search/search-service';
import { applyEdits, diffCase, type RowEdit } from './capture';
import { getConflict, listConflicts, refreshConflicts, type Conflict } from './conflicts';
import { DocStore, type LoadedDoc } from './doc-store';
import { project, rowsTouchedBy } from './project';
import { TABLE_BY_NAME, TABLES } from './tables';
import { docRows, fromDocValue, isHeld, isLive, LIFE, registerValues, toDocValue } from './values';
import { prep } from '../../db/statements';

export type { Conflict, ConflictValue } from './conflicts';

export interface SharedDocsDeps {
  search: SearchService;
}

/** What one `applyRemote` did here. */
export interface ApplyResult {
  /** Changes new to this device (a change seen before is ignored). */
  added: number;
  /** Rows written and removed here. */
  written: number;
  removed: number;
  conflictsOpened: number;
  conflictsClosed: number;
  /** Documents that appeared here: their text is to be extracted (DocumentService.scheduleExtraction). */
  documentsShown: string[];
  /** Changes that wait for earlier ones from their author (not applied until those arrive). */
  waiting: number;
}

const KIND: Record<string, EntityKind> = {
  cases: 'case',
  persons: 'person',
  case_roles: 'role',
  proceedings: 'proceeding',
  events: 'event',
  event_persons: 'event',
  hearings: 'hearing',
  hearing_changes: 'hearing',
  deadlines: 'deadline',
  notes: 'note',
  documents: 'document',
  document_links: 'document',
};

function addRow(rows: Map<string, Set<string>>, table: string, key: string) {
  const s = rows.get(table) ?? new Set<string>();
  s.add(key);
  rows.set(table, s);
}

/**
 * The merge side of shared cases: one Automerge document per shared case holding its synced rows. Local edits
 * reach it through `captureLocal` (the write path calls it inside every write); other members' changes come in
 * through `applyRemote`, which writes every changed field back to the rows in the same write. Concurrent edits of
 * one field are kept as a conflict on every member's device until someone resolves it; nothing is dropped.
 * Transport (segments, keys, blob files) is not here: it moves the bytes `pendingChanges` hands out.
 */
export class SharedDocs {
  private readonly store = new DocStore();

  constructor(private readonly deps: SharedDocsDeps) {}

  isShared(db: ReadDb, caseId: string): boolean {
    return this.store.isShared(db, caseId);
  }

  sharedCaseIds(db: ReadDb): string[] {
    return this.store.sharedCaseIds(db);
  }

  /** Starts sharing a case from this device: its document is built from today's rows, as this device's (`actor`) first change. */
  startSharing(w: Write, caseId: string, actor: string): void {
    if (!prep(w.db, 'SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw new SaktaError('NOT_FOUND', 'There is no such case.');
    this.store.create(w, caseId, actor);
    const loaded = this.store.load(w.db, caseId)!;
    const edits = diffCase(w.db, caseId, loaded.doc);
    this.store.change(w.db, loaded, w.at, (d, hlc) => {
      // The table maps are made here once; every other member only ever adds rows to them.
      d.t = {};
      for (const spec of TABLES) d.t[spec.table] = {};
      applyEdits(d, edits, hlc);
    });
    w.touched('case', caseId);
  }

  /** Joins a case another member shares: an empty document that the first `applyRemote` fills (the case's rows arrive with it). */
  join(w: Write, caseId: string, actor: string): void {
    this.store.create(w, caseId, actor);
  }

  /** Stops keeping the case's document here; the rows stay as they are. */
  stopSharing(w: Write, caseId: string): void {
    this.store.drop(w.db, caseId);
    w.touched('case', caseId);
  }

  /**
   * Records the write's edits of shared cases in their documents: one Automerge change per case. Called by the
   * write path before its commit, with the cases the write touched; a change to a person reaches every shared
   * case (a person may be named by a case's events only, which the write does not list).
   */
  captureLocal(w: Write, caseIds: Iterable<string>, entities: Iterable<EntityKind> = []): void {
    const shared = this.store.sharedCaseIds(w.db);
    if (shared.length === 0) return;
    const wanted = new Set(caseIds);
    const all = [...entities].includes('person');
    for (const caseId of shared) if (all || wanted.has(caseId)) this.captureCase(w, caseId);
  }

  pendingChanges(db: ReadDb, caseId: string): { changes: Uint8Array[]; upToSeq: number } {
    return this.store.pending(db, caseId);
  }

  /** Every change of the case's document, own and received: what a member added later needs. */
  allChanges(db: ReadDb, caseId: string): Uint8Array[] {
    return this.store.all(db, caseId);
  }

  /** The device (Automerge actor) that wrote a change, or null for bytes that are not a change. */
  changeActor(bytes: Uint8Array): string | null {
    try {
      return A.decodeChange(bytes).actor;
    } catch {
      return null;
    }
  }

  markSent(w: Write, caseId: string, upToSeq: number): void {
    this.store.markSent(w.db, caseId, upToSeq);
  }

  /**
   * Whether received changes can be taken in: each must be an Automerge change (else `malformed`), and each not
   * already here must be by `author` (the segment's signer) or by an actor `mayCarry` vouches for (history handed
   * on when a member is added); else `foreign`: a member could be writing in another's name.
   */
  screenRemote(db: ReadDb, caseId: string, changes: Uint8Array[], author: string, mayCarry: (actor: string) => boolean): 'ok' | 'malformed' | 'foreign' {
    const known = prep(db, 'SELECT 1 FROM shared_changes WHERE case_id = ? AND hash = ?');
    let foreign = false;
    for (const bytes of changes) {
      let c: A.DecodedChange;
      try {
        c = A.decodeChange(bytes);
      } catch {
        return 'malformed';
      }
      if (c.actor !== author && !known.get(caseId, c.hash) && !mayCarry(c.actor)) foreign = true;
    }
    return foreign ? 'foreign' : 'ok';
  }

  /** Applies changes other members made (`from` names who sent them, for the trail) and writes them into the rows. */
  applyRemote(w: Write, caseId: string, changes: Uint8Array[], from: string): ApplyResult {
    const loaded = this.loadOrThrow(w.db, caseId);
    const { before, added } = this.store.applyRemote(w.db, loaded, changes, w.at);
    const waiting = A.getMissingDeps(loaded.doc, []).length;
    const result: ApplyResult = { added, written: 0, removed: 0, conflictsOpened: 0, conflictsClosed: 0, documentsShown: [], waiting };
    if (added === 0) return result;
    // Every change that became part of the document now, including ones that waited for these.
    const rows = rowsTouchedBy(loaded.doc, A.getChangesSince(loaded.doc, before));
    const p = project(w.db, caseId, loaded.doc, rows, w.at, this.deps.search);
    Object.assign(result, { written: p.written, removed: p.removed, documentsShown: p.documentsShown });
    // What the rows could not take as sent (a reference to a row removed here, a role held twice) is recorded back.
    this.captureCase(w, caseId);
    const c = refreshConflicts(this.store, w.db, caseId, loaded.doc, rows, w.at);
    result.conflictsOpened = c.opened;
    result.conflictsClosed = c.closed;
    for (const table of rows.keys()) w.touched(KIND[table]!, caseId);
    w.record({
      action: 'sync.receive',
      entityType: 'case',
      entityId: caseId,
      caseId,
      detail: { from, changes: added, written: p.written, removed: p.removed, conflicts: c.opened },
    });
    return result;
  }

  conflicts(db: ReadDb, caseId?: string): Conflict[] {
    return listConflicts(db, caseId);
  }

  /** Keeps one of a conflict's values: written as a new change, it supersedes every value, here and, once synced, on every device. */
  resolve(w: Write, conflictId: string, valueId: string): Conflict {
    const c = getConflict(w.db, conflictId);
    if (!c) throw new SaktaError('NOT_FOUND', 'There is no such open conflict (it may have been resolved already).');
    const loaded = this.loadOrThrow(w.db, c.caseId);
    const row = docRows(loaded.doc, c.table)[c.rowKey];
    const values = row ? registerValues(row, c.field) : new Map();
    if (!values.has(valueId)) throw new SaktaError('CONFLICT', 'That value is not one of this conflict’s values now; list the conflicts again.');
    const chosen = values.get(valueId) as string | number | null;
    this.store.change(w.db, loaded, w.at, (d, hlc) => {
      const r = d.t![c.table]![c.rowKey]!;
      if (c.field === LIFE) r[LIFE] = toDocValue(`${String(chosen).startsWith('live') ? 'live' : 'gone'}:${hlc}`);
      else r[c.field] = toDocValue(chosen);
    });
    const rows = new Map([[c.table, new Set([c.rowKey])]]);
    const p = project(w.db, c.caseId, loaded.doc, rows, w.at, this.deps.search);
    this.captureCase(w, c.caseId);
    refreshConflicts(this.store, w.db, c.caseId, loaded.doc, rows, w.at);
    w.touched(KIND[c.table]!, c.caseId);
    void p;
    w.record({
      action: 'conflict.resolve',
      entityType: KIND[c.table]!,
      entityId: c.rowKey,
      caseId: c.caseId,
      detail: { conflict: c.id, field: c.field, kind: c.kind },
    });
    return c;
  }

  /** Blob ids the case's documents need and this vault lacks (those documents stay hidden until each arrives). */
  blobsNeeded(db: ReadDb, caseId: string): string[] {
    const loaded = this.store.load(db, caseId);
    if (!loaded) return [];
    return Object.values(docRows(loaded.doc, 'documents'))
      .filter((d) => isLive(d) && isHeld(db, loaded.doc, 'documents', d))
      .map((d) => String(fromDocValue(d.blob_id)));
  }

  /** Blob ids of the case's shown documents: the files a member needs beside the changes. */
  documentBlobs(db: ReadDb, caseId: string): string[] {
    const loaded = this.store.load(db, caseId);
    if (!loaded) return [];
    return Object.values(docRows(loaded.doc, 'documents'))
      .filter((d) => isLive(d))
      .map((d) => String(fromDocValue(d.blob_id)));
  }

  /** A blob a document waited for is now in this vault's store (verified): its documents appear. Returns their ids. */
  blobArrived(w: Write, blobId: string): string[] {
    const shown: string[] = [];
    for (const caseId of this.store.sharedCaseIds(w.db)) {
      const loaded = this.store.load(w.db, caseId)!;
      const rows = new Map<string, Set<string>>();
      for (const [key, d] of Object.entries(docRows(loaded.doc, 'documents'))) {
        if (fromDocValue(d.blob_id) !== blobId) continue;
        addRow(rows, 'documents', key);
        for (const [lk, l] of Object.entries(docRows(loaded.doc, 'document_links'))) if (fromDocValue(l.document_id) === key) addRow(rows, 'document_links', lk);
      }
      if (!rows.size) continue;
      const p = project(w.db, caseId, loaded.doc, rows, w.at, this.deps.search);
      shown.push(...p.documentsShown);
      if (p.written) w.touched('document', caseId);
    }
    return shown;
  }

  private loadOrThrow(db: ReadDb, caseId: string): LoadedDoc {
    const loaded = this.store.load(db, caseId);
    if (!loaded) throw new SaktaError('NOT_FOUND', 'This case is not shared.');
    return loaded;
  }

  private captureCase(w: Write, caseId: string): void {
    const loaded = this.store.load(w.db, caseId);
    // A joined case whose first changes have not arrived has nothing to compare with yet.
    if (!loaded?.doc.t) return;
    if (!prep(w.db, 'SELECT 1 FROM cases WHERE id = ?').get(caseId)) {
      // The case was removed here: this device leaves it; the others keep theirs.
      if (isLive(docRows(loaded.doc, 'cases')[caseId])) this.store.drop(w.db, caseId);
      return;
    }
    const edits = diffCase(w.db, caseId, loaded.doc);
    if (edits.length === 0) return;
    this.store.change(w.db, loaded, w.at, (d, hlc) => applyEdits(d, edits, hlc));
    // The rows already hold these values; only the conflicts they settle (or keep) are refreshed.
    refreshConflicts(this.store, w.db, caseId, loaded.doc, editedRows(loaded, edits), w.at);
  }
}

/** The rows an edit list touched, with the parents their edits keep alive. */
function editedRows(loaded: LoadedDoc, edits: RowEdit[]): Map<string, Set<string>> {
  const rows = new Map<string, Set<string>>();
  for (const e of edits) {
    addRow(rows, e.table, e.key);
    const parent = TABLE_BY_NAME.get(e.table)?.parent;
    const row = docRows(loaded.doc, e.table)[e.key];
    if (parent && row) addRow(rows, parent.table, String(fromDocValue(row[parent.column])));
  }
  return rows;
}
