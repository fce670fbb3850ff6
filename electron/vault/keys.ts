import type { Crypto } from '../crypto/types';
import { AEAD_NONCE_BYTES, KEY_BYTES } from '../crypto/types';
import { b64, fromB64, utf8 } from './encoding';
import type { Argon2idParams, HeaderBody, Slot } from './header';
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
export const SUBKEY = { database: 1, blobs: 2, backups: 3, auditSigning: 4 } as const;
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

export function recoveryKek(crypto: Crypto, secret: Uint8Array): Uint8Array {
  return crypto.genericHash(KEY_BYTES, utf8('sakta-recovery-kek-v1'), secret);
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
