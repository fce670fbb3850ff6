import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../electron/base/encoding';
import { SIGN_TAG, signedMessage } from '../../electron/services/sharing/device-keys';
import { bucketSize } from '../../electron/services/sharing/folder-files';
import { sealSegment } from '../../electron/services/sharing/segment-file';
import { tmpDir } from '../helpers/tmp';
import { applyAll, change, codes, crypto, device, folderFiles, idOf, pair, text, writeSegment } from './sharing-fixtures';

const TITLE = 'CANARY-TITLE Пытки в ИВС Кара-Суу';
const PERSON = 'CANARY-PERSON Эркинбеков Азамат';
const DOC_TEXT = 'CANARY-DOC медицинское заключение №17\n';

/** Two paired devices; A shares a case (titled, with a person) with B, and B has taken in the key. */
async function sharedPair() {
  const a = await device();
  const b = await device();
  const folder = tmpDir('sakta-sync-');
  pair(a, 'A', b, 'B', folder);
  const caseId = a.caseWork.cases.create({ title: TITLE }).id;
  a.caseWork.persons.create({ name: PERSON });
  const shared = a.sharing.membership.share(caseId, 'B', folder);
  const received = b.sharing.membership.receiveEnvelopes(folder);
  return { a, b, folder, caseId, shared, received };
}

/** What the merge would put in a change: the case's words, as bytes. */
const caseChange = (n: number) => change(JSON.stringify({ n, title: TITLE, person: PERSON }));

