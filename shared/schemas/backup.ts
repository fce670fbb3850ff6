import { z } from 'zod';
import { IdSchema } from './common';
import { PathTokenSchema } from './picked';

/**
 * A backup of one vault lives in `<folder>/sakta-backup-<vaultId>/`:
 *   snapshots/<name>/vault.header, vault.db, manifest.sakta   (manifest written last: it makes the snapshot real)
 *   blobs/<xx>/<id>.skb                                        (a pool shared by all snapshots; blobs never change)
 * Everything is the vault's own ciphertext; the manifest lists sizes and SHA-256s and is signed with the
 * vault's Ed25519 key, whose public half is in the header. Its counts, time and audit head are encrypted.
 */
export const BACKUP_ROOT_PREFIX = 'sakta-backup-';
export const MANIFEST_FILE = 'manifest.sakta';
export const MANIFEST_MAGIC = 'SAKTA-BACKUP-MANIFEST 1';

/** Snapshot names sort by time: 2025-03-01T09-30-00-123Z. */
export const SnapshotNameSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(-\d+)?$/, 'Not a snapshot name');

/** Paths inside the backup root that a manifest may name: no "..", no absolute paths. */
export const ManifestPathSchema = z
  .string()
  .regex(/^(vault\.header|vault\.db|blobs\/[0-9a-f]{2}\/[0-9a-f]{32}\.skb)$/, 'Not a backup file path');

export const ManifestFileSchema = z.strictObject({
  path: ManifestPathSchema,
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

/** Version 1 (before issue 13): counts and the time in clear. Still read, so old backups verify and restore. */
const ManifestBodyV1Schema = z.strictObject({
  format: z.literal('sakta-backup'),
  version: z.literal(1),
  vaultId: IdSchema,
  snapshot: SnapshotNameSchema,
  createdAt: z.string().datetime(),
  schemaVersion: z.number().int().min(0),
  /** Counts at the time of the backup (no names or content). */
  counts: z.record(z.string(), z.number().int()),
  files: z.array(ManifestFileSchema).min(2).max(10_000_000),
});

/** The signed audit head as it stood when the snapshot's database was copied (see verify --against-backup). */
export const AuditHeadSchema = z.strictObject({
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string().max(200),
});
export type AuditHead = z.infer<typeof AuditHeadSchema>;

/**
 * What a manifest keeps only encrypted (XChaCha20-Poly1305 under the vault's backup subkey): anyone holding
 * the USB disk learns from the manifest the snapshot's name and its files' sizes and checksums (which the
 * files on the disk show anyway), not how many cases, persons or documents there are, nor the audit head.
 */
export const ManifestSecretsSchema = z.strictObject({
  createdAt: z.string().datetime(),
  schemaVersion: z.number().int().min(0),
  counts: z.record(z.string(), z.number().int()),
  auditHead: AuditHeadSchema.nullable(),
});
export type ManifestSecrets = z.infer<typeof ManifestSecretsSchema>;

const B64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(100_000);

/** Version 2: in clear only what `backup-verify` needs without the passphrase; the rest sealed. */
const ManifestBodyV2Schema = z.strictObject({
  format: z.literal('sakta-backup'),
  version: z.literal(2),
  vaultId: IdSchema,
  snapshot: SnapshotNameSchema,
  files: z.array(ManifestFileSchema).min(2).max(10_000_000),
  sealed: z.strictObject({ nonce: B64, box: B64 }),
});

export const ManifestBodySchema = z.discriminatedUnion('version', [ManifestBodyV1Schema, ManifestBodyV2Schema]);
export type ManifestBody = z.infer<typeof ManifestBodySchema>;

export const BackupResultSchema = z.strictObject({
  snapshot: SnapshotNameSchema,
  root: z.string(),
  createdAt: z.string(),
  /** Files this run wrote (new blobs + header + database + manifest): the measure of "incremental". */
  filesWritten: z.number().int(),
  bytesWritten: z.number().int(),
  blobsNew: z.number().int(),
  blobsReused: z.number().int(),
  pruned: z.array(SnapshotNameSchema),
  /** Problems that did not stop the backup, e.g. a stored file missing from the vault. */
  warnings: z.array(z.string()),
});
export type BackupResult = z.infer<typeof BackupResultSchema>;

export const SnapshotCheckSchema = z.strictObject({
  snapshot: z.string(),
  ok: z.boolean(),
  createdAt: z.string().nullable(),
  files: z.number().int(),
  bytes: z.number().int(),
  /** One sentence per problem, naming the file. */
  problems: z.array(z.string()),
});
export type SnapshotCheck = z.infer<typeof SnapshotCheckSchema>;

export const VerifyReportSchema = z.strictObject({
  root: z.string(),
  vaultId: z.string(),
  snapshots: z.array(SnapshotCheckSchema),
  /** True when a passphrase was given and opened every snapshot's header. */
  opened: z.boolean(),
  ok: z.boolean(),
});
export type VerifyReport = z.infer<typeof VerifyReportSchema>;

export const BackupStatusSchema = z.strictObject({
  lastBackupAt: z.string().nullable(),
  lastSnapshot: z.string().nullable(),
  folder: z.string().nullable(),
  reminderDays: z.number().int(),
  /** True when there was never a backup or the last one is older than `reminderDays`. */
  reminderDue: z.boolean(),
  running: z.boolean(),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;

export const BackupRunRequestSchema = z.strictObject({
  /** A folder the folder dialog just returned (its token) to back up into; defaults to the `backupFolder` setting. */
  folder: PathTokenSchema.optional(),
  /** Echoed in job.progress events so the screen can tell jobs apart. */
  jobId: z.string().min(1).max(64).optional(),
});

/** What restoring a backup from the app did. */
export const RestoreOutcomeSchema = z.strictObject({
  snapshot: z.string(),
  files: z.number().int().min(0),
  bytes: z.number().int().min(0),
  /** Stored files the backup never had (they were already missing when it was taken). */
  warnings: z.array(z.string()),
  /** The folder name the vault that was here now has (kept, still encrypted); null when there was none. */
  movedAside: z.string().nullable(),
});
export type RestoreOutcome = z.infer<typeof RestoreOutcomeSchema>;

export const RestoreRequestSchema = z.strictObject({
  /** The backup folder, as the folder dialog just returned it (a token). */
  from: PathTokenSchema,
  /** The passphrase the backed-up vault was protected with. */
  passphrase: z.string().min(1).max(1024),
  /** The lawyer confirmed that a vault already in the app's folder may be moved aside. */
  replaceExisting: z.boolean(),
});
