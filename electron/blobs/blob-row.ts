import { z } from 'zod';
import { SaktaError } from '../../shared/errors';
import type { Crypto } from '../crypto/types';
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, KEY_BYTES } from '../crypto/types';
import type { ReadDb, WriteDb } from '../db/connection';
import { BLOB_ID_RE, blobKeyAd } from './blob-format';

/** One row of the `blobs` table (migration 001): the wrapped per-blob key and what the file must contain. */
export interface BlobRow {
  id: string;
  format_version: number;
  key_nonce: Buffer;
  wrapped_key: Buffer;
  plain_size: number;
  cipher_size: number;
  sha256: string;
  created_at: string;
}

const bytes = (n: number) => z.instanceof(Uint8Array).refine((b) => b.byteLength === n, `must be ${n} bytes`);

// The row comes from the authenticated database, but a bug elsewhere must not turn into a wrong read.
const BlobRowSchema = z.object({
  id: z.string().regex(BLOB_ID_RE),
  format_version: z.number().int().min(1),
  key_nonce: bytes(AEAD_NONCE_BYTES),
  wrapped_key: bytes(KEY_BYTES + AEAD_TAG_BYTES),
  plain_size: z.number().int().min(0),
  cipher_size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  created_at: z.string(),
});

export function loadBlobRow(db: ReadDb, blobId: string): BlobRow {
  if (!BLOB_ID_RE.test(blobId)) throw new SaktaError('NOT_FOUND', 'No stored file has that id.');
  const raw = db.prepare('SELECT * FROM blobs WHERE id = ?').get(blobId);
  if (!raw) throw new SaktaError('NOT_FOUND', `Stored file ${blobId} does not exist (it may have been deleted).`);
  const parsed = BlobRowSchema.safeParse(raw);
  if (!parsed.success) throw new SaktaError('INTEGRITY', `The record of stored file ${blobId} is malformed.`);
  return parsed.data as BlobRow;
}

export function insertBlobRow(db: WriteDb, row: BlobRow): void {
  db.prepare(
    `INSERT INTO blobs (id, format_version, key_nonce, wrapped_key, plain_size, cipher_size, sha256, created_at)
     VALUES (@id, @format_version, @key_nonce, @wrapped_key, @plain_size, @cipher_size, @sha256, @created_at)`,
  ).run(row);
}

export function wrapBlobKey(crypto: Crypto, blobsKey: Uint8Array, idHex: string, key: Uint8Array): { nonce: Buffer; wrapped: Buffer } {
  const nonce = Buffer.from(crypto.randomBytes(AEAD_NONCE_BYTES));
  const wrapped = Buffer.from(crypto.aeadEncrypt(key, blobKeyAd(idHex), nonce, blobsKey));
  return { nonce, wrapped };
}

/** The per-blob key in secure memory; the caller zeroes it. */
export function unwrapBlobKey(crypto: Crypto, blobsKey: Uint8Array, row: BlobRow): Uint8Array {
  const plain = crypto.aeadDecrypt(row.wrapped_key, blobKeyAd(row.id), row.key_nonce, blobsKey);
  if (!plain || plain.byteLength !== KEY_BYTES) {
    throw new SaktaError('INTEGRITY', `The key of stored file ${row.id} failed its authentication check (the record was altered).`);
  }
  const key = crypto.secureAlloc(KEY_BYTES);
  key.set(plain);
  crypto.memzero(plain);
  return key;
}
