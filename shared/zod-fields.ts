import type { z } from 'zod';
import { SaktaError } from './errors';

/** Turns a zod failure into field → message pairs a form can show next to each input. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** Parses or throws a VALIDATION error naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what = 'input'): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const fields = fieldErrors(r.error);
  const first = Object.entries(fields)[0];
  const detail = first ? `${first[0]}: ${first[1]}` : 'invalid';
  throw new SaktaError('VALIDATION', `Invalid ${what} (${detail})`, fields);
}
