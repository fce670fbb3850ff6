import { z } from 'zod';
import { BackupResultSchema, BackupRunRequestSchema, BackupStatusSchema, VerifyReportSchema } from '../../schemas/backup';
import { PathTokenSchema } from '../../schemas/picked';

const Empty = z.strictObject({});

export const backupChannels = {
  'backup.status': { request: Empty, response: BackupStatusSchema },
  /** Runs a backup; progress arrives as `job.progress` events (kind "backup"). */
  'backup.run': { request: BackupRunRequestSchema, response: BackupResultSchema },
  /** Cancels the running backup: it ends with CANCELLED and leaves no partial snapshot. */
  'backup.cancel': { request: Empty, response: z.strictObject({ cancelled: z.boolean() }) },
  /** Checks every snapshot in the backup folder (or one the folder dialog just returned) against its signed manifest. */
  'backup.verify': { request: z.strictObject({ from: PathTokenSchema.optional() }), response: VerifyReportSchema },
  /** Makes the folder the folder dialog just returned (its token) the backup folder; the path is never typed by the page. */
  'backup.setFolder': { request: z.strictObject({ folder: PathTokenSchema }), response: z.strictObject({ name: z.string() }) },
} as const;
