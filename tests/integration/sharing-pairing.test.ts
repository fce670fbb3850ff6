import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { safetyCode } from '../../electron/services/sharing';
import { codeBetween, crypto, device, idOf, pair } from './sharing-fixtures';

const auditActions = (s: Awaited<ReturnType<typeof device>>) => (s.vault.current().db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((r) => r.action);

describe('device identity and pairing through a folder', () => {
  it('makes one identity per vault, kept across a lock; pairing both ways shows the same safety code on both sides', async () => {
    const a = await device();
    const b = await device();
    const folder = tmpDir();
    const idA = idOf(a);
    expect(idA).toMatch(/^[0-9a-f]{32}$/);
    a.vault.lock();
    await a.vault.unlock(PASS);
    expect(idOf(a)).toBe(idA);
    await a.vault.rotateKeys(PASS); // a new master key keeps the identity (it is random, not derived)
    expect(idOf(a)).toBe(idA);
    expect(idOf(b)).not.toBe(idA);

    a.sharing.pairing.offer(folder);
    b.sharing.pairing.offer(folder);
    expect(a.sharing.pairing.offer(folder).created).toBe(false); // refreshing keeps the one offer
    const offers = fs.readdirSync(folder);
    expect(offers).toHaveLength(2);
    for (const f of offers) expect(f).toMatch(/^[0-9a-f]{32}\.sko$/);

    const onA = a.sharing.pairing.scan(folder);
    const onB = b.sharing.pairing.scan(folder);
    expect(onA.offers.map((o) => o.deviceId)).toEqual([idOf(b)]);
    expect(onB.offers.map((o) => o.deviceId)).toEqual([idA]);
    expect(onA.offers[0]!.safetyCode).toBe(onB.offers[0]!.safetyCode);
    expect(onA.offers[0]!.safetyCode).toMatch(/^\d{5}( \d{5}){11}$/);

    a.sharing.pairing.confirm(folder, onA.offers[0]!.safetyCode.replace(/ /g, '-'), 'Айгуль, ноутбук');
    b.sharing.pairing.confirm(folder, onB.offers[0]!.safetyCode, 'Office');
    expect(a.sharing.pairing.peers().map((p) => [p.name, p.deviceId])).toEqual([['Айгуль, ноутбук', idOf(b)]]);
    expect(b.sharing.pairing.resolve(b.vault.current().db, 'office').deviceId).toBe(idA);
    expect(a.sharing.pairing.scan(folder).offers[0]!.pairedAs).toBe('Айгуль, ноутбук');
    expect(auditActions(a)).toContain('sharing.pair');
    expect(auditActions(a)).toContain('sharing.identity.create');
  });

  it('refuses a tampered offer (its signature no longer holds) with INTEGRITY, and a code no offer has', async () => {
    const a = await device();
    const b = await device();
    const folder = tmpDir();
    b.sharing.pairing.offer(folder);
    const [file] = fs.readdirSync(folder);
    const p = path.join(folder, file!);
    // Someone with the folder swaps in their own sealing key, keeping B's signing key and signature.
    const offer = JSON.parse(fs.readFileSync(p, 'utf8')) as { boxPublic: string };
    const box = Buffer.from(offer.boxPublic, 'base64');
    box[0]! ^= 0x01;
    fs.writeFileSync(p, JSON.stringify({ ...offer, boxPublic: box.toString('base64') }));

    const scan = a.sharing.pairing.scan(folder);
    expect(scan.offers).toEqual([]);
    expect(scan.refused.map((r) => [r.file, r.code])).toEqual([[file, 'INTEGRITY']]);

    // Even the code computed over the tampered keys is refused.
    const forgedCode = safetyCode(crypto, a.sharing.pairing.identity(), {
      signPublic: new Uint8Array(Buffer.from(JSON.parse(fs.readFileSync(p, 'utf8')).signPublic, 'base64')),
      boxPublic: new Uint8Array(box),
    });
    expect(() => a.sharing.pairing.confirm(folder, forgedCode, 'B')).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    expect(() => a.sharing.pairing.confirm(folder, '1'.repeat(60), 'B')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => a.sharing.pairing.confirm(folder, '123', 'B')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(a.sharing.pairing.peers()).toEqual([]);
  });

  it('the helper pairs both ways with the code both sides compute', async () => {
    const a = await device();
    const b = await device();
    const code = pair(a, 'A', b, 'B', tmpDir());
    expect(code).toBe(codeBetween(b, a));
    expect(() => a.sharing.pairing.confirm(tmpDir(), code, 'x\u001b[2J')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});
