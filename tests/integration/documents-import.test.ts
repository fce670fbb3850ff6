import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';
import { blobFiles, sample, SAMPLE_FILES, sha256File, vaultWithCase, writeFile } from './documents-fixtures';

describe('document import', () => {
  it('encrypts every sample, records SHA-256, sniffed type, name and provenance, and audits each import', async () => {
    const { services, caseId, dir } = await vaultWithCase();
    const r = await services.documents.import({ caseId, paths: SAMPLE_FILES, provenance: { source: 'client', collectedBy: 'Т. Асанова' } });
    expect(r.documents).toHaveLength(SAMPLE_FILES.length);
    const byName = Object.fromEntries(r.documents.map((d) => [d.originalName, d]));
    expect(byName['complaint-to-prosecutor-ru.pdf']!.kind).toBe('pdf');
    expect(byName['injury-photo-1.png']!.kind).toBe('png');
    expect(byName['hrw-letter-2017-12-20.txt']!.kind).toBe('text');
    for (const p of SAMPLE_FILES) {
      const d = byName[path.basename(p)]!;
      expect(d.sha256).toBe(sha256File(p));
      expect(d.size).toBe(fs.statSync(p).size);
      expect(d.source).toBe('client');
      expect(d.collectedBy).toBe('Т. Асанова');
      expect(services.documents.custody(d.id).map((e) => e.action)).toEqual(['document.import']);
    }
    // Nothing readable on disk: no sample's bytes appear in any vault file.
    const needle = Buffer.from('Прокурору', 'utf8');
    const txt = fs.readFileSync(sample('hrw-letter-2017-12-20.txt')).subarray(0, 40);
    for (const f of [...blobFiles(dir), path.join(dir, 'vault.db')]) {
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(needle)).toBe(false);
      expect(bytes.includes(txt)).toBe(false);
    }
    // The stored bytes decrypt to the original.
    const pdf = byName['complaint-to-prosecutor-ru.pdf']!;
    const chunks: Buffer[] = [];
    for await (const c of services.documents.stream(pdf.id)) chunks.push(c);
    expect(Buffer.concat(chunks).equals(fs.readFileSync(sample('complaint-to-prosecutor-ru.pdf')))).toBe(true);
  });

  it('sniffs the type from the content, not the extension', async () => {
    const { services, caseId } = await vaultWithCase();
    const d = tmpDir();
    const fake = writeFile(d, 'photo.jpg', fs.readFileSync(sample('complaint-to-prosecutor-ru.pdf')));
    const [doc] = (await services.documents.import({ caseId, paths: [fake] })).documents;
    expect(doc!.kind).toBe('pdf');
    expect(doc!.mime).toBe('application/pdf');
  });

  it('links the same bytes imported twice to one stored copy', async () => {
    const { services, caseId, dir } = await vaultWithCase();
    const first = await services.documents.import({ caseId, paths: [sample('injury-photo-1.png')] });
    const copy = writeFile(tmpDir(), 'renamed.png', fs.readFileSync(sample('injury-photo-1.png')));
    const second = await services.documents.import({ caseId, paths: [copy] });
    expect(second.linkedDuplicates).toEqual([{ documentId: second.documents[0]!.id, existingDocumentId: first.documents[0]!.id, originalName: 'renamed.png' }]);
    expect(second.documents[0]!.blobId).toBe(first.documents[0]!.blobId);
    expect(blobFiles(dir)).toHaveLength(1);
  });

  it('refuses relative paths, folders and missing files with a clear message', async () => {
    const { services, caseId } = await vaultWithCase();
    await expect(services.documents.import({ caseId, paths: ['relative.pdf'] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(services.documents.import({ caseId, paths: [tmpDir()] })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('not a regular file') });
    await expect(services.documents.import({ caseId, paths: [path.join(tmpDir(), 'gone.pdf')] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(services.documents.import({ caseId: randomUUID(), paths: [sample('injury-photo-1.png')] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a cancelled multi-file import leaves no document and no stored file behind', async () => {
    const { services, caseId, dir } = await vaultWithCase();
    const d = tmpDir();
    const small = writeFile(d, 'a.txt', 'первый файл');
    const big = writeFile(d, 'big.bin', Buffer.alloc(48 * 1024 * 1024, 7));
    const jobId = 'job-1';
    const events: number[] = [];
    const off = services.events.on('job.progress', (p) => {
      if (p.jobId !== jobId) return;
      events.push(p.done);
      // Cancel once the big file is part-way through.
      if (p.done > 8 * 1024 * 1024) services.documents.cancelJob(jobId);
    });
    await expect(services.documents.import({ caseId, paths: [small, big], jobId })).rejects.toMatchObject({ code: 'CANCELLED' });
    off();
    expect(events.length).toBeGreaterThan(2);
    expect(services.documents.list({ caseId })).toEqual([]);
    expect(blobFiles(dir)).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
    expect(services.vault.info().counts!.blobs).toBe(0);
  });

  it('metadata edits are validated, saved and audited with what changed', async () => {
    const { services, caseId } = await vaultWithCase();
    const [orig, tr] = (await services.documents.import({ caseId, paths: [sample('complaint-to-prosecutor-ru.pdf'), sample('forensic-report-318-en.pdf')] })).documents;
    // Ids are UUIDs everywhere (one id schema): the link names a real person of the vault.
    const p1 = services.caseWork.persons.create({ name: 'Азамат Токтогулов' }).id;
    const updated = services.documents.update(tr!.id, {
      title: 'Forensic report 318 (translation)',
      type: 'translation',
      date: { precision: 'day', date: '2024-03-15' },
      language: 'en',
      translationOf: orig!.id,
      tags: ['medical', 'key'],
      exhibitNo: 'A-7',
      links: [{ type: 'person', id: p1 }],
    });
    expect(updated).toMatchObject({ type: 'translation', translationOf: orig!.id, exhibitNo: 'A-7', tags: ['medical', 'key'], language: 'en' });
    expect(updated.links).toEqual([{ type: 'person', id: p1 }]);
    const last = services.documents.custody(tr!.id).at(-1)!;
    expect(last.action).toBe('document.update');
    expect(Object.keys(last.detail.changed as object).sort()).toEqual(['date', 'exhibitNo', 'language', 'links', 'tags', 'title', 'translationOf', 'type']);
    expect(() => services.documents.update(tr!.id, { date: { precision: 'day', date: '2024-02-30' } })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => services.documents.update(tr!.id, { translationOf: tr!.id })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    const other = services.caseWork.cases.create({ title: 'Другое дело' });
    const [foreign] = (await services.documents.import({ caseId: other.id, paths: [sample('injury-photo-1.png')] })).documents;
    expect(() => services.documents.update(tr!.id, { translationOf: foreign!.id })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('export writes the exact bytes, refuses to overwrite without force, and is audited', async () => {
    const { services, caseId } = await vaultWithCase();
    const [doc] = (await services.documents.import({ caseId, paths: [sample('forensic-report-318-en.pdf')] })).documents;
    const out = path.join(tmpDir(), 'copy.pdf');
    await services.documents.export(doc!.id, out);
    expect(sha256File(out)).toBe(doc!.sha256);
    await expect(services.documents.export(doc!.id, out)).rejects.toMatchObject({ code: 'CONFLICT' });
    await services.documents.export(doc!.id, out, { force: true });
    // Each export's intent is recorded before its first byte, then its completion.
    expect(services.documents.custody(doc!.id).map((e) => e.action)).toEqual([
      'document.import',
      'document.export.started',
      'document.export',
      'document.export.started',
      'document.export',
    ]);
  });

  it('trash, restore, and shredding after 30 days: key row and file gone, audited', async () => {
    const { services, caseId, dir, clock } = await vaultWithCase();
    const [a, b] = (await services.documents.import({ caseId, paths: [sample('injury-photo-1.png'), sample('hrw-letter-2017-12-20.txt')] })).documents;
    services.documents.trash(a!.id);
    expect(services.documents.list({ caseId }).map((d) => d.id)).toEqual([b!.id]);
    expect(services.documents.list({ caseId, trash: true }).map((d) => d.id)).toEqual([a!.id]);
    services.documents.restore(a!.id);
    expect(services.documents.list({ caseId })).toHaveLength(2);
    services.documents.trash(a!.id);
    clock.now = new Date(clock.now.getTime() + 29 * 86_400_000);
    expect(services.documents.purgeExpired()).toEqual({ shredded: 0 });
    clock.now = new Date(clock.now.getTime() + 2 * 86_400_000);
    // The purge also runs at every unlock.
    services.vault.lock();
    await services.vault.unlock((await import('../helpers/vault')).PASS);
    expect(() => services.documents.get(a!.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(services.blobs.exists(a!.blobId)).toBe(false);
    expect(blobFiles(dir)).toHaveLength(1);
    const actions = services.vault.current().audit.list(services.vault.current().db, { entityId: a!.id }).map((e) => e.action).reverse();
    expect(actions).toEqual(['document.import', 'document.trash', 'document.restore', 'document.trash', 'document.shred']);
    expect((await services.verify.verify()).ok).toBe(true);
  });
});
