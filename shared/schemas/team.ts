import { z } from 'zod';
import { DeviceIdSchema, SYNC_REPORT_CODES } from './sharing';

/**
 * What the Team screen, the case page and the conflicts view see of shared cases (issue 18). The services
 * behind them are the CLI's (`sakta identity`, `pair`, `share`, `members`, `unshare`, `sync`, `conflicts`,
 * `resolve`); folders cross only as dialog tokens, never as paths typed by the page.
 */

/** 12 groups of 5 digits, as both screens show it. */
export const SafetyCodeSchema = z.string().regex(/^\d{5}( \d{5}){11}$/, 'Not a safety code');

const Time = z.string().max(40);

export const PairedPeerSchema = z.strictObject({
  deviceId: DeviceIdSchema,
  name: z.string().max(200),
  pairedAt: Time,
  safetyCode: SafetyCodeSchema,
});
export type PairedPeer = z.output<typeof PairedPeerSchema>;

export const TeamIdentitySchema = z.strictObject({
  /** Null until this device is set up for sharing (`team.setUp`): a read never makes keys. */
  deviceId: DeviceIdSchema.nullable(),
  peers: z.array(PairedPeerSchema).max(1000),
  /** The team folder every sync goes through, chosen once in the folder dialog (null: not chosen yet). */
  teamFolder: z.string().max(4096).nullable(),
});
export type TeamIdentity = z.output<typeof TeamIdentitySchema>;

export const PairOffersSchema = z.strictObject({
  /** Whether this call left this device's offer (false: a valid one was already there). */
  created: z.boolean(),
  offers: z.array(
    z.strictObject({ file: z.string().max(200), deviceId: DeviceIdSchema, safetyCode: SafetyCodeSchema, pairedAs: z.string().max(200).nullable() }),
  ).max(1000),
  refused: z.array(z.strictObject({ file: z.string().max(200), message: z.string().max(1000) })).max(1000),
});
export type PairOffers = z.output<typeof PairOffersSchema>;

export const MemberSchema = z.strictObject({
  deviceId: DeviceIdSchema,
  name: z.string().max(200).nullable(),
  self: z.boolean(),
  status: z.enum(['active', 'removed']),
  addedEpoch: z.number().int(),
  removedEpoch: z.number().int().nullable(),
});
export type Member = z.output<typeof MemberSchema>;

export const CaseMembersSchema = z.strictObject({ caseId: z.uuid(), shared: z.boolean(), members: z.array(MemberSchema).max(1000) });
export type CaseMembers = z.output<typeof CaseMembersSchema>;

export const ShareResultSchema = z.strictObject({ caseId: z.uuid(), deviceId: DeviceIdSchema, epoch: z.number().int() });

export const SyncReportSchema = z.strictObject({
  code: z.enum(SYNC_REPORT_CODES),
  file: z.string().max(200).nullable(),
  caseId: z.string().max(64).nullable(),
  author: z.string().max(64).nullable(),
  counter: z.number().int().nullable(),
  message: z.string().max(2000),
});

export const SyncSummarySchema = z.strictObject({
  sent: z.array(z.strictObject({ caseId: z.string(), counter: z.number().int(), changes: z.number().int(), documents: z.number().int() })).max(10_000),
  received: z
    .array(
      z.strictObject({
        caseId: z.string(),
        from: z.string(),
        counter: z.number().int(),
        changes: z.number().int(),
        conflictsOpened: z.number().int(),
        documentsShown: z.number().int(),
      }),
    )
    .max(10_000),
  keysReceived: z.array(z.strictObject({ caseId: z.string(), epoch: z.number().int(), from: z.string() })).max(10_000),
  documentsWaiting: z.number().int(),
  openConflicts: z.number().int(),
  reports: z.array(SyncReportSchema).max(10_000),
  /** This device's segments the exchange compacted into a snapshot (docs/sync-folder.md §5.5), per case. */
  compacted: z.array(z.strictObject({ caseId: z.string(), upTo: z.number().int(), removedFiles: z.number().int() })).max(10_000),
});
export type SyncSummary = z.output<typeof SyncSummarySchema>;

export const SharedCaseStateSchema = z.strictObject({
  caseId: z.uuid(),
  title: z.string().nullable(),
  lastSentAt: Time.nullable(),
  lastReceivedAt: Time.nullable(),
  openConflicts: z.number().int(),
  documentsWaiting: z.number().int(),
});
export type SharedCaseState = z.output<typeof SharedCaseStateSchema>;

export const ConflictIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'Not a conflict id');
const Value = z.union([z.string(), z.number(), z.null()]);

export const ConflictViewSchema = z.strictObject({
  id: ConflictIdSchema,
  caseId: z.uuid(),
  caseTitle: z.string().nullable(),
  table: z.string().max(64),
  rowKey: z.string().max(200),
  field: z.string().max(64),
  kind: z.enum(['field', 'removed']),
  shown: Value,
  openedAt: Time,
  values: z
    .array(
      z.strictObject({
        valueId: z.string().max(200),
        value: Value,
        /** The author's device id; `authorName` is the local name of that peer, null when unknown here. */
        actor: z.string().max(64),
        authorName: z.string().max(200).nullable(),
        self: z.boolean(),
        at: Time.nullable(),
      }),
    )
    .min(1)
    .max(100),
});
export type ConflictView = z.output<typeof ConflictViewSchema>;
