import path from 'node:path';
import { SaktaError } from '../../shared/errors';
import { SECRETSTREAM_ABYTES, SECRETSTREAM_HEADER_BYTES } from '../crypto/types';

/**
 * Byte layout of a blob file (`blobs/<id[0..2]>/<id>.skb`), specified in docs/vault-format.md:
 *   magic "SAKTABLB" (8) | format version u16 LE (2) | chunk size u32 LE (4) | blob id (16)   = the 30-byte prefix
 *   | secretstream header (24)
 *   | chunks: secretstream_xchacha20poly1305 ciphertexts of `chunk size` plaintext bytes (+17), the last one
 *     shorter or empty and tagged FINAL.
 * The prefix is the additional data of every chunk, so the id and version cannot be swapped or edited.
 */
export const BLOB_MAGIC = Buffer.from('SAKTABLB', 'ascii');
export const BLOB_FORMAT_VERSION = 1;
export const BLOB_CHUNK_SIZE = 65536;
export const BLOB_ID_BYTES = 16;
export const BLOB_PREFIX_BYTES = 8 + 2 + 4 + BLOB_ID_BYTES; // 30
export const BLOB_HEADER_BYTES = BLOB_PREFIX_BYTES + SECRETSTREAM_HEADER_BYTES; // 54
/** Stay clear of the secretstream counter wrap (2^32 - 1 messages), which would rekey mid-stream. */
export const MAX_CHUNKS = 0xffffffff - 1;
const MIN_CHUNK = 1024;
const MAX_CHUNK = 16 * 1024 * 1024;

export const BLOB_ID_RE = /^[0-9a-f]{32}$/;
export const BLOB_FILE_RE = /^([0-9a-f]{32})\.skb$/;

export function blobFilePath(blobsDir: string, idHex: string): string {
  return path.join(blobsDir, idHex.slice(0, 2), `${idHex}.skb`);
}

/** Additional data of the wrapped per-blob key in the `blobs` row. */
export function blobKeyAd(idHex: string): Uint8Array {
  return new Uint8Array(Buffer.from(`sakta-blob-key|v1|${idHex}`, 'utf8'));
}

export function encodePrefix(id: Uint8Array, chunkSize = BLOB_CHUNK_SIZE): Buffer {
  const p = Buffer.alloc(BLOB_PREFIX_BYTES);
  BLOB_MAGIC.copy(p, 0);
  p.writeUInt16LE(BLOB_FORMAT_VERSION, 8);
  p.writeUInt32LE(chunkSize, 10);
  p.set(id, 14);
  return p;
}

export function chunkCount(plainSize: number, chunkSize = BLOB_CHUNK_SIZE): number {
  return Math.max(1, Math.ceil(plainSize / chunkSize));
}

export function cipherSize(plainSize: number, chunkSize = BLOB_CHUNK_SIZE): number {
  return BLOB_HEADER_BYTES + plainSize + SECRETSTREAM_ABYTES * chunkCount(plainSize, chunkSize);
}

/** Geometry of one blob: where chunk i starts in the file and how long its ciphertext is. */
export class BlobGeometry {
  readonly chunks: number;
  readonly cipherChunk: number;
  constructor(
    readonly plainSize: number,
    readonly chunkSize: number,
  ) {
    this.chunks = chunkCount(plainSize, chunkSize);
    this.cipherChunk = chunkSize + SECRETSTREAM_ABYTES;
  }
  offset(i: number): number {
    return BLOB_HEADER_BYTES + i * this.cipherChunk;
  }
  plainLength(i: number): number {
    return i < this.chunks - 1 ? this.chunkSize : this.plainSize - (this.chunks - 1) * this.chunkSize;
  }
  cipherLength(i: number): number {
    return this.plainLength(i) + SECRETSTREAM_ABYTES;
  }
  get fileSize(): number {
    return cipherSize(this.plainSize, this.chunkSize);
  }
}

export interface ParsedBlobHeader {
  prefix: Buffer;
  version: number;
  chunkSize: number;
  idHex: string;
  streamHeader: Buffer;
}

const integrity = (idHex: string, what: string) =>
  new SaktaError('INTEGRITY', `Stored file ${idHex} is damaged or was altered (${what}). Restore it from a backup.`);

/** Checks the fixed 54-byte header against the row it belongs to. */
export function parseBlobHeader(bytes: Buffer, expectedIdHex: string): ParsedBlobHeader {
  if (bytes.length < BLOB_HEADER_BYTES) throw integrity(expectedIdHex, 'header too short');
  if (!bytes.subarray(0, 8).equals(BLOB_MAGIC)) throw integrity(expectedIdHex, 'not a Sakta blob');
  const version = bytes.readUInt16LE(8);
  if (version > BLOB_FORMAT_VERSION) {
    throw new SaktaError('FORMAT_TOO_NEW', `Stored file ${expectedIdHex} was written by a newer version of Sakta. Update Sakta to open it.`);
  }
  if (version < 1) throw integrity(expectedIdHex, 'version');
  const chunkSize = bytes.readUInt32LE(10);
  if (chunkSize < MIN_CHUNK || chunkSize > MAX_CHUNK) throw integrity(expectedIdHex, 'chunk size');
  const idHex = bytes.subarray(14, 30).toString('hex');
  if (idHex !== expectedIdHex) throw integrity(expectedIdHex, `its header names blob ${idHex}: the file belongs to another record`);
  return {
    prefix: Buffer.from(bytes.subarray(0, BLOB_PREFIX_BYTES)),
    version,
    chunkSize,
    idHex,
    streamHeader: Buffer.from(bytes.subarray(BLOB_PREFIX_BYTES, BLOB_HEADER_BYTES)),
  };
}

export { integrity as blobIntegrityError };
