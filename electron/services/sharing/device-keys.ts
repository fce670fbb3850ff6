import { utf8 } from '../../base/encoding';
import type { Crypto } from '../../crypto/types';

/**
 * Device ids and the safety code (docs/sync-folder.md). A device id is the lowercase hex of the first 16 bytes of
 * BLAKE2b-256(sign_public || box_public); it is also the device's Automerge actor id.
 */
export function deviceIdOf(crypto: Crypto, signPublic: Uint8Array, boxPublic: Uint8Array): string {
  return Buffer.from(crypto.genericHash(32, Buffer.concat([signPublic, boxPublic]))).subarray(0, 16).toString('hex');
}

const SAFETY_TAG = 'sakta-safety-code-v1';
export const SAFETY_GROUPS = 12;

/**
 * The code both screens show: BLAKE2b-512 over the domain tag and the two devices' (sign_public || box_public),
 * sorted bytewise, so either side computes the same; 12 groups of 5 digits, each the big-endian u40 of 5 bytes
 * mod 100000.
 */
export function safetyCode(crypto: Crypto, a: { signPublic: Uint8Array; boxPublic: Uint8Array }, b: { signPublic: Uint8Array; boxPublic: Uint8Array }): string {
  const ka = Buffer.concat([a.signPublic, a.boxPublic]);
  const kb = Buffer.concat([b.signPublic, b.boxPublic]);
  const [first, second] = Buffer.compare(ka, kb) <= 0 ? [ka, kb] : [kb, ka];
  const h = Buffer.from(crypto.genericHash(64, Buffer.concat([utf8(SAFETY_TAG), first, second])));
  const groups: string[] = [];
  for (let i = 0; i < SAFETY_GROUPS; i++) {
    const v = h.readUIntBE(i * 5, 5) % 100000;
    groups.push(String(v).padStart(5, '0'));
  }
  return groups.join(' ');
}

/** What a user typed or pasted, reduced to its 60 digits (spaces, dashes and line breaks do not matter). */
export function normaliseSafetyCode(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  if (!/^\d{60}$/.test(digits)) return null;
  return digits.match(/\d{5}/g)!.join(' ');
}

/** The message a signature covers: a domain tag (so one kind of signed file can never pass for another) and the body. */
export function signedMessage(tag: string, body: Uint8Array): Uint8Array {
  return Buffer.concat([utf8(tag), Buffer.from([0]), body]);
}
export const SIGN_TAG = { offer: 'sakta-pair-offer-v1', offerEngine: 'sakta-pair-offer-v2', envelope: 'sakta-key-envelope-v1', segment: 'sakta-segment-v1', snapshot: 'sakta-snapshot-v1' } as const;
