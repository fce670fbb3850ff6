import type { BlobStore } from '../../blobs/blob-store';
import type { ChangeWriter } from '../changes/change-writer';
import type { SharedDocs } from '../merge/shared-docs';
import type { Sharing } from '../sharing';
import type { VaultSession } from '../vault-service';

/** What the sync service and its stored-file exchange work with; in a file of its own so neither imports the other. */
export interface SyncServiceDeps {
  session: () => VaultSession;
  writer: ChangeWriter;
  sharing: Sharing;
  docs: SharedDocs;
  blobs: BlobStore;
  /** Documents arrived from other members: their text is read for search in the background. */
  documentsArrived?: () => void;
  compaction?: Partial<CompactionOptions>;
}

/** When an exchange acknowledges what it applied, and when it compacts this device's segments (docs/sync.md). */
export interface CompactionOptions {
  /** A segment carrying only acknowledgements is written once this many segments with changes were applied since this device last wrote one. */
  ackAfter: number;
  /** This device's segments are compacted into a snapshot once this many acknowledged ones are not in one. */
  compactAfter: number;
}

export const DEFAULT_COMPACTION: CompactionOptions = { ackAfter: 16, compactAfter: 64 };
