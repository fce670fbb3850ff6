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
}
