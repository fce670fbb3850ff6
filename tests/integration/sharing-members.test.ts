import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allKeys } from '../../electron/services/sharing/case-keys';
import { openSegment } from '../../electron/services/sharing/segment-file';
import { tmpDir } from '../helpers/tmp';
import { applyAll, change, codes, crypto, device, idOf, pair, text, writeSegment } from './sharing-fixtures';

/** A shares a case with B and C; B and C never paired with each other (A vouches for both). */
async function team() {
  const a = await device();
  const b = await device();
  const c = await device();
  const folder = tmpDir('sakta-sync-');
  pair(a, 'A', b, 'B', folder);
  pair(a, 'A', c, 'C', folder);
  const caseId = a.caseWork.cases.create({ title: 'Дело о пытках' }).id;
  a.sharing.membership.share(caseId, 'B', folder);
  a.sharing.membership.share(caseId, 'C', folder);
  b.sharing.membership.receiveEnvelopes(folder);
  c.sharing.membership.receiveEnvelopes(folder);
  return { a, b, c, folder, caseId };
}

describe('shared case members', () => {
  it('members vouched for by the sharer read each other; a removed member’s later segments are refused and its keys open nothing new', async () => {
    const { a, b, c, folder, caseId } = await team();
    const active = (s: typeof a) => s.sharing.membership.members(caseId).filter((m) => m.status === 'active').map((m) => m.deviceId).sort();
    expect(active(b)).toEqual([idOf(a), idOf(b), idOf(c)].sort());
    expect(active(c)).toEqual(active(b));
    expect(b.sharing.membership.members(caseId).find((m) => m.deviceId === idOf(c))!.name).toBeNull(); // vouched, not paired

    writeSegment(c, folder, caseId, [change('C before removal')]);
    expect(applyAll(b, folder).applied.map((s) => text(s.changes[0]!))).toEqual(['C before removal']);
    expect(applyAll(a, folder).applied).toHaveLength(1);

    // C is removed while offline: a new epoch, sealed to A and B only.
    const removal = a.sharing.membership.unshare(caseId, 'C', folder);
    expect(removal.epoch).toBe(2);
    expect(b.sharing.membership.receiveEnvelopes(folder).accepted.map((e) => e.epoch)).toEqual([2]);
    expect(b.sharing.membership.members(caseId).find((m) => m.deviceId === idOf(c))).toMatchObject({ status: 'removed', removedEpoch: 2 });
    expect(c.sharing.membership.receiveEnvelopes(folder).accepted).toEqual([]); // nothing is sealed to C any more
    expect(a.sharing.membership.activeCases()).toEqual([{ caseId, epoch: 2 }]);
    expect(b.sharing.membership.activeCases()).toEqual([{ caseId, epoch: 2 }]);

    // C keeps writing with the key it has: both others refuse it.
    const late = writeSegment(c, folder, caseId, [change('C after removal')]);
    for (const s of [a, b]) {
      const r = applyAll(s, folder);
      expect(r.applied).toEqual([]);
      expect(r.reports.map((x) => [x.code, x.file])).toEqual([['REMOVED_MEMBER', late]]);
    }

    // A and B write in epoch 2; they read each other, C's keys open none of it.
    const fromA = writeSegment(a, folder, caseId, [change('A in epoch 2')]);
    const fromB = writeSegment(b, folder, caseId, [change('B in epoch 2')]);
    expect(applyAll(b, folder).applied.map((s) => [s.epoch, text(s.changes[0]!)])).toEqual([[2, 'A in epoch 2']]);
    expect(applyAll(a, folder).applied.map((s) => [s.epoch, text(s.changes[0]!)])).toEqual([[2, 'B in epoch 2']]);
    const cKeys = allKeys(c.vault.current().db);
    expect(cKeys.map((k) => k.epoch)).toEqual([1]);
    for (const f of [fromA, fromB]) expect(openSegment(crypto, fs.readFileSync(path.join(folder, f)), cKeys).kind).toBe('unreadable');
    expect(codes(applyAll(c, folder).reports)).toEqual(['UNREADABLE', 'UNREADABLE']);
  });

  it('refuses a key envelope signed by a device that is neither paired nor a member, and sharing by a removed member', async () => {
    const { a, b, c, folder, caseId } = await team();
    a.sharing.membership.unshare(caseId, idOf(c), folder);
    // C, removed, shares "its" case with a fresh device it paired with: that device takes it in (C is its peer)…
    const d = await device();
    const folder2 = tmpDir('sakta-sync-');
    pair(c, 'C', d, 'D', folder2);
    expect(() => c.sharing.membership.share(caseId, 'D', folder2)).not.toThrow(); // C never learnt of its removal
    // …but B, who knows C was removed, refuses C's envelope; and B refuses an envelope of an unpaired stranger.
    for (const f of fs.readdirSync(folder2).filter((n) => n.endsWith('.ske'))) fs.copyFileSync(path.join(folder2, f), path.join(folder, f));
    const r = b.sharing.membership.receiveEnvelopes(folder);
    expect(r.accepted.map((e) => [e.signer, e.epoch])).toEqual([[idOf(a), 2]]);
    expect(r.reports.map((x) => [x.code, x.author])).toEqual([['REMOVED_MEMBER', idOf(c)]]);
    expect(b.sharing.membership.members(caseId).some((m) => m.deviceId === idOf(d))).toBe(false);

    // S knows B's keys (S confirmed B's offer) but B never confirmed S: S's envelope for a case of its own is refused.
    const s = await device();
    const folder3 = tmpDir('sakta-sync-');
    s.sharing.pairing.offer(folder3);
    b.sharing.pairing.offer(folder3);
    s.sharing.pairing.confirm(folder3, s.sharing.pairing.scan(folder3).offers[0]!.safetyCode, 'B');
    const sCase = s.caseWork.cases.create({ title: 'S' }).id;
    s.sharing.membership.share(sCase, 'B', folder3);
    const r3 = b.sharing.membership.receiveEnvelopes(folder3);
    expect(r3.accepted).toEqual([]);
    expect(r3.reports.map((x) => [x.code, x.caseId])).toEqual([['NOT_MEMBER', sCase]]);
    expect(() => b.sharing.membership.members(sCase)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));

    expect(() => a.sharing.membership.unshare(caseId, idOf(a), folder)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    expect(() => a.sharing.membership.unshare(caseId, 'C', folder)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => a.sharing.membership.share(caseId, 'C', folder)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });
});

describe('key envelopes read late', () => {
  it('a member who reads all envelopes at once (add, add, removal) ends with the newest members and every key, and no report', async () => {
    const a = await device();
    const b = await device();
    const c = await device();
    const folder = tmpDir('sakta-sync-');
    pair(a, 'A', b, 'B', folder);
    pair(a, 'A', c, 'C', folder);
    const caseId = a.caseWork.cases.create({ title: 'Дело' }).id;
    a.sharing.membership.share(caseId, 'B', folder);
    a.sharing.membership.share(caseId, 'C', folder);
    c.sharing.membership.receiveEnvelopes(folder);
    writeSegment(c, folder, caseId, [change('C, while a member')]);
    expect(applyAll(a, folder).applied).toHaveLength(1);
    a.sharing.membership.unshare(caseId, 'C', folder);
    writeSegment(c, folder, caseId, [change('C, removed')]);
    const r = b.sharing.membership.receiveEnvelopes(folder);
    expect(r.reports).toEqual([]);
    expect(r.accepted.map((e) => e.epoch)).toEqual([2, 1, 1]);
    expect(b.sharing.membership.members(caseId).filter((m) => m.status === 'active').map((m) => m.deviceId).sort()).toEqual([idOf(a), idOf(b)].sort());
    expect(allKeys(b.vault.current().db).map((k) => k.epoch)).toEqual([1, 2]);
    expect(b.sharing.membership.receiveEnvelopes(folder)).toEqual({ accepted: [], reports: [] });
    // B never saw C as a member, yet takes C's segment from before the removal and refuses the later one.
    const read = applyAll(b, folder);
    expect(read.applied.map((s) => text(s.changes[0]!))).toEqual(['C, while a member']);
    expect(codes(read.reports)).toEqual(['REMOVED_MEMBER']);
  });
});

describe('any current member may share', () => {
  it('B, who received the case, adds D (paired only with B); A takes D in on B’s word and reads D’s segments', async () => {
    const a = await device();
    const b = await device();
    const d = await device();
    const folder = tmpDir('sakta-sync-');
    pair(a, 'A', b, 'B', folder);
    pair(b, 'B', d, 'D', folder);
    const caseId = a.caseWork.cases.create({ title: 'Дело' }).id;
    a.sharing.membership.share(caseId, 'B', folder);
    b.sharing.membership.receiveEnvelopes(folder);
    expect(b.sharing.membership.share(caseId, 'D', folder).epoch).toBe(1);
    expect(d.sharing.membership.receiveEnvelopes(folder).accepted.map((e) => e.signer)).toEqual([idOf(b)]);
    expect(a.sharing.membership.receiveEnvelopes(folder).accepted.map((e) => e.signer)).toEqual([idOf(b)]);
    expect(a.sharing.membership.members(caseId).find((m) => m.deviceId === idOf(d))).toMatchObject({ status: 'active', name: null });
    writeSegment(d, folder, caseId, [change('from D')]);
    expect(applyAll(a, folder).applied.map((s) => [s.author, text(s.changes[0]!)])).toEqual([[idOf(d), 'from D']]);
  });
});

describe('a key envelope altered in the folder', () => {
  it('is reported and gives nothing: no case, no key', async () => {
    const a = await device();
    const b = await device();
    const folder = tmpDir('sakta-sync-');
    pair(a, 'A', b, 'B', folder);
    const caseId = a.caseWork.cases.create({ title: 'Дело' }).id;
    const { envelope } = a.sharing.membership.share(caseId, 'B', folder);
    const p = path.join(folder, envelope);
    const bytes = fs.readFileSync(p);
    bytes[bytes.length - 100]! ^= 0x80;
    fs.writeFileSync(p, bytes);
    const r = b.sharing.membership.receiveEnvelopes(folder);
    expect(r.accepted).toEqual([]);
    expect(r.reports.map((x) => [x.code, x.file])).toEqual([['MALFORMED', envelope]]);
    expect(allKeys(b.vault.current().db)).toEqual([]);
    expect(b.sharing.membership.activeCases()).toEqual([]);
  });
});
