import { z } from 'zod';
import { Done } from '../common';

/** Typed by the user in the erase dialog; the schema refuses anything else. */
export const ERASE_CONFIRMATION = 'ERASE';

export const protectionChannels = {
  /** Copies a field's text; the main process clears the clipboard after 30 s if it still holds it, and at lock. */
  'protection.copy': { request: z.strictObject({ text: z.string().min(1).max(100_000) }), response: z.strictObject({ clearsInSeconds: z.number().int() }) },
  /** Locks at once (the panic button in the window; the global shortcut goes through the main process). */
  'protection.panic': { request: z.strictObject({}), response: Done },
  /**
   * Emergency erase of this vault: key slots and header first, then every file. Needs the typed confirmation
   * so a stray click cannot trigger it. No passphrase: under pressure the lawyer must be able to do it fast,
   * and anyone with the laptop could delete the folder anyway.
   */
  'protection.erase': {
    request: z.strictObject({ confirm: z.literal(ERASE_CONFIRMATION) }),
    response: z.strictObject({ erased: z.literal(true), filesRemoved: z.number().int() }),
  },
} as const;
