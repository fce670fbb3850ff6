import { SaktaError } from '../../../shared/errors';
import type { ReadDb } from '../../db/connection';
import type { ChangeWriter } from '../changes/change-writer';
import type { VaultService, VaultSession } from '../vault-service';

export interface CaseWorkDeps {
  vault: VaultService;
  writer: ChangeWriter;
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

/** Shared plumbing of the case-work services: the session per request, and the write path's clock and ids. */
export class CaseWorkContext {
  constructor(private readonly deps: CaseWorkDeps) {}

  /** Every change goes through it: the row, its audit entry and `data.changed` in one transaction. */
  get writer(): ChangeWriter {
    return this.deps.writer;
  }

  session(): VaultSession {
    return this.deps.vault.current();
  }

  read(): ReadDb {
    return this.session().db;
  }

  now(): Date {
    return this.deps.writer.now();
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  today(): string {
    return localDay(this.now());
  }

  newId(): string {
    return this.deps.writer.newId();
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
