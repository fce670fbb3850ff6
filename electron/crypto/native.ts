import { createRequire } from 'node:module';
import { positionState } from './secretstream-seek';
import type { Crypto, SecretStreamPull, SecretStreamPush } from './types';

// sodium-native is CommonJS with a native addon; load it through require so bundlers leave it alone.
const require = createRequire(import.meta.url);

/* eslint-disable @typescript-eslint/no-explicit-any */
type Sodium = any;

let cached: Sodium | undefined;
function sodium(): Sodium {
  cached ??= require('sodium-native');
  return cached;
}

const buf = (u: Uint8Array): Buffer => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));

/** libsodium through sodium-native (native code, Node-API: one binary for Node and Electron). */
export function createNativeCrypto(): Crypto {
  const s = sodium();
  const TAG_FINAL: number = s.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
  const TAG_MESSAGE: number = s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
  const ABYTES: number = s.crypto_secretstream_xchacha20poly1305_ABYTES;

  // sodium-native 5 has no state_new(): the state is caller memory of STATEBYTES (52) bytes laid out as
  // libsodium's struct { k[32]; nonce[12] = counter u32 LE | inonce[8]; _pad[8] }.
  const newState = (): Buffer => s.sodium_malloc(s.crypto_secretstream_xchacha20poly1305_STATEBYTES);
  const pullWith = (state: Buffer): SecretStreamPull => {
    const tag = Buffer.alloc(1);
    return {
      pull(cipher, ad) {
        if (cipher.byteLength < ABYTES) throw new Error('chunk too short');
        const out = Buffer.alloc(cipher.byteLength - ABYTES);
        s.crypto_secretstream_xchacha20poly1305_pull(state, out, tag, buf(cipher), ad.byteLength ? buf(ad) : null);
        return { plain: out, final: tag[0] === TAG_FINAL };
      },
      pullInto(out, cipher, ad) {
        if (cipher.byteLength < ABYTES) throw new Error('chunk too short');
        if (out.byteLength !== cipher.byteLength - ABYTES) throw new RangeError('output must be the chunk length minus ABYTES');
        // libsodium checks the MAC before it decrypts, so a forged chunk leaves `out` untouched.
        s.crypto_secretstream_xchacha20poly1305_pull(state, buf(out), tag, buf(cipher), ad.byteLength ? buf(ad) : null);
        return { final: tag[0] === TAG_FINAL };
      },
      dispose() {
        s.sodium_memzero(state);
      },
    };
  };

  return {
    name: 'sodium-native',
    randomBytes(n) {
      const b = Buffer.alloc(n);
      s.randombytes_buf(b);
      return b;
    },
    secureAlloc(n) {
      return s.sodium_malloc(n);
    },
    memzero(b) {
      s.sodium_memzero(buf(b));
    },
    async argon2id(outLen, passphrase, salt, opslimit, memlimit) {
      const out: Buffer = s.sodium_malloc(outLen);
      await new Promise<void>((resolve, reject) => {
        s.crypto_pwhash_async(out, buf(passphrase), buf(salt), opslimit, memlimit, s.crypto_pwhash_ALG_ARGON2ID13, (err: Error | null) =>
          err ? reject(err) : resolve(),
        );
      });
      return out;
    },
    aeadEncrypt(plain, ad, nonce, key) {
      const out = Buffer.alloc(plain.byteLength + s.crypto_aead_xchacha20poly1305_ietf_ABYTES);
      s.crypto_aead_xchacha20poly1305_ietf_encrypt(out, buf(plain), buf(ad), null, buf(nonce), buf(key));
      return out;
    },
    aeadDecrypt(cipher, ad, nonce, key) {
      if (cipher.byteLength < s.crypto_aead_xchacha20poly1305_ietf_ABYTES) return null;
      const out = Buffer.alloc(cipher.byteLength - s.crypto_aead_xchacha20poly1305_ietf_ABYTES);
      try {
        s.crypto_aead_xchacha20poly1305_ietf_decrypt(out, null, buf(cipher), buf(ad), buf(nonce), buf(key));
        return out;
      } catch {
        return null;
      }
    },
    kdfDerive(outLen, subkeyId, context, masterKey) {
      const out: Buffer = s.sodium_malloc(outLen);
      s.crypto_kdf_derive_from_key(out, subkeyId, Buffer.from(context, 'ascii'), buf(masterKey));
      return out;
    },
    genericHash(outLen, input, key) {
      const out = Buffer.alloc(outLen);
      if (key) s.crypto_generichash(out, buf(input), buf(key));
      else s.crypto_generichash(out, buf(input));
      return out;
    },
    secretStreamPush(key): SecretStreamPush {
      const state = newState();
      const header = Buffer.alloc(s.crypto_secretstream_xchacha20poly1305_HEADERBYTES);
      s.crypto_secretstream_xchacha20poly1305_init_push(state, header, buf(key));
      return {
        header,
        push(plain, ad, final) {
          const out = Buffer.alloc(plain.byteLength + ABYTES);
          s.crypto_secretstream_xchacha20poly1305_push(state, out, buf(plain), ad.byteLength ? buf(ad) : null, final ? TAG_FINAL : TAG_MESSAGE);
          return out;
        },
        pushInto(out, plain, ad, final) {
          if (out.byteLength !== plain.byteLength + ABYTES) throw new RangeError('output must be the chunk length plus ABYTES');
          s.crypto_secretstream_xchacha20poly1305_push(state, buf(out), buf(plain), ad.byteLength ? buf(ad) : null, final ? TAG_FINAL : TAG_MESSAGE);
        },
        dispose() {
          s.sodium_memzero(state);
        },
      };
    },
    secretStreamPull(key, header): SecretStreamPull {
      const state = newState();
      s.crypto_secretstream_xchacha20poly1305_init_pull(state, buf(header), buf(key));
      return pullWith(state);
    },
    secretStreamPullAt(key, header, index, macXor) {
      const state = newState();
      s.crypto_secretstream_xchacha20poly1305_init_pull(state, buf(header), buf(key));
      positionState(state, index, macXor);
      return pullWith(state);
    },
    signSeedKeypair(seed) {
      const publicKey = Buffer.alloc(s.crypto_sign_PUBLICKEYBYTES);
      const secretKey: Buffer = s.sodium_malloc(s.crypto_sign_SECRETKEYBYTES);
      s.crypto_sign_seed_keypair(publicKey, secretKey, buf(seed));
      return { publicKey, secretKey };
    },
    signDetached(message, secretKey) {
      const sig = Buffer.alloc(s.crypto_sign_BYTES);
      s.crypto_sign_detached(sig, buf(message), buf(secretKey));
      return sig;
    },
    signVerifyDetached(signature, message, publicKey) {
      if (signature.byteLength !== s.crypto_sign_BYTES || publicKey.byteLength !== s.crypto_sign_PUBLICKEYBYTES) return false;
      return s.crypto_sign_verify_detached(buf(signature), buf(message), buf(publicKey));
    },
    boxSeedKeypair(seed) {
      const publicKey = Buffer.alloc(s.crypto_box_PUBLICKEYBYTES);
      const secretKey: Buffer = s.sodium_malloc(s.crypto_box_SECRETKEYBYTES);
      s.crypto_box_seed_keypair(publicKey, secretKey, buf(seed));
      return { publicKey, secretKey };
    },
    boxSeal(message, publicKey) {
      const out = Buffer.alloc(message.byteLength + s.crypto_box_SEALBYTES);
      s.crypto_box_seal(out, buf(message), buf(publicKey));
      return out;
    },
    boxSealOpen(cipher, publicKey, secretKey) {
      if (cipher.byteLength < s.crypto_box_SEALBYTES) return null;
      const out: Buffer = s.sodium_malloc(cipher.byteLength - s.crypto_box_SEALBYTES);
      return s.crypto_box_seal_open(out, buf(cipher), buf(publicKey), buf(secretKey)) ? out : null;
    },
  };
}
