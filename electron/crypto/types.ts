/**
 * The small crypto interface the vault stands on. Everything is plain libsodium, so any binding
 * (sodium-native here, libsodium-wrappers-sumo in the cross-check test, libsodium in C) can read a vault.
 * Secrets are Uint8Arrays owned by the caller; zero them with `memzero` when done.
 */
export interface SecretStreamPush {
  /** Encrypts one chunk; `final` marks the last one (TAG_FINAL). */
  push(plain: Uint8Array, ad: Uint8Array, final: boolean): Uint8Array;
  /**
   * push() into the caller's memory, so a pipeline can reuse its output buffers (a fresh buffer per chunk
   * showed up as GC time). `out.byteLength` must be `plain.byteLength + SECRETSTREAM_ABYTES`; `out` must not
   * overlap `plain`.
   */
  pushInto(out: Uint8Array, plain: Uint8Array, ad: Uint8Array, final: boolean): void;
  readonly header: Uint8Array;
  dispose(): void;
}

export interface SecretStreamPull {
  /** Decrypts one chunk; throws on forgery. `final` is true when the chunk carried TAG_FINAL. */
  pull(cipher: Uint8Array, ad: Uint8Array): { plain: Uint8Array; final: boolean };
  /**
   * pull() into the caller's memory; `out.byteLength` must be `cipher.byteLength - SECRETSTREAM_ABYTES` and
   * `out` must not overlap `cipher`. Throws on forgery, and then `out` holds no unauthenticated plaintext.
   */
  pullInto(out: Uint8Array, cipher: Uint8Array, ad: Uint8Array): { final: boolean };
  dispose(): void;
}

export interface Crypto {
  readonly name: string;
  randomBytes(n: number): Uint8Array;
  /** A buffer for secrets: locked, guarded memory where the binding offers it. */
  secureAlloc(n: number): Uint8Array;
  memzero(buf: Uint8Array): void;

  /** Argon2id (ALG_ARGON2ID13); runs off the main thread where the binding allows. */
  argon2id(outLen: number, passphrase: Uint8Array, salt: Uint8Array, opslimit: number, memlimit: number): Promise<Uint8Array>;

  /** XChaCha20-Poly1305-IETF. */
  aeadEncrypt(plain: Uint8Array, ad: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array;
  /** Returns null when authentication fails. */
  aeadDecrypt(cipher: Uint8Array, ad: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array | null;

  /** crypto_kdf_derive_from_key (BLAKE2b). `context` is exactly 8 ASCII bytes. */
  kdfDerive(outLen: number, subkeyId: number, context: string, masterKey: Uint8Array): Uint8Array;

  /** crypto_generichash (BLAKE2b), optionally keyed. */
  genericHash(outLen: number, input: Uint8Array, key?: Uint8Array): Uint8Array;

  secretStreamPush(key: Uint8Array): SecretStreamPush;
  secretStreamPull(key: Uint8Array, header: Uint8Array): SecretStreamPull;
  /**
   * A pull state positioned before chunk `index` without decrypting chunks 0..index-1 (seeking in a blob).
   * libsodium's state before chunk j is: the same key (no REKEY tag was used), counter = j + 1 (it starts at 1)
   * and inonce = header[16..24] XOR the first 8 bytes of the MAC of every earlier chunk; `macXor` is that XOR.
   * A wrong `macXor` (a tampered earlier MAC) only makes the next pull fail authentication.
   */
  secretStreamPullAt(key: Uint8Array, header: Uint8Array, index: number, macXor: Uint8Array): SecretStreamPull;

  /** Ed25519 from a 32-byte seed. */
  signSeedKeypair(seed: Uint8Array): { publicKey: Uint8Array; secretKey: Uint8Array };
  signDetached(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
  signVerifyDetached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;

  /** X25519 keypair from a 32-byte seed (crypto_box_seed_keypair). */
  boxSeedKeypair(seed: Uint8Array): { publicKey: Uint8Array; secretKey: Uint8Array };
  /** Anonymous sealed box (crypto_box_seal): 48 bytes longer than the message. */
  boxSeal(message: Uint8Array, publicKey: Uint8Array): Uint8Array;
  /** crypto_box_seal_open; null when the box does not open with this keypair. */
  boxSealOpen(cipher: Uint8Array, publicKey: Uint8Array, secretKey: Uint8Array): Uint8Array | null;
}

export const AEAD_NONCE_BYTES = 24;
export const AEAD_TAG_BYTES = 16;
export const SECRETSTREAM_HEADER_BYTES = 24;
export const SECRETSTREAM_ABYTES = 17;
/** Bytes of a secretstream chunk's MAC that feed the next inonce. */
export const SECRETSTREAM_INONCE_BYTES = 8;
export const KEY_BYTES = 32;
