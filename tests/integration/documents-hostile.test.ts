import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentService } from '../../electron/services/documents/document-service';
import { extractText } from '../../electron/services/documents/extract';
import { tmpDir } from '../helpers/tmp';
import { flateBombPdf, pdfWithJavaScriptAndLaunch, textPdf } from '../fixtures/hostile/make-pdf';
import { sample, vaultWithCase, writeFile } from './documents-fixtures';

describe('hostile files', () => {
  it('a PDF with JavaScript and launch actions imports, its text is read, and nothing it asks for runs', async () => {
    const { services, caseId } = await vaultWithCase();
    const dir = tmpDir();
    const marker = path.join(dir, 'launched');
    const file = writeFile(dir, 'statement.pdf', pdfWithJavaScriptAndLaunch(marker));
    const [doc] = (await services.documents.import({ caseId, paths: [file] })).documents;
    await services.documents.scheduleExtraction();
    expect(services.documents.get(doc!.id).textStatus).toBe('done');
    expect(services.search.query({ query: 'tortured' }).hits.map((h) => h.id)).toEqual([doc!.id]);
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('a PDF whose stream inflates to hundreds of MiB is imported; reading its text is stopped within the limits', async () => {
    const { services, caseId } = await vaultWithCase();
    // Same session, blobs and index; tight limits so the test stays quick on a 2-core machine.
    const docs = new DocumentService({
      session: () => services.vault.current(),
      blobs: services.blobs,
      search: services.search,
      writer: services.writer,
      extractLimits: { timeoutMs: 4_000, maxPages: 10, maxChars: 1_000_000, maxMemoryMb: 300 },
    });
    const dir = tmpDir();
    const bomb = writeFile(dir, 'bomb.pdf', flateBombPdf(400 * 1024 * 1024));
    expect(fs.statSync(bomb).size).toBeLessThan(2 * 1024 * 1024);
    const fine = writeFile(dir, 'fine.pdf', textPdf('After the bomb the witness statement still indexes'));
    const r = await docs.import({ caseId, paths: [bomb, fine] });
    await docs.extractPending();
    const [b, f] = r.documents.map((d) => docs.get(d.id));
    expect(b!.textStatus).toBe('failed');
    expect(b!.textError).toMatch(/longer than 4 s|more than 300 MiB|too much memory/);
    expect(f!.textStatus).toBe('done');
    expect(services.search.query({ query: 'witness' }).hits.map((h) => h.id)).toEqual([f!.id]);
  });

  it('a file named <img src=x onerror=alert(1)>.pdf keeps its name as plain text', async () => {
    const { services, caseId } = await vaultWithCase();
    const name = '<img src=x onerror=alert(1)>.pdf';
    const file = writeFile(tmpDir(), name, fs.readFileSync(sample('forensic-report-318-en.pdf')));
    const [doc] = (await services.documents.import({ caseId, paths: [file] })).documents;
    expect(doc!.originalName).toBe(name);
    expect(doc!.title).toBe('<img src=x onerror=alert(1)>');
    const hit = services.search.query({ query: 'onerror' }).hits[0]!;
    expect(hit.id).toBe(doc!.id);
  });

  it('garbage labelled .pdf and a truncated PDF fail extraction with a clear reason, not a crash', async () => {
    const garbage = await extractText('pdf', Buffer.from('%PDF-1.7\n' + 'x'.repeat(5000)));
    expect(garbage).toMatchObject({ status: 'failed', reason: expect.stringMatching(/PDF|parser/) });
    const whole = fs.readFileSync(sample('complaint-to-prosecutor-ru.pdf'));
    const cut = await extractText('pdf', whole.subarray(0, Math.floor(whole.length / 3)));
    expect(['failed', 'none', 'done']).toContain(cut.status);
    const cp1251 = await extractText('text', Buffer.from([0xcf, 0xfb, 0xf2, 0xea, 0xe8])); // «Пытки» in Windows-1251
    expect(cp1251).toMatchObject({ status: 'done', text: 'Пытки' });
  });
});
