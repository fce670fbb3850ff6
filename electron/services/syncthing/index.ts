/** Sakta's own Syncthing: what the rest of Sakta uses (docs/sync.md, "Syncthing"). */
export { SyncthingManager, type SyncthingManagerOptions } from './manager';
export { findSyncthing, shippedSyncthingPath } from './binary';
export { SyncEngineError } from './problems';
export { DeviceIdSchema, FolderIdSchema } from './ids';
export type { EngineEvent } from './event-watch';
export { ignoreUnfinishedFiles } from './unfinished-files';
