import { createRequire } from 'node:module';
import { positionState } from './secretstream-seek';
import type { Crypto, SecretStreamPull, SecretStreamPush } from './types';

const require = createRequire(import.meta.url);

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * libsodium compiled to WebAssembly (libsodium-wrappers-sumo). Slower than sodium-native and it never
 * returns Argon2's memory to the OS, so the app uses the native binding; this one exists to prove in
 * tests that a vault is plain libsodium that an independent build decrypts.
 */
export async function createWasmCrypto(): Promise<Crypto> {
  const s: any = require('libsodium-wrappers-sumo');
  await s.ready;
  const TAG_FINAL: number = s.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
  const TAG_MESSAGE: number = s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
  const STATEBYTES = 52;
  const ABYTES: number = s.crypto_secretstream_xchacha20poly1305_ABYTES;
  const pullWith = (state: unknown): SecretStreamPull => ({
    pull(cipher, ad) {
      const r = s.crypto_secretstream_xchacha20poly1305_pull(state, cipher, ad.byteLength ? ad : null);
      if (!r) throw new Error('forged chunk');
      return { plain: r.message, final: r.tag === TAG_FINAL };
    },
    pullInto(out, cipher, ad) {
      if (out.byteLength !== cipher.byteLength - ABYTES) throw new RangeError('output must be the chunk length minus ABYTES');
      const r = s.crypto_secretstream_xchacha20poly1305_pull(state, cipher, ad.byteLength ? ad : null);
      if (!r) throw new Error('forged chunk');
      out.set(r.message);
      return { final: r.tag === TAG_FINAL };
    },
    dispose() {},
  });
  return {
    name: 'libsodium-wrappers-sumo',
    randomBytes: (n) => s.randombytes_buf(n),
    secureAlloc: (n) => new Uint8Array(n),
    memzero: (b) => s.memzero(b),
    async argon2id(outLen, passphrase, salt, opslimit, memlimit) {
      return s.crypto_pwhash(outLen, passphrase, salt, opslimit, memlimit, s.crypto_pwhash_ALG_ARGON2ID13);
    },
    aeadEncrypt: (plain, ad, nonce, key) => s.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, ad, null, nonce, key),
    aeadDecrypt(cipher, ad, nonce, key) {
      try {
        return s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, cipher, ad, nonce, key);
      } catch {
        return null;
      }
    },
    kdfDerive: (outLen, id, context, key) => s.crypto_kdf_derive_from_key(outLen, id, context, key),
    genericHash: (outLen, input, key) => s.crypto_generichash(outLen, input, key ?? null),
    secretStreamPush(key): SecretStreamPush {
      const { state, header } = s.crypto_secretstream_xchacha20poly1305_init_push(key);
      return {
        header,
        push: (plain, ad, final) => s.crypto_secretstream_xchacha20poly1305_push(state, plain, ad.byteLength ? ad : null, final ? TAG_FINAL : TAG_MESSAGE),
        pushInto(out, plain, ad, final) {
          if (out.byteLength !== plain.byteLength + ABYTES) throw new RangeError('output must be the chunk length plus ABYTES');
          // The wrapper only returns fresh arrays: this build is for cross-checks, not speed.
          out.set(s.crypto_secretstream_xchacha20poly1305_push(state, plain, ad.byteLength ? ad : null, final ? TAG_FINAL : TAG_MESSAGE));
        },
        dispose() {},
      };
    },
    secretStreamPull(key, header): SecretStreamPull {
      return pullWith(s.crypto_secretstream_xchacha20poly1305_init_pull(header, key));
    },
    secretStreamPullAt(key, header, index, macXor) {
      // The wrapper keeps the state in WebAssembly memory and hands out its address: the same 52-byte struct.
      const address: number = s.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
      const heap: Uint8Array = s.libsodium.HEAPU8;
      positionState(heap.subarray(address, address + STATEBYTES), index, macXor);
      return pullWith(address);
    },
    signSeedKeypair(seed) {
      const kp = s.crypto_sign_seed_keypair(seed);
      return { publicKey: kp.publicKey, secretKey: kp.privateKey };
    },
    signDetached: (m, sk) => s.crypto_sign_detached(m, sk),
    signVerifyDetached(sig, m, pk) {
      try {
        return s.crypto_sign_verify_detached(sig, m, pk);
      } catch {
        return false;
      }
    },
    boxSeedKeypair(seed) {
      const kp = s.crypto_box_seed_keypair(seed);
      return { publicKey: kp.publicKey, secretKey: kp.privateKey };
    },
    boxSeal: (m, pk) => s.crypto_box_seal(m, pk),
    boxSealOpen(c, pk, sk) {
      try {
        return s.crypto_box_seal_open(c, pk, sk);
      } catch {
        return null;
      }
    },
  };
}
