import type { Crypto } from '../../crypto/types';
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES } from '../../crypto/types';
import type { CaseKey } from './case-keys';
import { bucketSize } from './folder-files';
import { frame, framedLength, unframe } from './sealed-frame';

/**
 * A segment file (docs/sync-folder.md):
 *   magic "SAKTASEG" (8) | version u16le = 1 | nonce (24) | XChaCha20-Poly1305(case-epoch key, AD = magic|version)
 *   of `u32le bodyLength | body | Ed25519 signature (64) | zero padding`, the file padded to a bucket size.
 * Nothing outside the sealed part names a case, a person, a count or the author; a reader finds the key by trial.
 */
const MAGIC = Buffer.from('SAKTASEG', 'ascii');
const VERSION = 1;
const HEAD = MAGIC.length + 2;
const AD = (() => {
  const b = Buffer.alloc(HEAD);
  MAGIC.copy(b, 0);
  b.writeUInt16LE(VERSION, 8);
  return b;
})();

export function sealSegment(crypto: Crypto, key: Uint8Array, body: Uint8Array, signature: Uint8Array): Uint8Array {
  const outer = HEAD + AEAD_NONCE_BYTES + AEAD_TAG_BYTES;
  const plain = frame(body, signature, bucketSize(outer + framedLength(body.byteLength)) - outer);
  const nonce = crypto.randomBytes(AEAD_NONCE_BYTES);
  return Buffer.concat([AD, nonce, crypto.aeadEncrypt(plain, AD, nonce, key)]);
}

export type OpenedSegment = { kind: 'opened'; key: CaseKey; body: Uint8Array; signature: Uint8Array } | { kind: 'unreadable' } | { kind: 'malformed' };

/** Tries every key this device holds; the first that authenticates the file is its key. */
export function openSegment(crypto: Crypto, bytes: Uint8Array, keys: CaseKey[]): OpenedSegment {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < HEAD + AEAD_NONCE_BYTES + AEAD_TAG_BYTES || !b.subarray(0, HEAD).equals(AD)) return { kind: 'malformed' };
  const nonce = b.subarray(HEAD, HEAD + AEAD_NONCE_BYTES);
  const cipher = b.subarray(HEAD + AEAD_NONCE_BYTES);
  for (const key of keys) {
    const plain = crypto.aeadDecrypt(cipher, AD, nonce, key.key);
    if (!plain) continue;
    const framed = unframe(plain);
    return framed ? { kind: 'opened', key, ...framed } : { kind: 'malformed' };
  }
  return { kind: 'unreadable' };
}
