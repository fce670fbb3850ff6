import { z } from 'zod';

/** Main → renderer events. Payloads carry no case data beyond what the renderer already asked for. */
export const events = {
  /** The vault was locked (idle, suspend, panic, or by request): the renderer must drop all case data. */
  'vault.locked': z.strictObject({ reason: z.enum(['user', 'idle', 'suspend', 'screen-lock', 'panic', 'shutdown']) }),
  /** Progress of a long job (import, export, backup, bundle). */
  'job.progress': z.strictObject({
    jobId: z.string(),
    kind: z.string(),
    done: z.number(),
    total: z.number(),
    label: z.string().optional(),
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
