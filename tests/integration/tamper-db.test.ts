import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { VaultService } from '../../electron/services/vault-service';
import { newVault, PASS } from '../helpers/vault';

describe('a tampered database file', () => {
  it('a flipped byte in any of several pages is INTEGRITY at unlock or in checkDatabase(), never silent', async () => {
    const { dir, vault } = await newVault();
    const db = vault.current().db;
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    for (let i = 0; i < 60; i++) insert.run(`note-${i}`, 'x'.repeat(900));
    vault.lock();
    const file = path.join(dir, 'vault.db');
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
    const original = fs.readFileSync(file);
    const pages = original.length / pageSize;
    expect(pages).toBeGreaterThan(8);
    const targets = [0, 1, 2, Math.floor(pages / 2), pages - 1].flatMap((p) => [p * pageSize + 40, p * pageSize + Math.floor(pageSize / 2)]);
    for (const at of targets) {
      const bad = Buffer.from(original);
      bad[at]! ^= 0x01;
      fs.writeFileSync(file, bad);
      const v = new VaultService({ dir, crypto: createNativeCrypto(), allowTestKdf: true });
      let detected: string;
      try {
        await v.unlock(PASS);
        const problems = v.checkDatabase();
        detected = problems.length > 0 ? 'checkDatabase' : 'nothing';
        v.lock();
      } catch (e) {
        expect((e as { code: string }).code, `offset ${at}`).toBe('INTEGRITY');
        detected = 'unlock';
      }
      expect(detected, `byte at offset ${at} (page ${Math.floor(at / pageSize) + 1})`).not.toBe('nothing');
    }
    fs.writeFileSync(file, original);
    const v = new VaultService({ dir, crypto: createNativeCrypto(), allowTestKdf: true });
    await v.unlock(PASS);
    expect(v.checkDatabase()).toEqual([]);
  });
});
