import { SECRETSTREAM_INONCE_BYTES } from './types';

/** Offsets in libsodium's crypto_secretstream_xchacha20poly1305_state (52 bytes): k[32] | counter u32 LE | inonce[8] | pad[8]. */
export const STATE_COUNTER_OFFSET = 32;
export const STATE_INONCE_OFFSET = 36;

/**
 * Moves a freshly initialised pull state to just before chunk `index`. Sound because push/pull change the
 * state only by `inonce ^= mac[0..8]; counter++` (plus a rekey on TAG_REKEY/TAG_FINAL or counter wrap,
 * which a Sakta blob never has before its last chunk and cannot reach below 2^32 - 1 chunks).
 */
export function positionState(state: Uint8Array, index: number, macXor: Uint8Array): void {
  if (!Number.isInteger(index) || index < 0 || index >= 0xffffffff) throw new RangeError('chunk index out of range');
  if (macXor.byteLength !== SECRETSTREAM_INONCE_BYTES) throw new RangeError('macXor must be 8 bytes');
  new DataView(state.buffer, state.byteOffset, state.byteLength).setUint32(STATE_COUNTER_OFFSET, index + 1, true);
  for (let i = 0; i < SECRETSTREAM_INONCE_BYTES; i++) state[STATE_INONCE_OFFSET + i]! ^= macXor[i]!;
}
