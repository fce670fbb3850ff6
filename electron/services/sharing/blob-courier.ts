import path from 'node:path';
import type { BlobOffer } from '../../../shared/schemas/sharing';
import { b64, fromB64 } from '../../base/encoding';
import type { BlobStore, PendingBlob } from '../../blobs/blob-store';
import type { Crypto } from '../../crypto/types';
import { bucketSize, randomName } from './folder-files';

/**
 * Documents' stored files through the folder: the `.skb` ciphertext as it is under a random name, padded with
 * random bytes to a bucket; the blob id, real length, SHA-256 and key go into a sealed segment (`BlobOffer`).
 */
export class BlobCourier {
  constructor(private readonly deps: { crypto: Crypto; blobs: BlobStore }) {}

  /** Copies each stored file into the folder; the offers go into the next segment of the case. */
  async send(folder: string, blobIds: string[]): Promise<BlobOffer[]> {
    const out: BlobOffer[] = [];
    for (const blobId of blobIds) {
      const file = randomName(this.deps.crypto, 'blob');
      const meta = await this.deps.blobs.copyOut(blobId, path.join(folder, file), bucketSize);
      try {
        out.push({ blobId, file, plainSize: meta.plainSize, cipherSize: meta.cipherSize, sha256: meta.sha256, key: b64(meta.key) });
      } finally {
        this.deps.crypto.memzero(meta.key);
      }
    }
    return out;
  }

  /**
   * Takes an offered stored file into this vault, verified (INTEGRITY when it does not match, NOT_FOUND while it
   * has not arrived). Commit the result with `blobs.commit(w.db, pending)` in the write that shows the document;
   * null when this vault has the file already.
   */
  async receive(folder: string, offer: BlobOffer): Promise<PendingBlob | null> {
    const key = fromB64(offer.key);
    try {
      return await this.deps.blobs.copyIn(path.join(folder, offer.file), { blobId: offer.blobId, plainSize: offer.plainSize, cipherSize: offer.cipherSize, sha256: offer.sha256, key });
    } finally {
      this.deps.crypto.memzero(key);
    }
  }
}
