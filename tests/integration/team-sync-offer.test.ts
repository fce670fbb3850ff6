import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';
import { codeBetween, device } from './sharing-fixtures';

/**
 * Pairing offers that carry the device's Syncthing contact (version 2, docs/sync-folder.md §3): stored with the
 * peer at confirmation; a contact altered in the folder breaks the offer's signature; version-1 offers still pair.
 */

const CONTACT = { device: 'AAAAAAA-BBBBBBB-CCCCCCC-DDDDDDD-EEEEEEE-FFFFFFF-GGGGGGG-HHHHHHH', address: 'tcp://192.168.1.20:22000' };

describe('pairing offers with the Syncthing contact', () => {
  it('the contact reaches the peer with the pairing, the safety code is the same as without it, and an older offer still pairs', async () => {
    const a = await device();
    const b = await device();
    const folder = tmpDir();
    b.sharing.pairing.offer(folder, CONTACT);
    a.sharing.pairing.offer(folder); // version 1: paired through a folder only
    const code = codeBetween(a, b);
    expect(a.sharing.pairing.scan(folder).offers.map((o) => o.safetyCode)).toEqual([code]);
    a.sharing.pairing.confirm(folder, code, 'Бакыт');
    b.sharing.pairing.confirm(folder, code, 'Асель');
    expect(a.sharing.pairing.peers().map((p) => [p.name, p.engine])).toEqual([['Бакыт', CONTACT]]);
    expect(b.sharing.pairing.peers().map((p) => [p.name, p.engine])).toEqual([['Асель', null]]);

    // A new contact (another port after a restart) replaces this device's offer; one offer of its own stays.
    const moved = { ...CONTACT, address: 'tcp://192.168.1.20:22001' };
    expect(b.sharing.pairing.offer(folder, moved).created).toBe(true);
    expect(b.sharing.pairing.offer(folder, moved).created).toBe(false);
    expect(fs.readdirSync(folder)).toHaveLength(2);
    a.sharing.pairing.confirm(folder, code, 'Бакыт');
    expect(a.sharing.pairing.peers()[0]!.engine).toEqual(moved);
  });

  it('an offer whose Syncthing address was changed in the folder is refused (INTEGRITY) and pairs nothing', async () => {
    const a = await device();
    const b = await device();
    const folder = tmpDir();
    b.sharing.pairing.offer(folder, CONTACT);
    const [file] = fs.readdirSync(folder);
    const p = path.join(folder, file!);
    // Someone with the folder points B's offer at their own daemon, keeping B's keys and signature.
    const offer = JSON.parse(fs.readFileSync(p, 'utf8')) as { engine: { device: string; address: string } };
    expect(offer.engine).toEqual(CONTACT);
    fs.writeFileSync(p, JSON.stringify({ ...offer, engine: { ...offer.engine, address: 'tcp://203.0.113.9:22000' } }));

    const scan = a.sharing.pairing.scan(folder);
    expect(scan.offers).toEqual([]);
    expect(scan.refused.map((r) => [r.file, r.code])).toEqual([[file, 'INTEGRITY']]);
    expect(() => a.sharing.pairing.confirm(folder, codeBetween(a, b), 'Бакыт')).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    expect(a.sharing.pairing.peers()).toEqual([]);
  });
});
