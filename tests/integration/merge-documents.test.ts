import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { blobFilePath } from '../../electron/blobs/blob-format';
import { insertBlobRow, loadBlobRow, unwrapBlobKey, wrapBlobKey } from '../../electron/blobs/blob-row';
import { tmpDir } from '../helpers/tmp';
import { comparable, db, deliver, sharedCase, syncAll, type Member } from './merge-fixtures';

/**
 * The blob's journey (copied as-is, its key re-wrapped under the receiver's blobs key) is the transport's job;
 * this stands in for it so the merge side can be shown: a document is hidden until its file is here.
 */
function carryBlob(from: Member, to: Member, blobId: string): void {
  const crypto = createNativeCrypto();
  const src = from.services.vault.current();
  const dst = to.services.vault.current();
  const row = loadBlobRow(src.db, blobId);
  const key = unwrapBlobKey(crypto, src.keys.blobs, row);
  const { nonce, wrapped } = wrapBlobKey(crypto, dst.keys.blobs, blobId, key);
  const target = blobFilePath(dst.paths.blobs, blobId);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(blobFilePath(src.paths.blobs, blobId), target);
  to.services.writer.write((w) => {
    insertBlobRow(w.db, { ...row, key_nonce: nonce, wrapped_key: wrapped });
    to.services.sharedDocs.blobArrived(w, blobId);
  });
}

describe('shared case merge: documents', () => {
  it('a document shows on the other side only once its file has arrived, then opens with the same bytes', async () => {
    const shared = await sharedCase(['lead', 'cocounsel']);
    const { members, caseId } = shared;
    const [a, b] = members as [Member, Member];
    const file = path.join(tmpDir(), 'показания.txt');
    fs.writeFileSync(file, 'Показания свидетеля: задержание у рынка Ош, 12 мая 2014 года.');
    const [doc] = (await a.services.documents.import({ caseId, paths: [file] })).documents;
    const blobId = (db(a).prepare('SELECT blob_id FROM documents WHERE id = ?').pluck().get(doc!.id) as string);
    syncAll(shared);

    expect(b.services.documents.list({ caseId })).toEqual([]);
    expect(b.services.sharedDocs.blobsNeeded(db(b), caseId)).toEqual([blobId]);
    expect(a.services.sharedDocs.documentBlobs(db(a), caseId)).toEqual([blobId]);
    // A later edit on the receiving side does not read the hidden document as removed there.
    b.services.caseWork.cases.update(caseId, { summary: 'Ждём файл' });
    deliver(shared, b, a);
    expect(a.services.documents.list({ caseId }).map((d) => d.id)).toEqual([doc!.id]);

    carryBlob(a, b, blobId);
    expect(b.services.sharedDocs.blobsNeeded(db(b), caseId)).toEqual([]);
    expect(b.services.documents.list({ caseId }).map((d) => d.title)).toEqual([doc!.title]);
    const bytes = await b.services.blobs.open(blobId).readAll();
    expect(Buffer.from(bytes).toString('utf8')).toContain('рынка Ош');
    expect(comparable(b, caseId)).toEqual(comparable(a, caseId));

    // Metadata edits travel like any other field.
    b.services.documents.update(doc!.id, { title: 'Показания Асанова' });
    syncAll(shared);
    expect(a.services.documents.get(doc!.id).title).toBe('Показания Асанова');
  });
});
