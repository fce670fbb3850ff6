import { z } from 'zod';

/**
 * What can go wrong with the sync engine (Sakta's own Syncthing), as stable codes. The Team screen translates a
 * code; the CLI prints the English message below, so both say the same thing. A code is never renamed once released.
 */
export const SYNC_PROBLEM_CODES = ['ENGINE_MISSING', 'PORT_IN_USE', 'PEER_UNKNOWN', 'DISK_FULL', 'ENGINE_FAILED'] as const;
export const SyncProblemCodeSchema = z.enum(SYNC_PROBLEM_CODES);
export type SyncProblemCode = z.infer<typeof SyncProblemCodeSchema>;

/** The English wording of each problem; `detail` (an address, a device id) is appended where there is one. */
export const SYNC_PROBLEM_MESSAGES: Record<SyncProblemCode, string> = {
  ENGINE_MISSING: 'Syncthing is not installed, so shared cases cannot travel. Install it: apt-get install syncthing / brew install syncthing',
  PORT_IN_USE: 'The sync port is already used by another program. Choose another listen address or stop that program.',
  PEER_UNKNOWN: 'A device that is not a member tried to connect; it was refused.',
  DISK_FULL: 'The disk is full: shared files cannot be received until space is freed.',
  ENGINE_FAILED: 'Syncthing stopped unexpectedly.',
};

export const SyncProblemSchema = z.strictObject({
  code: SyncProblemCodeSchema,
  message: z.string(),
  /** The folder it concerns, when it concerns one. */
  folderId: z.string().nullable(),
  /** What the code alone does not say: the address in use, the refused device's id. Never a path or a case name. */
  detail: z.string().nullable(),
  at: z.string(),
});
export type SyncProblem = z.infer<typeof SyncProblemSchema>;

/** One Syncthing folder (one per shared case) as a lawyer reads it. */
export const SyncFolderStatusSchema = z.strictObject({
  folderId: z.string(),
  /** Syncthing's folder state: idle, scanning, syncing, error, … */
  state: z.string(),
  /** Last time this daemon saw the folder with nothing left to fetch while a member was connected (ISO); null: not yet. */
  lastSynced: z.string().nullable(),
  /** Members' devices of this folder connected right now. */
  peersConnected: z.number().int().nonnegative(),
  peersTotal: z.number().int().nonnegative(),
  /** Files this device still has to fetch, and their bytes. */
  filesWaiting: z.number().int().nonnegative(),
  bytesToGo: z.number().nonnegative(),
  /** 0…1: the share of the folder's bytes this device already has. */
  progress: z.number().min(0).max(1),
});
export type SyncFolderStatus = z.infer<typeof SyncFolderStatusSchema>;

export const SyncEngineStatusSchema = z.strictObject({
  running: z.boolean(),
  /** This Syncthing's own device id (not Sakta's device identity). */
  deviceId: z.string().nullable(),
  folders: z.array(SyncFolderStatusSchema),
  problems: z.array(SyncProblemSchema),
});
export type SyncEngineStatus = z.infer<typeof SyncEngineStatusSchema>;

/**
 * The Team screen's engine panel (`team.engine`): what `sakta sync-status --json` reports as `engine` and per case,
 * from the same `TeamSync.status()`. `missing`: the last start found no Syncthing binary.
 */
export const EngineStateSchema = z.enum(['running', 'stopped', 'missing']);
export type EngineState = z.infer<typeof EngineStateSchema>;

export const EngineProblemViewSchema = z.strictObject({
  /** EXCHANGE_FAILED: an automatic exchange of a case folder threw (the exchange's own words are not shown). */
  code: z.union([SyncProblemCodeSchema, z.literal('EXCHANGE_FAILED')]),
  message: z.string().max(2000),
  folderId: z.string().max(200).nullable(),
  detail: z.string().max(500).nullable(),
  at: z.string(),
});
export type EngineProblemView = z.infer<typeof EngineProblemViewSchema>;

export const EngineCaseViewSchema = z.strictObject({
  caseId: z.uuid(),
  title: z.string().nullable(),
  openConflicts: z.number().int().nonnegative(),
  /** Null while the engine is not running (then nothing is known of the folder). */
  folder: SyncFolderStatusSchema.nullable(),
});
export type EngineCaseView = z.infer<typeof EngineCaseViewSchema>;

export const TeamEngineSchema = z.strictObject({
  state: EngineStateSchema,
  deviceId: z.string().nullable(),
  peersOnline: z.number().int().nonnegative(),
  problems: z.array(EngineProblemViewSchema).max(200),
  /** Only the cases carried by Syncthing (a team folder); cases exchanged by hand are in `team.status`. */
  cases: z.array(EngineCaseViewSchema).max(100_000),
});
export type TeamEngine = z.infer<typeof TeamEngineSchema>;
