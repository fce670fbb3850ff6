import type { WriteDb } from '../db/connection';
import type { VaultKeys } from '../vault/keys';
import type { VaultPaths } from '../vault/layout';

/**
 * What the blob store needs of the open vault. The vault service's `VaultSession` satisfies it; it is spelled
 * out here because services sit above blobs (docs/architecture.md). Each unlock makes a new session object, so
 * comparing sessions by identity tells whether the vault was locked in between.
 */
export interface BlobSession {
  readonly vaultId: string;
  readonly db: WriteDb;
  readonly paths: Pick<VaultPaths, 'blobs' | 'tmp'>;
  readonly keys: Pick<VaultKeys, 'blobs'>;
}
