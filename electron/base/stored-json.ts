import { z } from 'zod';
import { SaktaError } from '../../shared/errors';

/**
 * A JSON column read back from the database, checked against the shape the code relies on. The database is
 * ours and authenticated, but a row written by an older or newer Sakta, or by a bug, must stop with a clear
 * INTEGRITY error naming what could not be read, not flow on as a wrong type.
 */
export function storedJson<S extends z.ZodType>(text: string, schema: S, what: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SaktaError('INTEGRITY', `A stored ${what} could not be read.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new SaktaError('INTEGRITY', `A stored ${what} has an unexpected shape.`);
  return parsed.data;
}

/** Shapes of JSON columns several services read (lenient: extra keys written by another version are ignored). */
export const StoredCourtNumbers = z.array(z.object({ number: z.string(), body: z.string().nullable().optional() }));
export const StoredStrings = z.array(z.string());
