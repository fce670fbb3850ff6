import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { openEncryptedDb } from '../../electron/db/connection';
import { migrate, MIGRATIONS } from '../../electron/db/migrations';
import { DEFAULT_EXTRACT_LIMITS, recognise } from '../../electron/services/documents/extract';
import { findOcrLanguages, validLanguageFile } from '../../electron/services/documents/ocr-languages';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { sample, vaultWithCase } from './documents-fixtures';

/**
 * OCR of photos and scans, on real files through the real vault. The scan is tests/fixtures/ocr/complaint-ru-scan.png:
 * the shared sample complaint-to-prosecutor-ru.pdf rendered bilevel at 150 dpi (`pdftoppm -r 150 -mono -png`),
 * i.e. a page with no text layer, as from a fax or a cheap scanner.
 */
const SCAN = path.resolve(__dirname, '../fixtures/ocr/complaint-ru-scan.png');
const PHOTO = sample('injury-photo-1.png');

const ids = (services: Awaited<ReturnType<typeof vaultWithCase>>['services'], q: string) => services.search.query({ query: q }).hits.map((h) => h.id);

describe('OCR language data', () => {
  it('finds Russian (Debian tesseract-ocr-rus), Kyrgyz and English, each a valid model file', () => {
    const langs = findOcrLanguages();
    const codes = langs.map((l) => l.code);
    // Not skipped when missing: without Debian's data Russian scans are read with the Kyrgyz model only.
    expect(codes, 'Russian OCR data not found: install Debian/Ubuntu "tesseract-ocr-rus" (.ci/run does)').toContain('rus');
    expect(codes).toEqual(['rus', 'kir', 'eng']);
    expect(langs.find((l) => l.code === 'kir')!.source).toBe('npm');
    for (const l of langs) expect(validLanguageFile(l.path)).toEqual({ size: l.size });
  });

  it('rejects stray files: too small, or neither gzip nor a traineddata header', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'rus.traineddata'), 'not a model');
    fs.writeFileSync(path.join(dir, 'kir.traineddata'), Buffer.alloc(300 * 1024, 0x41));
    fs.mkdirSync(path.join(dir, 'eng.traineddata'));
    expect(findOcrLanguages([{ dir, source: 'resources' }])).toEqual([]);
  });

  it('reads the Russian scan with the npm packages alone (Kyrgyz + English), as on a machine without Debian data', async () => {
    const langs = findOcrLanguages().filter((l) => l.source === 'npm');
    expect(langs.map((l) => l.code)).toEqual(['kir', 'eng']);
    const r = await recognise('png', new Uint8Array(fs.readFileSync(SCAN)), DEFAULT_EXTRACT_LIMITS, undefined, langs);
    expect(r.status).toBe('done');
    const text = r.status === 'done' ? r.text : '';
    expect(text).toContain('пыток');
    expect(text).toContain('Прокурору Кара-Суйского района');
  });

  it('no language data: the image is simply not searchable; a broken or huge image fails with a reason', async () => {
    const png = new Uint8Array(fs.readFileSync(PHOTO));
    expect(await recognise('png', png, DEFAULT_EXTRACT_LIMITS, undefined, [])).toEqual({ status: 'none' });
    const langs = findOcrLanguages();
    // 70,000 × 70,000 declared in the header: refused before anything is decoded.
    const huge = Uint8Array.from(png);
    new DataView(huge.buffer).setUint32(16, 70_000);
    new DataView(huge.buffer).setUint32(20, 70_000);
    expect(await recognise('png', huge, DEFAULT_EXTRACT_LIMITS, undefined, langs)).toEqual({
      status: 'failed',
      reason: 'the image is too large to read its text (over 60 megapixels)',
    });
    const truncated = png.subarray(0, 200);
    expect(await recognise('png', truncated, DEFAULT_EXTRACT_LIMITS, undefined, langs)).toEqual({ status: 'failed', reason: 'the image could not be read' });
  });
});

