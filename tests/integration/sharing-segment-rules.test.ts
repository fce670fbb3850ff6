import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hex, utf8 } from '../../electron/base/encoding';
import type { AppServices } from '../../electron/composition/app-services';
import { SIGN_TAG, signedMessage } from '../../electron/services/sharing/device-keys';
import { sealSegment } from '../../electron/services/sharing/segment-file';
import { tmpDir } from '../helpers/tmp';
import { applyAll, change, codes, crypto, device, folderFiles, idOf, pair, writeSegment } from './sharing-fixtures';

async function sharedPair() {
  const a = await device();
  const b = await device();
  const folder = tmpDir('sakta-sync-');
  pair(a, 'A', b, 'B', folder);
  const caseId = a.caseWork.cases.create({ title: 'Case' }).id;
  a.sharing.membership.share(caseId, 'B', folder);
  b.sharing.membership.receiveEnvelopes(folder);
  return { a, b, folder, caseId };
}

const caseKey = (s: AppServices, caseId: string) => (s.vault.current().db.prepare('SELECT key FROM case_keys WHERE case_id = ? ORDER BY epoch LIMIT 1').get(caseId) as { key: Buffer }).key;

/** A segment A could have written (A's real keys), with whatever body the test wants: a misbehaving author. */
function craft(a: AppServices, folder: string, key: Uint8Array, body: Record<string, unknown>): string {
  const bytes = utf8(JSON.stringify({ v: 1, epoch: 1, author: idOf(a), hlc: 'x', changes: [], blobs: [], ...body }));
  const signature = a.sharing.identity.withSecrets(a.vault.current().db, (s) => crypto.signDetached(signedMessage(SIGN_TAG.segment, bytes), s.signSecret));
  const name = `${hex(crypto.randomBytes(16))}.sks`;
  fs.writeFileSync(path.join(folder, name), sealSegment(crypto, key, bytes, signature));
  return name;
}

describe('segment rules', () => {
  it('a segment whose prev does not name the previous one breaks the chain; two segments with one counter are a fork', async () => {
    const { a, b, folder, caseId } = await sharedPair();
    writeSegment(a, folder, caseId, [change('one')]);
    expect(applyAll(b, folder).applied).toHaveLength(1);
    const key = caseKey(a, caseId);
    const broken = craft(a, folder, key, { caseId, counter: 2, prev: '0'.repeat(64) });
    const r = applyAll(b, folder);
    expect(r.applied).toEqual([]);
    expect(r.reports.map((x) => [x.code, x.file])).toEqual([['BROKEN_CHAIN', broken]]);
    fs.rmSync(path.join(folder, broken));

    // A writes its real segment 2; a second, different "segment 2" appears beside it.
    writeSegment(a, folder, caseId, [change('two')]);
    const prev = (a.vault.current().db.prepare('SELECT hash FROM sharing_segments WHERE counter = 1').get() as { hash: string }).hash;
    craft(a, folder, key, { caseId, counter: 2, prev, changes: [Buffer.from('other').toString('base64')] });
    const r2 = applyAll(b, folder);
    expect(r2.applied).toEqual([]);
    expect(codes(r2.reports)).toEqual(['FORK', 'FORK']);
  });

  it('a body naming another case than its key, and a sealed body that is not a segment, are rejected', async () => {
    const { a, b, folder, caseId } = await sharedPair();
    const key = caseKey(a, caseId);
    const other = a.caseWork.cases.create({ title: 'Other' }).id;
    const wrong = craft(a, folder, key, { caseId: other, counter: 1, prev: null });
    const junk = craft(a, folder, key, { caseId, counter: 'one' });
    const r = applyAll(b, folder);
    expect(r.applied).toEqual([]);
    expect(r.reports.map((x) => [x.code, x.file]).sort()).toEqual(
      [
        ['WRONG_EPOCH_KEY', wrong],
        ['MALFORMED', junk],
      ].sort(),
    );
  });

  it('a write that fails after writeSegment leaves no file and no counter; the next one is counter 1', async () => {
    const { a, b, folder, caseId } = await sharedPair();
    const before = folderFiles(folder).length;
    expect(() =>
      a.writer.write((w) => {
        a.sharing.segments.writeSegment(w, folder, caseId, [change('lost')]);
        throw new Error('the merge failed');
      }),
    ).toThrow('the merge failed');
    expect(folderFiles(folder)).toHaveLength(before);
    writeSegment(a, folder, caseId, [change('kept')]);
    const r = applyAll(b, folder);
    expect(r.reports).toEqual([]);
    expect(r.applied.map((s) => [s.counter, Buffer.from(s.changes[0]!).toString()])).toEqual([[1, 'kept']]);
  });

  it('a segment of this device that its records do not hold (the vault is an older copy) is reported, not applied', async () => {
    const { a, folder, caseId } = await sharedPair();
    craft(a, folder, caseKey(a, caseId), { caseId, counter: 1, prev: null });
    const r = applyAll(a, folder);
    expect(r.applied).toEqual([]);
    expect(codes(r.reports)).toEqual(['ROLLBACK']);
  });
});
