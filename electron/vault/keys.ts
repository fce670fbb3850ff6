import type { Crypto } from '../crypto/types';
import { AEAD_NONCE_BYTES, KEY_BYTES } from '../crypto/types';
import { b64, fromB64, utf8 } from '../base/encoding';
import type { Argon2idParams, HeaderBody, RecoverySlot, Slot } from './header';
import { slotAd } from './header';
import type { KdfProfile } from '../../shared/schemas/vault';

/** KDF cost profiles. Their numbers live in each header too, so changing them never breaks old vaults. */
export const KDF_PROFILES: Record<KdfProfile | 'test', { opslimit: number; memlimit: number }> = {
  standard: { opslimit: 3, memlimit: 256 * 1024 * 1024 },
  'high-risk': { opslimit: 4, memlimit: 1024 * 1024 * 1024 },
  // Only for the test suite (SAKTA_TEST_FAST_KDF=1); it is recorded as "test" in the header.
  test: { opslimit: 1, memlimit: 8 * 1024 * 1024 },
};

/** Subkey ids under context "SaktaKey" (crypto_kdf_derive_from_key). Never renumber. */
export const SUBKEY = { database: 1, blobs: 2, backups: 3, auditSigning: 4, previousMaster: 5 } as const;
export const SUBKEY_CONTEXT = 'SaktaKey';

export interface VaultKeys {
  master: Uint8Array;
  database: Uint8Array;
  blobs: Uint8Array;
  backups: Uint8Array;
  signing: { publicKey: Uint8Array; secretKey: Uint8Array };
}

export function deriveKeys(crypto: Crypto, master: Uint8Array): VaultKeys {
  const seed = crypto.kdfDerive(KEY_BYTES, SUBKEY.auditSigning, SUBKEY_CONTEXT, master);
  const signing = crypto.signSeedKeypair(seed);
  crypto.memzero(seed);
  return {
    master,
    database: crypto.kdfDerive(KEY_BYTES, SUBKEY.database, SUBKEY_CONTEXT, master),
    blobs: crypto.kdfDerive(KEY_BYTES, SUBKEY.blobs, SUBKEY_CONTEXT, master),
    backups: crypto.kdfDerive(KEY_BYTES, SUBKEY.backups, SUBKEY_CONTEXT, master),
    signing,
  };
}

export function zeroKeys(crypto: Crypto, keys: VaultKeys): void {
  crypto.memzero(keys.master);
  crypto.memzero(keys.database);
  crypto.memzero(keys.blobs);
  crypto.memzero(keys.backups);
  crypto.memzero(keys.signing.secretKey);
}

export function newArgon2Params(crypto: Crypto, profile: KdfProfile | 'test'): Argon2idParams {
  const p = KDF_PROFILES[profile];
  return { algorithm: 'argon2id13', opslimit: p.opslimit, memlimit: p.memlimit, salt: b64(crypto.randomBytes(16)), profile };
}

export async function passphraseKek(crypto: Crypto, passphrase: Uint8Array, kdf: Argon2idParams): Promise<Uint8Array> {
  return crypto.argon2id(KEY_BYTES, passphrase, fromB64(kdf.salt), kdf.opslimit, kdf.memlimit);
}

/** Format 1 recovery slots (blake2b-recovery-v1): the KEK is a keyed hash of the recovery secret. */
export function recoveryKek(crypto: Crypto, secret: Uint8Array): Uint8Array {
  return crypto.genericHash(KEY_BYTES, utf8('sakta-recovery-kek-v1'), secret);
}

/**
 * Format 2 recovery slots (x25519-sealed-v1): the recovery secret is the seed of an X25519 keypair whose
 * public key is in the header, so a key rotation seals the new master key to it without knowing the secret.
 */
export function recoveryKeypair(crypto: Crypto, secret: Uint8Array): { publicKey: Uint8Array; secretKey: Uint8Array } {
  const seed = crypto.genericHash(KEY_BYTES, utf8('sakta-recovery-x25519-v1'), secret);
  const kp = crypto.boxSeedKeypair(seed);
  crypto.memzero(seed);
  return kp;
}

/** A recovery slot sealed to `publicKey`: a fresh KEK in a sealed box, the master key wrapped by the KEK. */
export function sealRecoverySlot(crypto: Crypto, body: Pick<HeaderBody, 'formatVersion' | 'vaultId'>, publicKey: Uint8Array, master: Uint8Array): RecoverySlot {
  const kek = crypto.randomBytes(KEY_BYTES);
  const kdf = { algorithm: 'x25519-sealed-v1' as const, publicKey: b64(publicKey), sealedKek: b64(crypto.boxSeal(kek, publicKey)) };
  const slot = wrapSlot<RecoverySlot>(crypto, body, { kind: 'recovery', kdf }, kek, master);
  crypto.memzero(kek);
  return slot;
}

/** The KEK of a recovery slot of either format, or null when the secret does not fit the slot. */
export function recoverySlotKek(crypto: Crypto, slot: RecoverySlot, secret: Uint8Array): Uint8Array | null {
  if (slot.kdf.algorithm === 'blake2b-recovery-v1') return recoveryKek(crypto, secret);
  const kp = recoveryKeypair(crypto, secret);
  try {
    if (b64(kp.publicKey) !== slot.kdf.publicKey) return null;
    return crypto.boxSealOpen(fromB64(slot.kdf.sealedKek), kp.publicKey, kp.secretKey);
  } finally {
    crypto.memzero(kp.secretKey);
  }
}

/** The key that wraps the previous master key while a rotation is being completed. */
export function previousMasterKek(crypto: Crypto, master: Uint8Array): Uint8Array {
  return crypto.kdfDerive(KEY_BYTES, SUBKEY.previousMaster, SUBKEY_CONTEXT, master);
}

export function wrapSlot<S extends Slot>(
  crypto: Crypto,
  body: Pick<HeaderBody, 'formatVersion' | 'vaultId'>,
  slot: Omit<S, 'nonce' | 'wrappedKey'>,
  kek: Uint8Array,
  master: Uint8Array,
): S {
  const nonce = crypto.randomBytes(AEAD_NONCE_BYTES);
  const wrapped = crypto.aeadEncrypt(master, slotAd(body, slot as Slot), nonce, kek);
  return { ...slot, nonce: b64(nonce), wrappedKey: b64(wrapped) } as S;
}

/** Returns the master key in secure memory, or null when the KEK is wrong or the slot was altered. */
export function unwrapSlot(crypto: Crypto, body: HeaderBody, slot: Slot, kek: Uint8Array): Uint8Array | null {
  const plain = crypto.aeadDecrypt(fromB64(slot.wrappedKey), slotAd(body, slot), fromB64(slot.nonce), kek);
  if (!plain || plain.length !== KEY_BYTES) return null;
  const master = crypto.secureAlloc(KEY_BYTES);
  master.set(plain);
  crypto.memzero(plain);
  return master;
}
