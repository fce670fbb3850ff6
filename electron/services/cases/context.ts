import { randomUUID } from 'node:crypto';
import { SaktaError } from '../../../shared/errors';
import { inTransaction, type ReadDb, type WriteDb } from '../../db/connection';
import type { VaultService, VaultSession } from '../vault-service';

export interface CaseWorkDeps {
  vault: VaultService;
  now?: () => Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of `d`: hearings and deadlines are days on the lawyer's wall calendar. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A field-level VALIDATION error: what a form shows next to the input, what the CLI exits 2 with. */
export function invalid(field: string, message: string): SaktaError {
  return new SaktaError('VALIDATION', `${message} (${field})`, { [field]: message });
}

export function notFound(what: string): SaktaError {
  return new SaktaError('NOT_FOUND', `That ${what} does not exist (it may have been deleted).`);
}

export interface Change {
  action: string;
  entityType: string;
  entityId: string;
  caseId: string | null;
  /** Names of the changed fields, never their values: the trail records that, not what. */
  fields?: string[];
}

/** Shared plumbing of the case-work services: the session per request, time, and audited writes. */
export class CaseWorkContext {
  constructor(private readonly deps: CaseWorkDeps) {}

  session(): VaultSession {
    return this.deps.vault.current();
  }

  read(): ReadDb {
    return this.session().db;
  }

  now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  today(): string {
    return localDay(this.now());
  }

  newId(): string {
    return randomUUID();
  }

  /**
   * Runs `fn` and its audit entries in one transaction: either the change and its trail land
   * together, or neither does. Each change also marks its case as recently changed.
   */
  write<T>(fn: (db: WriteDb, record: (c: Change) => void, at: string) => T): T {
    const s = this.session();
    const at = this.nowIso();
    return inTransaction(s.db, () => {
      const touched = new Set<string>();
      const record = (c: Change) => {
        s.audit.append(s.db, {
          action: c.action,
          entityType: c.entityType,
          entityId: c.entityId,
          caseId: c.caseId,
          detail: c.fields ? { fields: c.fields } : {},
        });
        if (c.caseId && c.action !== 'case.delete') touched.add(c.caseId);
      };
      const out = fn(s.db, record, at);
      const touch = s.db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?');
      for (const id of touched) touch.run(at, id);
      return out;
    });
  }
}

/** Fields whose value differs between the stored record and the patched one. */
export function changedFields<T extends object>(before: T, after: T, keys: (keyof T)[]): string[] {
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map(String);
}

/** Copies defined keys of `patch` over `base` (undefined means "leave as is"). */
export function applyPatch<T extends object>(base: T, patch: Partial<T>): T {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
