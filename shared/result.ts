import { z } from 'zod';
import { ERROR_CODES, type SaktaErrorShape } from './errors';

export type Result<T> = { ok: true; value: T } | { ok: false; error: SaktaErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: SaktaErrorShape): Result<never> => ({ ok: false, error });

export const ErrorShapeSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
});
