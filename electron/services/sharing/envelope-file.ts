import type { Crypto } from '../../crypto/types';
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES } from '../../crypto/types';
import { bucketSize } from './folder-files';
import { frame, framedLength, unframe } from './sealed-frame';

/**
 * A key envelope file (docs/sync-folder.md):
 *   magic "SAKTAENV" (8) | version u16le = 1 | slot count u16le | slots: crypto_box_seal(envelope key) (80 each)
 *   | nonce (24) | XChaCha20-Poly1305(envelope key, AD = everything before the nonce) of the framed, signed body.
 * One slot per member, plus random filler slots up to a multiple of 8, so the file does not tell how many
 * members a case has; the size is padded to a bucket. A reader tries each slot with its own X25519 key.
 */
const MAGIC = Buffer.from('SAKTAENV', 'ascii');
const VERSION = 1;
const SLOT_BYTES = 32 + 48;
const SLOT_GROUP = 8;
const FIXED = MAGIC.length + 2 + 2;

export function sealEnvelope(crypto: Crypto, body: Uint8Array, signature: Uint8Array, recipients: Uint8Array[]): Uint8Array {
  const slots = Math.max(SLOT_GROUP, Math.ceil(recipients.length / SLOT_GROUP) * SLOT_GROUP);
  const envKey = crypto.randomBytes(32);
  try {
    const head = Buffer.alloc(FIXED + slots * SLOT_BYTES);
    MAGIC.copy(head, 0);
    head.writeUInt16LE(VERSION, 8);
    head.writeUInt16LE(slots, 10);
    // Members in a random order, so a slot's place says nothing about who it is for.
    const order = recipients.map((r) => ({ r, k: crypto.randomBytes(4) })).sort((a, b) => Buffer.compare(a.k, b.k));
    for (let i = 0; i < slots; i++) {
      const slot = i < order.length ? crypto.boxSeal(envKey, order[i]!.r) : crypto.randomBytes(SLOT_BYTES);
      head.set(slot, FIXED + i * SLOT_BYTES);
    }
    const outer = head.length + AEAD_NONCE_BYTES + AEAD_TAG_BYTES;
    const plain = frame(body, signature, bucketSize(outer + framedLength(body.byteLength)) - outer);
    const nonce = crypto.randomBytes(AEAD_NONCE_BYTES);
    return Buffer.concat([head, nonce, crypto.aeadEncrypt(plain, head, nonce, envKey)]);
  } finally {
    crypto.memzero(envKey);
  }
}

export type OpenedEnvelope = { kind: 'opened'; body: Uint8Array; signature: Uint8Array } | { kind: 'not-for-me' } | { kind: 'damaged' };

export function openEnvelope(crypto: Crypto, bytes: Uint8Array, boxPublic: Uint8Array, boxSecret: Uint8Array): OpenedEnvelope {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < FIXED || !b.subarray(0, 8).equals(MAGIC) || b.readUInt16LE(8) !== VERSION) return { kind: 'damaged' };
  const slots = b.readUInt16LE(10);
  const headLen = FIXED + slots * SLOT_BYTES;
  if (b.length < headLen + AEAD_NONCE_BYTES + AEAD_TAG_BYTES) return { kind: 'damaged' };
  for (let i = 0; i < slots; i++) {
    const envKey = crypto.boxSealOpen(b.subarray(FIXED + i * SLOT_BYTES, FIXED + (i + 1) * SLOT_BYTES), boxPublic, boxSecret);
    if (!envKey) continue;
    try {
      if (envKey.byteLength !== 32) return { kind: 'damaged' };
      const plain = crypto.aeadDecrypt(b.subarray(headLen + AEAD_NONCE_BYTES), b.subarray(0, headLen), b.subarray(headLen, headLen + AEAD_NONCE_BYTES), envKey);
      const framed = plain && unframe(plain);
      return framed ? { kind: 'opened', ...framed } : { kind: 'damaged' };
    } finally {
      crypto.memzero(envKey);
    }
  }
  return { kind: 'not-for-me' };
}
