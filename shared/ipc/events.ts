import { z } from 'zod';

/** Why the vault locked: the one vocabulary of the lock policy, the vault service and the `vault.locked` event. */
export const LockReasonSchema = z.enum(['user', 'idle', 'suspend', 'screen-lock', 'panic', 'shutdown']);
export type LockReason = z.output<typeof LockReasonSchema>;

/**
 * What a change touched, as `data.changed` names it: the audit trail's entity types. The renderer maps each
 * read channel to the kinds its answer depends on (shared/ipc/reads.ts) and reloads what matches.
 */
export const EntityKindSchema = z.enum([
  'case',
  'category',
  'person',
  'role',
  'proceeding',
  'event',
  'hearing',
  'deadline',
  'note',
  'document',
  'bundle_definition',
  'settings',
  'vault',
]);
export type EntityKind = z.output<typeof EntityKindSchema>;

/** Progress of a long job: import, text extraction (and its pages), bundle export, backup. */
export const JobProgressSchema = z.strictObject({
  jobId: z.string(),
  kind: z.enum(['import', 'extract', 'extract.pages', 'bundle', 'backup']),
  done: z.number(),
  total: z.number(),
  label: z.string().optional(),
});
export type JobProgress = z.output<typeof JobProgressSchema>;

/** Main → renderer events. Payloads carry no case data beyond what the renderer already asked for. */
export const events = {
  /** The vault was locked (idle, suspend, panic, or by request): the renderer must drop all case data. */
  'vault.locked': z.strictObject({ reason: LockReasonSchema }),
  /** Progress of a long job (import, extraction, bundle, backup). */
  'job.progress': JobProgressSchema,
  /**
   * A write committed: which kinds of records it touched, and in which cases (empty when none, e.g. a person
   * or a setting). Sent once per transaction, after the commit, by the write path (electron/services/changes).
   */
  'data.changed': z.strictObject({ entities: z.array(EntityKindSchema).min(1), caseIds: z.array(z.string()) }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
