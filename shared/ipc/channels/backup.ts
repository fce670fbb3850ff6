import { z } from 'zod';
import { BackupResultSchema, BackupRunRequestSchema, BackupStatusSchema, VerifyReportSchema } from '../../schemas/backup';
import { FolderPathSchema } from '../../schemas/settings';

const Empty = z.strictObject({});

export const backupChannels = {
  'backup.status': { request: Empty, response: BackupStatusSchema },
  /** Runs a backup; progress arrives as `job.progress` events (kind "backup"). */
  'backup.run': { request: BackupRunRequestSchema, response: BackupResultSchema },
  /** Cancels the running backup: it ends with CANCELLED and leaves no partial snapshot. */
  'backup.cancel': { request: Empty, response: z.strictObject({ cancelled: z.boolean() }) },
  /** Checks every snapshot in a backup folder against its signed manifest. */
  'backup.verify': { request: z.strictObject({ from: FolderPathSchema.optional() }), response: VerifyReportSchema },
} as const;