describe('OCR in the background extraction job', () => {
  it('a photo and a Russian scan become searchable; the text is marked as OCR; nothing readable lands in the vault folder', async () => {
    const { services, caseId, dir } = await vaultWithCase();
    const { documents } = await services.documents.import({ caseId, paths: [SCAN, PHOTO] });
    const [scan, photo] = documents;
    expect(scan!.textStatus).toBe('pending');
    expect(photo!.textStatus).toBe('pending');
    expect(await services.documents.scheduleExtraction()).toBe(2);
    for (const id of [scan!.id, photo!.id]) {
      const d = services.documents.get(id);
      expect(d.textStatus).toBe('done');
      expect(d.textFromOcr).toBe(true);
    }
    // Words only in the scan, found through the Russian stemmer: «пытка» → пыток, «экстремистский» → экстремистских.
    expect(ids(services, 'пытка')).toEqual([scan!.id]);
    expect(ids(services, 'экстремистский материал')).toEqual([scan!.id]);
    expect(ids(services, 'Стамбульский протокол')).toEqual([scan!.id]);
    // The photo's caption, in English.
    expect(ids(services, 'fictional')).toEqual([photo!.id]);
    const hit = services.search.query({ query: 'пытка' }).hits[0]!;
    expect(hit.snippet.filter((s) => s.hit).map((s) => s.text)).toContain('пыток');

    const needle = Buffer.from('Прокурору');
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const f of walk(dir)) expect(fs.readFileSync(f).includes(needle), f).toBe(false);
  });

  it('locking mid-OCR (the stop signal) leaves the scan pending, not failed; after unlock the job reads it', async () => {
    const { services, caseId } = await vaultWithCase();
    // The import starts the job; it announces each document just before it reads and recognises it.
    const picked = new Promise<void>((resolve) => {
      const off = services.events.on('job.progress', (p) => {
        if (p.kind === 'extract' && p.label) {
          off();
          resolve();
        }
      });
    });
    const [scan] = (await services.documents.import({ caseId, paths: [SCAN] })).documents;
    const run = services.documents.scheduleExtraction(); // the running job's promise
    await picked;
    await new Promise((r) => setTimeout(r, 500)); // into recognition (about 2 s for this page); the outcome must not depend on it
    services.vault.lock();
    expect(await run).toBe(0);
    await services.vault.unlock(PASS);
    // Read before the job the unlock schedules (on the next turn of the event loop) can start.
    expect(services.documents.get(scan!.id)).toMatchObject({ textStatus: 'pending', textError: null });
    await services.documents.scheduleExtraction(); // the one the unlock started, or a new one
    const after = services.documents.get(scan!.id);
    expect(after.textStatus).toBe('done');
    expect(after.textError).toBeNull();
    expect(ids(services, 'пытка')).toEqual([scan!.id]);
  });
});

describe('migration 006 (OCR)', () => {
  it('adds the OCR mark and sends photos and scanned PDFs imported before OCR back to the extraction queue', () => {
    const db = openEncryptedDb(path.join(tmpDir(), 'm.db'), createNativeCrypto().randomBytes(32));
    expect(migrate(db, MIGRATIONS, 5)).toBe(5);
    db.prepare(`INSERT INTO cases (id, title, status, search_fold, title_fold, created_at, updated_at) VALUES ('c', 'Дело', 'open', 'дело', 'дело', 'now', 'now')`).run();
    db.prepare(
      `INSERT INTO blobs (id, format_version, key_nonce, wrapped_key, plain_size, cipher_size, sha256, created_at)
       VALUES ('b', 1, x'00', x'00', 1, 1, 'h', 'now')`,
    ).run();
    const doc = db.prepare(
      `INSERT INTO documents (id, case_id, blob_id, title, original_name, kind, mime, size, sha256, imported_at, text_status, updated_at)
       VALUES (?, 'c', 'b', ?, ?, ?, 'x', 1, 'h', 'now', ?, 'now')`,
    );
    doc.run('png', 'photo', 'a.png', 'png', 'none');
    doc.run('jpeg', 'photo', 'b.jpg', 'jpeg', 'none');
    doc.run('gif', 'gif', 'c.gif', 'gif', 'none');
    doc.run('pdf', 'pdf', 'd.pdf', 'pdf', 'done');
    doc.run('scan', 'scan', 'e.pdf', 'pdf', 'none');
    doc.run('docx', 'letter', 'f.docx', 'docx', 'none');
    expect(migrate(db, MIGRATIONS, 6)).toBe(6);
    expect(db.prepare('SELECT id, text_status, text_ocr FROM documents ORDER BY id').all()).toEqual([
      { id: 'docx', text_status: 'none', text_ocr: 0 },
      { id: 'gif', text_status: 'none', text_ocr: 0 },
      { id: 'jpeg', text_status: 'pending', text_ocr: 0 },
      { id: 'pdf', text_status: 'done', text_ocr: 0 },
      { id: 'png', text_status: 'pending', text_ocr: 0 },
      { id: 'scan', text_status: 'pending', text_ocr: 0 },
    ]);
    db.close();
  });
});
