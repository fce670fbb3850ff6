import { z } from 'zod';
import { IdSchema } from '../../schemas/common';
import { PathTokenSchema } from '../../schemas/picked';
import { DeviceIdSchema, PeerNameSchema } from '../../schemas/sharing';
import {
  CaseMembersSchema,
  ConflictIdSchema,
  ConflictViewSchema,
  PairOffersSchema,
  SharedCaseStateSchema,
  ShareResultSchema,
  SyncSummarySchema,
  TeamIdentitySchema,
} from '../../schemas/team';
import { TeamEngineSchema } from '../../schemas/sync-engine';

const Empty = z.strictObject({});

/**
 * Shared cases in the window (issue 18, docs/sync.md): the same services as `sakta identity`, `pair`, `share`,
 * `members`, `unshare`, `sync`, `conflicts` and `resolve`. Folders are named by dialog tokens only.
 */
export const teamChannels = {
  /** This device's id (null until set up) and its paired devices with the safety code shared with each. */
  'team.identity': { request: Empty, response: TeamIdentitySchema },
  /** Makes this device's identity (its keys), the explicit first step: one trail entry of its own. */
  'team.setUp': { request: Empty, response: z.strictObject({ deviceId: DeviceIdSchema }) },
  /** Makes the folder the folder dialog just returned (purpose "team-folder") the team folder every sync uses. */
  'team.setFolder': { request: z.strictObject({ folder: PathTokenSchema }), response: z.strictObject({ name: z.string() }) },
  /**
   * Leaves this device's offer in the pairing folder (dialog purpose "pairing-folder") and lists the others'
   * offers with their safety codes. The token stays good for the scans and the confirmation that follow.
   */
  'team.pair': { request: z.strictObject({ folder: PathTokenSchema }), response: PairOffersSchema },
  /** Trusts the device whose offer has this safety code (compared on both screens) under a local name. */
  'team.confirmPair': {
    request: z.strictObject({ folder: PathTokenSchema, code: z.string().max(200), name: PeerNameSchema }),
    response: z.strictObject({ deviceId: DeviceIdSchema, name: z.string(), pairedAt: z.string() }),
  },
  /** Shares a case with a paired device through the team folder. */
  'team.share': { request: z.strictObject({ caseId: IdSchema, deviceId: DeviceIdSchema }), response: ShareResultSchema },
  'team.members': { request: z.strictObject({ caseId: IdSchema }), response: CaseMembersSchema },
  /** Removes a member: a new key for the others; they keep what they already had and receive nothing new. */
  'team.unshare': { request: z.strictObject({ caseId: IdSchema, deviceId: DeviceIdSchema }), response: ShareResultSchema },
  /** One exchange with the team folder: each segment sent or applied is its own write with its own trail entry. */
  'team.sync': { request: Empty, response: SyncSummarySchema },
  /** Each shared case: last sent and received, open conflicts, documents on their way. */
  'team.status': { request: Empty, response: z.strictObject({ cases: z.array(SharedCaseStateSchema).max(100_000) }) },
  /**
   * Sakta's own Syncthing (team sync): running, stopped or not installed, peers online, problems by code, and per
   * case carried by it the folder as the daemon sees it. The same `TeamSync.status()` as `sakta sync-status`.
   */
  'team.engine': { request: Empty, response: TeamEngineSchema },
  'team.conflicts': { request: z.strictObject({ caseId: IdSchema.optional() }), response: z.strictObject({ conflicts: z.array(ConflictViewSchema).max(100_000) }) },
  /** Keeps one value of a conflict; written as a new change that reaches every member at their next sync. */
  'team.resolve': { request: z.strictObject({ conflictId: ConflictIdSchema, take: z.string().min(1).max(200) }), response: z.strictObject({ caseId: z.uuid() }) },
} as const;
