import { SaktaError } from '../../shared/errors';
import type { Crypto } from '../crypto/types';

/**
 * Recovery key: 20 random bytes (160 bits) + a 2-byte BLAKE2b checksum, written in Crockford base32
 * as 9 groups of 4 characters ("7QK2-…"). The checksum tells a typo from a wrong key; Crockford's
 * alphabet has no I, L, O or U, and reading accepts those as 1, 1, 0 — what a tired eye copies wrongly.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_SECRET_BYTES = 20;

function encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function decode(text: string, byteLength: number): Uint8Array | null {
  const out = new Uint8Array(byteLength);
  let bits = 0;
  let value = 0;
  let i = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      if (i >= byteLength) return null;
      out[i++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return i === byteLength ? out : null;
}

function checksum(crypto: Crypto, secret: Uint8Array): Uint8Array {
  return crypto.genericHash(32, secret).subarray(0, 2);
}

export function formatRecoveryKey(crypto: Crypto, secret: Uint8Array): string {
  const all = new Uint8Array(secret.length + 2);
  all.set(secret);
  all.set(checksum(crypto, secret), secret.length);
  const text = encode(all);
  crypto.memzero(all);
  return text.match(/.{1,4}/g)!.join('-');
}

/** Returns the 20-byte secret, or throws RECOVERY_KEY_MALFORMED when the text cannot be a recovery key. */
export function parseRecoveryKey(crypto: Crypto, text: string): Uint8Array {
  const cleaned = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  const all = decode(cleaned, RECOVERY_SECRET_BYTES + 2);
  if (!all || cleaned.length !== 36) {
    throw new SaktaError('RECOVERY_KEY_MALFORMED', 'That is not a recovery key: it should be 36 letters and digits in groups of four.');
  }
  const secret = all.slice(0, RECOVERY_SECRET_BYTES);
  const sum = checksum(crypto, secret);
  if (sum[0] !== all[RECOVERY_SECRET_BYTES] || sum[1] !== all[RECOVERY_SECRET_BYTES + 1]) {
    throw new SaktaError('RECOVERY_KEY_MALFORMED', 'The recovery key has a typing mistake: check each group of four against your copy.');
  }
  return secret;
}
