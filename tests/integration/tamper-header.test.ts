import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { VaultService } from '../../electron/services/vault-service';
import { HEADER_AREA_BYTES, HEADER_FILE_BYTES, parseHeader, serializeHeader, type HeaderBody } from '../../electron/vault/header';
import { newVault, PASS } from '../helpers/vault';

const fresh = (dir: string) => new VaultService({ dir, crypto: createNativeCrypto(), allowTestKdf: true });

describe('a tampered vault header', () => {
  it('every flipped byte of the current header area is refused (INTEGRITY, or FORMAT_TOO_NEW for the version digit), never opened', async () => {
    const { dir, vault } = await newVault();
    vault.lock();
    const file = path.join(dir, 'vault.header');
    const original = fs.readFileSync(file);
    expect(original.length).toBe(HEADER_FILE_BYTES);
    const textEnd = original.indexOf('\nsha256:') + 8 + 64 + 1;
    const versionDigit = original.indexOf('\n') - 1;
    // Every byte of the text, and a spread of the zero padding after it (all of it would take minutes).
    const positions = [...Array(textEnd).keys(), ...Array.from({ length: 40 }, (_, k) => textEnd + Math.floor((k * (HEADER_AREA_BYTES - textEnd)) / 40)), HEADER_AREA_BYTES - 1];
    const outcomes = new Map<string, number>();
    for (const i of positions) {
      for (const mask of [0x01, 0x80]) {
        const bad = Buffer.from(original);
        bad[i]! ^= mask;
        fs.writeFileSync(file, bad);
        const err = await fresh(dir).unlock(PASS).then(
          () => null,
          (e: { code: string }) => e,
        );
        expect(err, `byte ${i} ^ ${mask} was accepted`).not.toBeNull();
        const allowed = i === versionDigit && mask === 0x01 ? ['FORMAT_TOO_NEW'] : ['INTEGRITY'];
        expect(allowed, `byte ${i} ^ ${mask}: ${err!.code}`).toContain(err!.code);
        outcomes.set(err!.code, (outcomes.get(err!.code) ?? 0) + 1);
      }
    }
    expect(outcomes.get('INTEGRITY')).toBe(positions.length * 2 - 1);
    fs.writeFileSync(file, original);
    await fresh(dir).unlock(PASS);
  });

  it('the other area holds only random bytes: changing them changes nothing, and no key slot is in them', async () => {
    const { dir, vault } = await newVault();
    vault.lock();
    const file = path.join(dir, 'vault.header');
    const original = fs.readFileSync(file);
    const other = original.subarray(HEADER_AREA_BYTES);
    expect(other.includes('SAKTA')).toBe(false);
    const bad = Buffer.from(original);
    for (let i = HEADER_AREA_BYTES; i < HEADER_FILE_BYTES; i += 997) bad[i]! ^= 0xff;
    fs.writeFileSync(file, bad);
    const info = await fresh(dir).unlock(PASS);
    expect(info.formatVersion).toBe(2);
  });

  it.each([
    ['opslimit', (b: HeaderBody) => ({ opslimit: (b.slots[0]!.kdf as { opslimit: number }).opslimit + 1 })],
    ['memlimit', (b: HeaderBody) => ({ memlimit: (b.slots[0]!.kdf as { memlimit: number }).memlimit * 2 })],
    ['salt', () => ({ salt: Buffer.alloc(16, 7).toString('base64') })],
    ['profile', () => ({ profile: 'standard' as const })],
  ])('KDF %s edited with a recomputed checksum is WRONG_PASSPHRASE (indistinguishable by design)', async (_field, edit) => {
    const { dir, vault } = await newVault();
    vault.lock();
    const file = path.join(dir, 'vault.header');
    const body = parseHeader(fs.readFileSync(file));
    const slots = body.slots.map((s) => (s.kind === 'passphrase' ? { ...s, kdf: { ...s.kdf, ...edit(body) } } : s));
    fs.writeFileSync(file, serializeHeader({ ...body, slots } as HeaderBody));
    await expect(fresh(dir).unlock(PASS)).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });

  it('a header from another vault (valid checksum) does not open this database', async () => {
    const a = await newVault();
    const b = await newVault();
    a.vault.lock();
    b.vault.lock();
    fs.copyFileSync(path.join(b.dir, 'vault.header'), path.join(a.dir, 'vault.header'));
    await expect(fresh(a.dir).unlock(PASS)).rejects.toMatchObject({ code: 'INTEGRITY' });
  });
});
