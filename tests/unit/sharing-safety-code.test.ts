import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { normaliseSafetyCode, safetyCode } from '../../electron/services/sharing/device-keys';
import { bucketSize } from '../../electron/services/sharing/folder-files';

const crypto = createNativeCrypto();
const keys = (fill: number) => ({ signPublic: new Uint8Array(32).fill(fill), boxPublic: new Uint8Array(32).fill(fill + 1) });

describe('safety code (docs/sync-folder.md §2)', () => {
  it('is BLAKE2b-512 over the tag and the sorted keys, as 12 groups of 5 digits, the same from both sides', () => {
    const x = keys(0xa0);
    const y = keys(0x10);
    const code = safetyCode(crypto, x, y);
    expect(safetyCode(crypto, y, x)).toBe(code);
    // Recomputed from the spec with OpenSSL's BLAKE2b-512: y's bytes sort first.
    const h = createHash('blake2b512')
      .update(Buffer.concat([Buffer.from('sakta-safety-code-v1'), y.signPublic, y.boxPublic, x.signPublic, x.boxPublic]))
      .digest();
    const expected = Array.from({ length: 12 }, (_, i) => String(h.readUIntBE(i * 5, 5) % 100000).padStart(5, '0')).join(' ');
    expect(code).toBe(expected);
    expect(safetyCode(crypto, x, keys(0x11))).not.toBe(code);
    expect(normaliseSafetyCode(code.replace(/ /g, '-'))).toBe(code);
    expect(normaliseSafetyCode(code.slice(0, -1))).toBeNull();
  });

  it('buckets: 4 KiB, then powers of two to 1 MiB, then whole MiB', () => {
    expect([1, 4096, 4097, 9000, 1048576, 1048577, 200 * 1048576 + 5].map(bucketSize)).toEqual([4096, 4096, 8192, 16384, 1048576, 2 * 1048576, 201 * 1048576]);
  });
});