describe('shared case: key envelopes and segments', () => {
  it('after sharing, the peer opens the envelope, knows the members and reads and applies segments both ways, once', async () => {
    const { a, b, folder, caseId, shared, received } = await sharedPair();
    expect(shared.epoch).toBe(1);
    expect(received.reports).toEqual([]);
    expect(received.accepted.map((e) => [e.caseId, e.epoch, e.signer])).toEqual([[caseId, 1, idOf(a)]]);
    expect(b.sharing.membership.receiveEnvelopes(folder).accepted).toEqual([]); // remembered
    const view = (s: typeof a) => s.sharing.membership.members(caseId).map((m) => [m.deviceId, m.status]).sort();
    expect(view(b)).toEqual(view(a));
    expect(b.sharing.membership.members(caseId).find((m) => m.deviceId === idOf(a))!.name).toBe('A');

    writeSegment(a, folder, caseId, [caseChange(1), caseChange(2)]);
    const first = applyAll(b, folder);
    expect(first.reports).toEqual([]);
    expect(first.applied.map((s) => [s.author, s.counter, s.epoch])).toEqual([[idOf(a), 1, 1]]);
    expect(first.applied[0]!.changes.map(text)).toEqual([text(caseChange(1)), text(caseChange(2))]);

    writeSegment(a, folder, caseId, [caseChange(3)]);
    writeSegment(a, folder, caseId, [caseChange(4)]);
    writeSegment(b, folder, caseId, [change('from B')]);
    const second = applyAll(b, folder);
    expect(second.applied.map((s) => s.counter)).toEqual([2, 3]);
    expect(second.applied[1]!.prev).toBe(second.applied[0]!.hash);
    expect(applyAll(b, folder)).toEqual({ applied: [], reports: [] });
    const onA = applyAll(a, folder);
    expect(onA.applied.map((s) => [s.author, text(s.changes[0]!)])).toEqual([[idOf(b), 'from B']]);

    const actions = (s: typeof a) => (s.vault.current().db.prepare('SELECT action FROM audit_log').all() as { action: string }[]).map((r) => r.action);
    expect(actions(a)).toEqual(expect.arrayContaining(['sharing.share', 'sharing.segment.write', 'sharing.segment.apply']));
    expect(actions(b)).toEqual(expect.arrayContaining(['sharing.keys.receive', 'sharing.segment.apply']));
  });

  it('the folder holds no title, name or case id (UTF-8 or UTF-16LE), only random names and bucketed sizes; a document arrives verified', async () => {
    const { a, b, folder, caseId } = await sharedPair();
    const src = path.join(tmpDir(), 'Эркинбеков-заключение.txt');
    fs.writeFileSync(src, DOC_TEXT.repeat(5000));
    const doc = (await a.documents.import({ caseId, paths: [src] })).documents[0]!;
    const blobId = (a.vault.current().db.prepare('SELECT blob_id FROM documents WHERE id = ?').get(doc.id) as { blob_id: string }).blob_id;
    const offers = await a.sharing.courier.send(folder, [blobId]);
    a.writer.write((w) => a.sharing.segments.writeSegment(w, folder, caseId, [caseChange(1)], offers));
    for (let i = 2; i < 6; i++) writeSegment(a, folder, caseId, [caseChange(i)]);

    const { applied, reports } = applyAll(b, folder);
    expect(reports).toEqual([]);
    const offer = applied[0]!.blobs[0]!;
    const pending = await b.sharing.courier.receive(folder, offer);
    b.writer.write((w) => b.blobs.commit(w.db, pending!));
    expect((await b.blobs.open(blobId).readAll()).toString('utf8')).toBe(DOC_TEXT.repeat(5000));
    expect(await b.sharing.courier.receive(folder, offer)).toBeNull(); // already here

    const canaries = [TITLE, PERSON, caseId, 'CANARY', 'Эркинбеков', doc.id];
    const names = folderFiles(folder);
    expect(names.length).toBe(2 + 1 + 5 + 1); // two offers, one envelope, five segments, one document
    for (const name of names) {
      expect(name).toMatch(/^[0-9a-f]{32}\.(sko|ske|sks|skf)$/);
      const bytes = fs.readFileSync(path.join(folder, name));
      for (const c of canaries) {
        expect(bytes.includes(Buffer.from(c, 'utf8')), `${c} in ${name}`).toBe(false);
        expect(bytes.includes(Buffer.from(c, 'utf16le')), `${c} (UTF-16LE) in ${name}`).toBe(false);
      }
      // Offers carry public keys only; everything sealed is padded to a bucket.
      if (!name.endsWith('.sko')) expect(bytes.length, name).toBe(bucketSize(bytes.length));
    }
    expect(new Set(names.map((n) => n.slice(0, 32))).size).toBe(names.length);
    const segSizes = names.filter((n) => n.endsWith('.sks')).map((n) => fs.statSync(path.join(folder, n)).size);
    expect(new Set(segSizes)).toEqual(new Set([4096])); // five small segments look alike
  });

  it('a stored file altered in the folder is refused and leaves nothing in the receiving vault', async () => {
    const { a, b, folder, caseId } = await sharedPair();
    const src = path.join(tmpDir(), 'statement.txt');
    fs.writeFileSync(src, DOC_TEXT.repeat(100));
    const doc = (await a.documents.import({ caseId, paths: [src] })).documents[0]!;
    const blobId = (a.vault.current().db.prepare('SELECT blob_id FROM documents WHERE id = ?').get(doc.id) as { blob_id: string }).blob_id;
    const [offer] = await a.sharing.courier.send(folder, [blobId]);
    const p = path.join(folder, offer!.file);
    const bytes = fs.readFileSync(p);
    bytes[200]! ^= 0x40;
    fs.writeFileSync(p, bytes);
    await expect(b.sharing.courier.receive(folder, offer!)).rejects.toMatchObject({ code: 'INTEGRITY' });
    expect(fs.existsSync(path.join(b.vault.current().paths.blobs, blobId.slice(0, 2), `${blobId}.skb`))).toBe(false);
    expect(b.blobs.exists(blobId)).toBe(false);
  });

  it('one flipped byte: rejected and reported; a forged signature and a non-member are rejected', async () => {
    const { a, b, folder, caseId } = await sharedPair();
    const name = writeSegment(a, folder, caseId, [caseChange(1)]);
    const p = path.join(folder, name);
    const bytes = fs.readFileSync(p);
    bytes[bytes.length >> 1]! ^= 0x01;
    fs.writeFileSync(p, bytes);
    const r = applyAll(b, folder);
    expect(r.applied).toEqual([]);
    expect(r.reports.map((x) => [x.code, x.file])).toEqual([['UNREADABLE', name]]);

    // Sealed with the real case key, but signed by nobody / written as a device that is not a member.
    const key = (a.vault.current().db.prepare('SELECT key FROM case_keys WHERE case_id = ?').get(caseId) as { key: Buffer }).key;
    const body = (author: string) => utf8(JSON.stringify({ v: 1, caseId, epoch: 1, author, counter: 1, hlc: 'x', prev: null, changes: [], blobs: [] }));
    fs.writeFileSync(path.join(folder, `${'1'.repeat(32)}.sks`), sealSegment(crypto, key, body(idOf(a)), crypto.randomBytes(64)));
    const stranger = crypto.signSeedKeypair(crypto.randomBytes(32));
    const strangerBody = body('f'.repeat(32));
    fs.writeFileSync(path.join(folder, `${'2'.repeat(32)}.sks`), sealSegment(crypto, key, strangerBody, crypto.signDetached(signedMessage(SIGN_TAG.segment, strangerBody), stranger.secretKey)));
    const r2 = applyAll(b, folder);
    expect(r2.applied).toEqual([]);
    expect(codes(r2.reports).sort()).toEqual(['BAD_SIGNATURE', 'NOT_MEMBER', 'UNREADABLE']);
  });

  it('a replayed (copied) segment is ignored and reported', async () => {
    const { a, b, folder, caseId } = await sharedPair();
    const name = writeSegment(a, folder, caseId, [caseChange(1)]);
    expect(applyAll(b, folder).applied).toHaveLength(1);
    const copy = `${'a'.repeat(32)}.sks`;
    fs.copyFileSync(path.join(folder, name), path.join(folder, copy));
    const r = applyAll(b, folder);
    expect(r.applied).toEqual([]);
    expect(r.reports.map((x) => [x.code, x.file, x.counter])).toEqual([['REPLAY', copy, 1]]);
  });

  it('a gap is held (and reported) until the missing segment arrives, then both apply in order', async () => {
    const { a, b, folder, caseId } = await sharedPair();
    writeSegment(a, folder, caseId, [caseChange(1)]);
    const second = writeSegment(a, folder, caseId, [caseChange(2)]);
    writeSegment(a, folder, caseId, [caseChange(3)]);
    const aside = path.join(tmpDir(), second);
    fs.renameSync(path.join(folder, second), aside);
    const r = applyAll(b, folder);
    expect(r.applied.map((s) => s.counter)).toEqual([1]);
    expect(r.reports.map((x) => [x.code, x.counter])).toEqual([['GAP', 3]]);
    fs.renameSync(aside, path.join(folder, second));
    const r2 = applyAll(b, folder);
    expect(r2.reports).toEqual([]);
    expect(r2.applied.map((s) => s.counter)).toEqual([2, 3]);
  });

  it('a folder put back to an older copy is reported', async () => {
    const { a, b, folder, caseId } = await sharedPair();
    writeSegment(a, folder, caseId, [caseChange(1)]);
    const older = tmpDir();
    for (const f of folderFiles(folder)) fs.copyFileSync(path.join(folder, f), path.join(older, f));
    writeSegment(a, folder, caseId, [caseChange(2)]);
    expect(applyAll(b, folder).applied.map((s) => s.counter)).toEqual([1, 2]);
    for (const f of folderFiles(folder)) fs.rmSync(path.join(folder, f));
    for (const f of folderFiles(older)) fs.copyFileSync(path.join(older, f), path.join(folder, f));
    const r = applyAll(b, folder);
    expect(r.applied).toEqual([]);
    expect(r.reports.map((x) => [x.code, x.author, x.counter])).toEqual([['ROLLBACK', idOf(a), 2]]);
    // The author's own lost segment is written again from its records.
    expect(a.sharing.segments.publish(folder)).toHaveLength(1);
    expect(applyAll(b, folder)).toEqual({ applied: [], reports: [] });
  });
});
