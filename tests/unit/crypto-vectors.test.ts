import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import type { Crypto } from '../../electron/crypto/types';
import { createWasmCrypto } from '../../electron/crypto/wasm';

/**
 * Known-answer tests for every primitive the vault format uses, against both libsodium builds. If a binding
 * or a libsodium upgrade ever changed an output, every vault would stop opening: these catch it first.
 */
const h = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const hex = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('hex');

const backends: [string, () => Promise<Crypto>][] = [
  ['sodium-native', async () => createNativeCrypto()],
  ['libsodium-wrappers-sumo', () => createWasmCrypto()],
];

// libsodium test/default/pwhash_argon2id.c tv() with its .exp outputs (the salt is the first 16 bytes given).
const ARGON2ID = [
  {
    passwd: `a347ae92bce9f80f6f595a4480fc9c2fe7e7d7148d371e9487d75f5c23008ffae065577a928febd9b1973a5a95073acdbeb6a030cfc0d79caa2dc5cd011cef02c08d
      a232d76d52dfbca38ca8dcbd665b17d1665f7cf5fe59772ec909733b24de97d6f58d220b20c60d7c07ec1fd93c52c31020300c6c1facd77937a597c7a6`,
    salt: '5541fbc995d5c197ba290346d2c559de',
    outLen: 155,
    ops: 5,
    mem: 7256678,
    out: `18acec5d6507739f203d1f5d9f1d862f7c2cdac4f19d2bdff64487e60d969e3ced615337b9eec6ac4461c6ca07f0939741e57c24d0005c7ea171a0ee1e7348249d135b38f222e4dad7b9a033ed83f5ca27277393e316582033c74affe2566a2bea47f91f0fd9fe49ece7e1f79f3ad6e9b23e0277c8ecc4b313225748dd2a80f5679534a0700e246a79a49b3f74eb89ec6205fe1eeb941c73b1fcf1`,
  },
  {
    passwd: `4a857e2ee8aa9b6056f2424e84d24a72473378906ee04a46cb05311502d5250b82ad86b83c8f20a23dbb74f6da60b0b6ecffd67134d45946ac8ebfb3064294bc097d
      43ced68642bfb8bbbdd0f50b30118f5e`,
    salt: '39d82eef32010b8b79cc5ba88ed539fb',
    outLen: 190,
    ops: 3,
    mem: 1432947,
    out: `08d8cd330c57e1b4643241d05bb468ba4ee4e932cd0858816be9ef15360b27bbd06a87130ee92222be267a29b81f5ae8fe8613324cfc4832dc49387fd0602f1c57b4d0f3855db94fb7e12eb05f9a484aed4a4307abf586cd3d55c809bc081541e00b682772fb2066504ff935b8ebc551a2083882f874bc0fae68e56848ae34c91097c3bf0cca8e75c0797eef3efde3f75e005815018db3cf7c109a812264c4de69dcb22322dbbcfa447f5b00ecd1b04a7be1569c8e556adb7bba48adf81d`,
  },
  {
    passwd: 'b540beb016a5366524d4605156493f9874514a5aa58818cd0c6dfffaa9e90205f17b',
    salt: '44071f6d181561670bda728d43fb79b4',
    outLen: 231,
    ops: 1,
    mem: 1631659,
    out: `7fb72409b0987f8190c3729710e98c3f80c5a8727d425fdcde7f3644d467fe973f5b5fee683bd3fce812cb9ae5e9921a2d06c2f1905e4e839692f2b934b682f11a2fe2b90482ea5dd234863516dba6f52dc0702d324ec77d860c2e181f84472bd7104fedce071ffa93c5309494ad51623d214447a7b2b1462dc7d5d55a1f6fd5b54ce024118d86f0c6489d16545aaa87b6689dad9f2fb47fda9894f8e12b87d978b483ccd4cc5fd9595cdc7a818452f915ce2f7df95ec12b1c72e3788d473441d884f9748eb14703c21b45d82fd667b85f5b2d98c13303b3fe76285531a826b6fc0fe8e3dddecf`,
  },
];

// draft-irtf-cfrg-xchacha-03, appendix A.3.1.
const XCHACHA = {
  key: '808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f',
  nonce: '404142434445464748494a4b4c4d4e4f5051525354555657',
  ad: '50515253c0c1c2c3c4c5c6c7',
  plain: "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
  cipher: `bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452
    2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff921f9664c97637da9768812f615c68b13b52e`,
  tag: 'c0875924c1c7987947deafd8780acf49',
};

