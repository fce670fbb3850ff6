import type { z } from 'zod';

/**
 * A body read from the sync folder (an offer, or the plaintext of an envelope or a segment): UTF-8 JSON checked
 * against its schema. null for anything else, so the caller reports the file as malformed and never throws on it.
 */
export function parseJsonBody<S extends z.ZodType>(bytes: Uint8Array, schema: S): z.output<S> | null {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
