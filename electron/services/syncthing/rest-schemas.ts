import { z } from 'zod';

/**
 * What Sakta reads from Syncthing's REST API (v1.19), checked before use. Objects are not strict: Syncthing adds
 * fields between versions, and an unknown field must not stop sync; a missing or mistyped one we use does.
 */
export const SystemStatusSchema = z.object({ myID: z.string().regex(/^[A-Z2-7]{7}(-[A-Z2-7]{7}){7}$/) });

export const PingSchema = z.object({ ping: z.literal('pong') });

export const DbStatusSchema = z.object({
  state: z.string(),
  needFiles: z.number().int().nonnegative(),
  needBytes: z.number().nonnegative(),
  needDeletes: z.number().int().nonnegative(),
  needTotalItems: z.number().int().nonnegative(),
  globalBytes: z.number().nonnegative(),
  inSyncBytes: z.number().nonnegative(),
  localFiles: z.number().int().nonnegative(),
  globalFiles: z.number().int().nonnegative(),
  pullErrors: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  sequence: z.number().int(),
});
export type DbStatus = z.infer<typeof DbStatusSchema>;

export const ConnectionsSchema = z.object({
  connections: z.record(z.string(), z.object({ connected: z.boolean(), paused: z.boolean(), address: z.string(), inBytesTotal: z.number(), outBytesTotal: z.number() })),
});

export const CompletionSchema = z.object({ completion: z.number(), needBytes: z.number(), needItems: z.number().int(), globalBytes: z.number() });

export const FolderErrorsSchema = z.object({ errors: z.array(z.object({ path: z.string(), error: z.string() })).nullable() });

export const SystemErrorsSchema = z.object({ errors: z.array(z.object({ when: z.string(), message: z.string() })).nullable() });

const FolderDeviceSchema = z.object({ deviceID: z.string(), introducedBy: z.string().optional(), encryptionPassword: z.string().optional() });
export const FolderConfigSchema = z.object({
  id: z.string(),
  label: z.string(),
  path: z.string(),
  type: z.string(),
  devices: z.array(FolderDeviceSchema),
  rescanIntervalS: z.number().int(),
  fsWatcherEnabled: z.boolean(),
  fsWatcherDelayS: z.number(),
  paused: z.boolean(),
});
export type FolderConfig = z.infer<typeof FolderConfigSchema>;

export const DeviceConfigSchema = z.object({ deviceID: z.string(), name: z.string(), addresses: z.array(z.string()), autoAcceptFolders: z.boolean() });
export type DeviceConfig = z.infer<typeof DeviceConfigSchema>;

/** The options Sakta sets, read back to confirm Syncthing took them. */
export const OptionsSchema = z.object({
  listenAddresses: z.array(z.string()),
  globalAnnounceEnabled: z.boolean(),
  localAnnounceEnabled: z.boolean(),
  relaysEnabled: z.boolean(),
  natEnabled: z.boolean(),
  urAccepted: z.number().int(),
  crashReportingEnabled: z.boolean(),
  autoUpgradeIntervalH: z.number().int(),
  startBrowser: z.boolean(),
  stunKeepaliveStartS: z.number().int(),
  reconnectionIntervalS: z.number().int(),
});
export type Options = z.infer<typeof OptionsSchema>;

/** One entry of `/rest/events`; `data` is checked per type by the watcher, and only for the types it uses. */
export const EventSchema = z.object({ id: z.number().int(), type: z.string(), time: z.string(), data: z.unknown() });
export const EventsSchema = z.array(EventSchema);
export type SyncthingEvent = z.infer<typeof EventSchema>;

export const FolderSummaryDataSchema = z.object({ folder: z.string(), summary: DbStatusSchema });
export const StateChangedDataSchema = z.object({ folder: z.string(), to: z.string(), error: z.string().optional() });
export const DeviceEventDataSchema = z.object({ id: z.string() });
/** `PendingDevicesChanged` (1.19) lists devices that tried to connect and are not configured. */
export const PendingDevicesDataSchema = z.object({ added: z.array(z.object({ deviceID: z.string(), address: z.string().optional() })).optional() });
/** `DeviceRejected` (deprecated in 1.19, still sent). */
export const DeviceRejectedDataSchema = z.object({ device: z.string(), address: z.string().optional() });
export const FolderErrorsDataSchema = z.object({ folder: z.string(), errors: z.array(z.object({ path: z.string(), error: z.string() })).nullable() });
export const FolderCompletionDataSchema = z.object({ folder: z.string(), device: z.string(), completion: z.number(), needBytes: z.number() });

export const SystemStatusFullSchema = SystemStatusSchema.extend({
  connectionServiceStatus: z.record(z.string(), z.object({ error: z.string().nullable() })).optional(),
});
export const FolderListSchema = z.array(FolderConfigSchema);
export const DeviceListSchema = z.array(DeviceConfigSchema);
/** The PendingFoldersChanged event's data: folders newly offered (and withdrawn). */
export const PendingFoldersChangedDataSchema = z.object({ added: z.array(z.unknown()).nullish() });
/** GET /rest/cluster/pending/folders: folder id → the devices offering it (their details are not needed). */
export const PendingFoldersSchema = z.record(z.string(), z.object({ offeredBy: z.record(z.string(), z.unknown()) }));