// libsodium test/default/kdf.c: master key 00..1f, context "KDF test"; kdf.exp.
const KDF_MASTER = h('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
const KDF = [
  { id: 0, len: 64, out: 'a0c724404728c8bb95e5433eb6a9716171144d61efb23e74b873fcbeda51d8071b5d70aae12066dfc94ce943f145aa176c055040c3dd73b0a15e36254d450614' },
  { id: 1, len: 64, out: '02507f144fa9bf19010bf7c70b235b4c2663cc00e074f929602a5e2c10a780757d2a3993d06debc378a90efdac196dd841817b977d67b786804f6d3cd585bab5' },
  { id: 2, len: 64, out: '1944da61ff18dc2028c3578ac85be904931b83860896598f62468f1cb5471c6a344c945dbc62c9aaf70feb62472d17775ea5db6ed5494c68b7a9a59761f39614' },
  { id: 16, len: 16, out: 'a529216624ef9161e4cf117272aafff2' },
  { id: 32, len: 32, out: '154b291f11196737f8b7f491e4ca11764e0227d34f94295408a869f007aa8618' },
];

// RFC 8032 §7.1, TEST 1 (empty message).
const ED25519 = {
  seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
};

describe.each(backends)('known answers: %s', (_name, make) => {
  it.each(ARGON2ID)('Argon2id (ops $ops, mem $mem, $outLen bytes) matches libsodium’s test vector', async (v) => {
    const c = await make();
    const out = await c.argon2id(v.outLen, h(v.passwd), h(v.salt), v.ops, v.mem);
    expect(hex(out)).toBe(v.out.replace(/\s+/g, ''));
  });

  it('XChaCha20-Poly1305-IETF encrypts the draft’s A.3.1 vector, decrypts it, and rejects a flipped tag', async () => {
    const c = await make();
    const cipher = c.aeadEncrypt(new Uint8Array(Buffer.from(XCHACHA.plain)), h(XCHACHA.ad), h(XCHACHA.nonce), h(XCHACHA.key));
    expect(hex(cipher)).toBe(XCHACHA.cipher.replace(/\s+/g, '') + XCHACHA.tag);
    const plain = c.aeadDecrypt(cipher, h(XCHACHA.ad), h(XCHACHA.nonce), h(XCHACHA.key));
    expect(Buffer.from(plain!).toString()).toBe(XCHACHA.plain);
    const bad = new Uint8Array(cipher);
    bad[bad.length - 1]! ^= 1;
    expect(c.aeadDecrypt(bad, h(XCHACHA.ad), h(XCHACHA.nonce), h(XCHACHA.key))).toBeNull();
  });

  it.each(KDF)('crypto_kdf_derive_from_key id $id, $len bytes matches kdf.exp', async (v) => {
    const c = await make();
    expect(hex(c.kdfDerive(v.len, v.id, 'KDF test', KDF_MASTER))).toBe(v.out);
  });

  it('BLAKE2b matches RFC 7693 (512-bit "abc") and the BLAKE2 keyed KAT (empty input, key 00..3f)', async () => {
    const c = await make();
    expect(hex(c.genericHash(64, new Uint8Array(Buffer.from('abc'))))).toBe(
      'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    );
    const key = new Uint8Array(64).map((_, i) => i);
    expect(hex(c.genericHash(64, new Uint8Array(0), key))).toBe(
      '10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568',
    );
  });

  it('Ed25519 from the RFC 8032 test 1 seed gives its public key and signature, and rejects an altered message', async () => {
    const c = await make();
    const kp = c.signSeedKeypair(h(ED25519.seed));
    expect(hex(kp.publicKey)).toBe(ED25519.publicKey);
    const sig = c.signDetached(new Uint8Array(0), kp.secretKey);
    expect(hex(sig)).toBe(ED25519.signature);
    expect(c.signVerifyDetached(sig, new Uint8Array(0), kp.publicKey)).toBe(true);
    expect(c.signVerifyDetached(sig, new Uint8Array([0]), kp.publicKey)).toBe(false);
  });

  it('secretstream: both builds read each other’s streams, and a seek lands on the same state as reading through', async () => {
    const c = await make();
    const others = await Promise.all(backends.map(([, m]) => m()));
    const key = c.randomBytes(32);
    const ad = new Uint8Array(Buffer.from('sakta-test-ad'));
    const push = c.secretStreamPush(key);
    const plains = [0, 1, 2, 3, 4].map((i) => c.randomBytes(100 + i));
    const chunks = plains.map((p, i) => push.push(p, ad, i === 4));
    for (const o of others) {
      const pull = o.secretStreamPull(key, push.header);
      chunks.forEach((ch, i) => {
        const r = pull.pull(ch, ad);
        expect(hex(r.plain)).toBe(hex(plains[i]!));
        expect(r.final).toBe(i === 4);
      });
      // Position directly before chunk 3: XOR of the first 8 MAC bytes of chunks 0..2.
      const macXor = new Uint8Array(8);
      for (const ch of chunks.slice(0, 3)) for (let b = 0; b < 8; b++) macXor[b]! ^= ch[ch.length - 16 + b]!;
      const at = o.secretStreamPullAt(key, push.header, 3, macXor);
      expect(hex(at.pull(chunks[3]!, ad).plain)).toBe(hex(plains[3]!));
      expect(at.pull(chunks[4]!, ad).final).toBe(true);
      // A wrong position fails authentication rather than yielding bytes.
      const wrong = o.secretStreamPullAt(key, push.header, 2, macXor);
      expect(() => wrong.pull(chunks[3]!, ad)).toThrow();
    }
  });
});

describe('SHA-256 (node:crypto, the blob fingerprint) matches FIPS 180-4 examples', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ])('SHA-256 of %#', (input, out) => {
    expect(createHash('sha256').update(input).digest('hex')).toBe(out);
  });
});
