import { z } from 'zod';
import { IdSchema } from '../schemas/common';

/**
 * Request and answer shapes that many channels share. A channel file imports them from here instead of
 * spelling them again (docs/architecture.md, "Adding a channel").
 */

/** The answer of a write that has nothing else to say. */
export const Done = z.strictObject({ done: z.literal(true) });
/** A request naming one record. */
export const ById = z.strictObject({ id: IdSchema });
/** A request naming one case. */
export const ByCase = z.strictObject({ caseId: IdSchema });
/** The id the renderer gives a long job, which its `job.progress` events and its cancel channel carry back. */
export const JobIdSchema = z.string().min(1).max(100);
