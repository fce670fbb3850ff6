/**
 * Stable error codes. They cross the IPC boundary and appear in CLI output and tests,
 * so a code is never renamed or reused once released; add new ones at the end.
 */
export const ERROR_CODES = [
  'BAD_REQUEST', // payload failed its schema
  'PAYLOAD_TOO_LARGE',
  'FORBIDDEN_SENDER', // IPC call from an origin or frame that is not our app's main frame
  'UNKNOWN_CHANNEL',
  'VALIDATION', // a field-level problem a user can fix (see `fields`)
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_LOCKED',
  'WRONG_PASSPHRASE',
  'WRONG_RECOVERY_KEY',
  'RECOVERY_KEY_MALFORMED',
  'INTEGRITY', // tampering or corruption detected
  'FORMAT_TOO_NEW',
  'NOT_FOUND',
  'CONFLICT',
  'IO_ERROR',
  'DISK_FULL',
  'READ_ONLY',
  'CANCELLED',
  'UNSUPPORTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface SaktaErrorShape {
  code: ErrorCode;
  message: string;
  /** Field path (dot-joined) → human message, for forms. */
  fields?: Record<string, string>;
}

/** The one error type services throw; everything else is reported as INTERNAL without detail. */
export class SaktaError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'SaktaError';
    this.code = code;
    if (fields) this.fields = fields;
  }
  toShape(): SaktaErrorShape {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export function isSaktaError(e: unknown): e is SaktaError {
  return e instanceof SaktaError;
}
