import type { BlobStore } from '../../blobs/blob-store';
import { documentsHandlers } from '../handlers/documents.handlers';
import { searchHandlers } from '../handlers/search.handlers';
import { SearchService } from '../search/search-service';
import type { VaultService } from '../vault-service';
import { VerifyService } from '../verify/verify-service';
import { DocumentService, type JobProgress } from './document-service';
import type { ExtractLimits } from './extract';

/**
 * Documents, search and verify wired together for createAppServices. At each unlock: search starts
 * tracking the other domains' tables, the 30-day trash is purged, and text extraction resumes in the background.
 */
export function createDocumentServices(deps: { vault: VaultService; blobs: BlobStore; now?: () => Date; extractLimits?: ExtractLimits }) {
  const session = () => deps.vault.current();
  const progressListeners = new Set<(p: JobProgress) => void>();
  const search = new SearchService({ session });
  const documents = new DocumentService({
    session,
    blobs: deps.blobs,
    search,
    now: deps.now,
    extractLimits: deps.extractLimits,
    onProgress: (p) => progressListeners.forEach((l) => l(p)),
  });
  const verify = new VerifyService({ session, blobs: deps.blobs, crypto: deps.vault.crypto });
  deps.vault.addOpenHook((s) => {
    search.ensureSourceTriggers(s.db);
    documents.purgeExpired(s);
    setImmediate(() => void documents.scheduleExtraction());
  });
  deps.vault.onLock(() => documents.stopBackground());
  return {
    documents,
    search,
    verify,
    /** Subscribe to `job.progress` (imports, text extraction); returns an unsubscribe function. */
    onJobProgress(listener: (p: JobProgress) => void): () => void {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    handlers: { ...documentsHandlers(documents, verify), ...searchHandlers(search) },
  };
}
