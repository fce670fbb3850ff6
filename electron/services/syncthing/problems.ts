import { SaktaError, type ErrorCode } from '../../../shared/errors';
import { SYNC_PROBLEM_MESSAGES, type SyncProblem, type SyncProblemCode } from '../../../shared/schemas/sync-engine';

/** The general error code each sync problem travels under (for exit codes and the IPC error shape). */
const GENERAL: Record<SyncProblemCode, ErrorCode> = {
  ENGINE_MISSING: 'UNSUPPORTED',
  PORT_IN_USE: 'CONFLICT',
  PEER_UNKNOWN: 'NOT_FOUND',
  DISK_FULL: 'DISK_FULL',
  ENGINE_FAILED: 'IO_ERROR',
};

/** A thrown sync problem: `problem` is the stable code the Team screen translates. */
export class SyncEngineError extends SaktaError {
  readonly problem: SyncProblemCode;
  readonly detail: string | null;
  constructor(problem: SyncProblemCode, detail: string | null = null) {
    super(GENERAL[problem], detail ? `${SYNC_PROBLEM_MESSAGES[problem]} (${detail})` : SYNC_PROBLEM_MESSAGES[problem]);
    this.problem = problem;
    this.detail = detail;
  }
}

export function problem(code: SyncProblemCode, at: Date, opts: { folderId?: string | null; detail?: string | null } = {}): SyncProblem {
  return { code, message: SYNC_PROBLEM_MESSAGES[code], folderId: opts.folderId ?? null, detail: opts.detail ?? null, at: at.toISOString() };
}

/**
 * Reads a problem out of one of Syncthing's log lines or error texts. Syncthing's wording is not an API, so only
 * the plain operating-system phrases are matched (they come from the OS, through Go, unchanged across versions).
 */
export function problemInText(text: string): SyncProblemCode | null {
  if (/address already in use/i.test(text)) return 'PORT_IN_USE';
  if (/no space left on device|insufficient space|disk full/i.test(text)) return 'DISK_FULL';
  return null;
}
