import type { EntityKind, EventPayload } from '../../../shared/ipc/events';
import { inTransaction, type WriteDb } from '../../db/connection';
import type { VaultSession } from '../vault-service';
import { prep } from '../../db/statements';

/** One audited change: what happened to which record of which case. */
export interface Change {
  /** e.g. "case.create", "document.trash". */
  action: string;
  entityType: EntityKind;
  entityId?: string | null;
  caseId?: string | null;
  /** Case work records field names only, never values: the trail records that, not what. */
  detail?: Record<string, unknown>;
  /**
   * An access rather than an edit (a view, an export, a backup): recorded in the trail, but the case does not
   * count as recently changed.
   */
  access?: boolean;
}

/** What a write's body gets: the transaction's database, its time, ids, and the trail. */
export interface Write {
  readonly db: WriteDb;
  readonly session: VaultSession;
  /** The time of this change (ISO 8601), from the one injected clock; every row and entry of the write uses it. */
  readonly at: string;
  /** A new record id from the one injected id source. */
  newId(): string;
  /** Appends one audit entry, in this transaction. */
  record(change: Change): void;
  /**
   * Data screens show changed without a trail entry (text extracted by the background job): the
   * `data.changed` event still goes out.
   */
  touched(entityType: EntityKind, caseId?: string | null): void;
  /**
   * Runs `fn` once the write has committed (never after a rollback): for files that may appear only once the
   * database says they exist, such as a shared case's segment in the sync folder.
   */
  afterCommit(fn: () => void): void;
}

export interface ChangeWriterDeps {
  session: () => VaultSession;
  now: () => Date;
  newId: () => string;
  /** Receives one `data.changed` per committed write that touched something; never for a rolled-back one. */
  changed: (event: EventPayload<'data.changed'>) => void;
  /**
   * Runs at the end of every write, inside its transaction, with the cases and kinds of record it touched: shared
   * cases record the write's edits in their merge documents here (services/merge), so an edit and its change
   * record commit or vanish together. Injected, so the write path does not depend on the merge.
   */
  beforeCommit?: (w: Write, caseIds: ReadonlySet<string>, entities: ReadonlySet<EntityKind>) => void;
}

/**
 * The write path. Every change of every domain runs through `write`: the change itself, its audit entries
 * and the touched cases' `updated_at` in one IMMEDIATE transaction, then one `data.changed` event after the
 * commit. A throw (or a crash) anywhere inside leaves neither the change, nor its entry, nor an event.
 * Shared cases add their change record at the end of the same transaction (`beforeCommit`).
 */
export class ChangeWriter {
  private active: Write | null = null;

  constructor(private readonly deps: ChangeWriterDeps) {}

  now(): Date {
    return this.deps.now();
  }

  newId(): string {
    return this.deps.newId();
  }

  /** `session` for the open hooks, which run before the vault service hands out its session. */
  write<T>(fn: (w: Write) => T, session: VaultSession = this.deps.session()): T {
    // A write inside a write joins it: one transaction, one event.
    if (this.active) return fn(this.active);
    const at = this.deps.now().toISOString();
    const entities = new Set<EntityKind>();
    const caseIds = new Set<string>();
    const recentlyChanged = new Set<string>();
    const afterCommit: (() => void)[] = [];
    const db = session.db;
    const w: Write = {
      db,
      session,
      at,
      newId: () => this.deps.newId(),
      record: (c) => {
        session.audit.append(db, {
          action: c.action,
          entityType: c.entityType,
          entityId: c.entityId ?? null,
          caseId: c.caseId ?? null,
          detail: c.detail ?? {},
          at,
        });
        w.touched(c.entityType, c.caseId);
        if (c.caseId && !c.access && c.action !== 'case.delete') recentlyChanged.add(c.caseId);
      },
      touched: (kind, caseId) => {
        entities.add(kind);
        if (caseId) caseIds.add(caseId);
      },
      afterCommit: (fn) => void afterCommit.push(fn),
    };
    this.active = w;
    let out: T;
    try {
      out = inTransaction(db, () => {
        const value = fn(w);
        this.deps.beforeCommit?.(w, caseIds, entities);
        const touch = prep(db, 'UPDATE cases SET updated_at = ? WHERE id = ?');
        for (const id of recentlyChanged) touch.run(at, id);
        // A case's "last changed" is part of the case record (lists sort by it).
        if (recentlyChanged.size) entities.add('case');
        return value;
      });
    } finally {
      this.active = null;
    }
    if (entities.size) this.deps.changed({ entities: [...entities], caseIds: [...caseIds] });
    for (const fn of afterCommit) fn();
    return out;
  }
}
