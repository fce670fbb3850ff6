import type { ErrorCode } from '../../shared/errors';

/** 0 ok, 1 error, 2 bad usage or input, 3 wrong passphrase or key, 4 integrity failure. */
export const EXIT = { ok: 0, error: 1, usage: 2, wrongKey: 3, integrity: 4 } as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'BAD_REQUEST':
    case 'VALIDATION':
    case 'RECOVERY_KEY_MALFORMED':
      return EXIT.usage;
    case 'WRONG_PASSPHRASE':
    case 'WRONG_RECOVERY_KEY':
      return EXIT.wrongKey;
    case 'INTEGRITY':
      return EXIT.integrity;
    default:
      return EXIT.error;
  }
}
