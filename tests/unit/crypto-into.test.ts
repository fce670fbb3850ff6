import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { KEY_BYTES, SECRETSTREAM_ABYTES, type Crypto } from '../../electron/crypto/types';
import { createWasmCrypto } from '../../electron/crypto/wasm';

/**
 * pushInto/pullInto write into the caller's memory (the blob pipeline reuses its buffers). What they produce
 * must be ordinary secretstream chunks: the other build, using the allocating calls, reads them, and back.
 */
const ad = Buffer.from('sakta-blob-ad');
const sizes = [0, 1, 1000, 65536];

function pushAllInto(c: Crypto, key: Uint8Array, plains: Buffer[]) {
  const push = c.secretStreamPush(key);
  // One shared buffer with junk around each chunk's slice: the calls must write exactly their slice.
  const arena = Buffer.alloc(plains.reduce((n, p) => n + p.length + SECRETSTREAM_ABYTES + 8, 0), 0xee);
  const chunks: Buffer[] = [];
  let at = 4;
  plains.forEach((p, i) => {
    const out = arena.subarray(at, at + p.length + SECRETSTREAM_ABYTES);
    push.pushInto(out, p, ad, i === plains.length - 1);
    chunks.push(out);
    at += out.length + 8;
  });
  expect(arena.subarray(0, 4).equals(Buffer.alloc(4, 0xee))).toBe(true);
  return { header: push.header, chunks: chunks.map((c) => Buffer.from(c)) };
}

describe.each([
  ['sodium-native', 'libsodium-wrappers-sumo'],
  ['libsodium-wrappers-sumo', 'sodium-native'],
])('chunks written by %s pushInto', (writerName, readerName) => {
  const load = async (name: string): Promise<Crypto> => (name === 'sodium-native' ? createNativeCrypto() : createWasmCrypto());

  it(`are read by ${readerName} with pull and with pullInto`, async () => {
    const [w, r] = [await load(writerName), await load(readerName)];
    const key = randomBytes(KEY_BYTES);
    const plains = sizes.map((n) => randomBytes(n));
    const { header, chunks } = pushAllInto(w, key, plains);
    expect(chunks.map((c) => c.length)).toEqual(sizes.map((n) => n + SECRETSTREAM_ABYTES));

    const pull = r.secretStreamPull(key, header);
    chunks.forEach((c, i) => {
      const res = pull.pull(c, ad);
      expect(Buffer.from(res.plain).equals(plains[i]!)).toBe(true);
      expect(res.final).toBe(i === chunks.length - 1);
    });

    const pullInto = r.secretStreamPull(key, header);
    chunks.forEach((c, i) => {
      const out = Buffer.alloc(c.length - SECRETSTREAM_ABYTES, 0xaa);
      expect(pullInto.pullInto(out, c, ad).final).toBe(i === chunks.length - 1);
      expect(out.equals(plains[i]!)).toBe(true);
    });
  });

  it(`are rejected by ${readerName} pullInto when one byte is flipped, and the output holds no plaintext`, async () => {
    const [w, r] = [await load(writerName), await load(readerName)];
    const key = randomBytes(KEY_BYTES);
    const plains = [randomBytes(1000), randomBytes(500)];
    const { header, chunks } = pushAllInto(w, key, plains);
    for (const flip of [0, 1, 500, chunks[1]!.length - 1]) {
      const pull = r.secretStreamPull(key, header);
      const first = Buffer.alloc(plains[0]!.length);
      pull.pullInto(first, chunks[0]!, ad);
      expect(first.equals(plains[0]!)).toBe(true);
      const bad = Buffer.from(chunks[1]!);
      bad[flip]! ^= 0x01;
      const out = Buffer.alloc(bad.length - SECRETSTREAM_ABYTES);
      expect(() => pull.pullInto(out, bad, ad)).toThrow();
      expect(out.equals(Buffer.alloc(out.length))).toBe(true);
    }
  });
});

describe('pushInto and pullInto', () => {
  it('refuse an output of the wrong length instead of writing past it', async () => {
    for (const c of [createNativeCrypto(), await createWasmCrypto()]) {
      const key = randomBytes(KEY_BYTES);
      const push = c.secretStreamPush(key);
      expect(() => push.pushInto(Buffer.alloc(10 + SECRETSTREAM_ABYTES - 1), Buffer.alloc(10), ad, true)).toThrow(RangeError);
      const chunk = Buffer.alloc(10 + SECRETSTREAM_ABYTES);
      push.pushInto(chunk, Buffer.alloc(10), ad, true);
      const pull = c.secretStreamPull(key, push.header);
      expect(() => pull.pullInto(Buffer.alloc(11), chunk, ad)).toThrow(RangeError);
      expect(pull.pullInto(Buffer.alloc(10), chunk, ad).final).toBe(true);
    }
  });
});
