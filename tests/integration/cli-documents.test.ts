import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobFilePath } from '../../electron/blobs/blob-format';
import { CaseExportSchema } from '../../shared/schemas/case-export';
import { runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { sample, SAMPLE_FILES, sha256File, vaultWithCase } from './documents-fixtures';

const env = { SAKTA_PASSPHRASE: PASS };

/** A vault with one case, locked, ready for the CLI. */
async function lockedVault() {
  const v = await vaultWithCase();
  v.services.vault.lock();
  return v;
}

async function importSamples(dir: string, caseId: string) {
  const r = await runCli(['import', '--vault', dir, '--case', caseId, '--json', ...SAMPLE_FILES], { env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { documents: { id: string; originalName: string; blobId: string; sha256: string; title: string; textStatus: string }[] };
}

// Each test runs several CLI processes (each a Node start, a KDF and, since intake, language detection): minutes under load.
describe('sakta import / search / export-doc / custody', { timeout: 180_000 }, () => {
  it('imports the samples, finds a word from inside the PDF, exports an exact copy, and records custody', async () => {
    const { dir, caseId } = await lockedVault();
    const { documents } = await importSamples(dir, caseId);
    expect(documents.map((d) => d.originalName).sort()).toEqual(SAMPLE_FILES.map((p) => path.basename(p)).sort());
    const pdf = documents.find((d) => d.originalName === 'complaint-to-prosecutor-ru.pdf')!;
    expect(pdf.textStatus).toBe('done');

    const s = await runCli(['search', '--vault', dir, 'пытках', '--case', caseId, '--json'], { env });
    expect(s.code).toBe(0);
    const hits = JSON.parse(s.stdout).hits as { id: string; snippet: { text: string; hit: boolean }[] }[];
    expect(hits.map((h) => h.id)).toContain(pdf.id);
    const human = await runCli(['search', '--vault', dir, 'пытках'], { env });
    expect(human.stdout).toContain('[пыток]');

    const out = path.join(tmpDir(), 'copy.pdf');
    expect((await runCli(['export-doc', '--vault', dir, '--doc', pdf.id, '--out', out], { env })).code).toBe(0);
    expect(sha256File(out)).toBe(sha256File(sample('complaint-to-prosecutor-ru.pdf')));
    const again = await runCli(['export-doc', '--vault', dir, '--doc', pdf.id, '--out', out], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; use --force/);
    expect((await runCli(['export-doc', '--vault', dir, '--doc', pdf.id, '--out', out, '--force'], { env })).code).toBe(0);

    const c = JSON.parse((await runCli(['custody', '--vault', dir, '--doc', pdf.id, '--json'], { env })).stdout);
    expect(c.entries.map((e: { action: string }) => e.action)).toEqual([
      'document.import',
      // The language read from the text once it was extracted (issue 14): in the trail like an edit.
      'document.update',
      'document.export.started',
      'document.export',
      'document.export.started',
      'document.export',
    ]);
    expect((await runCli(['verify', '--vault', dir], { env })).code).toBe(0);
  });

  it('export-case carries the case out whole: every document record (trash too), its SHA-256 and its custody', async () => {
    const { dir, caseId } = await lockedVault();
    const files = [sample('hrw-letter-2017-12-20.txt'), sample('working-meeting-2020-08-25.txt')];
    const r = await runCli(['import', '--vault', dir, '--case', caseId, '--json', ...files], { env });
    expect(r.code, r.stderr).toBe(0);
    const documents = (JSON.parse(r.stdout) as { documents: { id: string; sha256: string; originalName: string }[] }).documents;
    const [kept, binned] = documents as [(typeof documents)[number], (typeof documents)[number]];
    expect((await runCli(['export-doc', '--vault', dir, '--doc', kept.id, '--out', path.join(tmpDir(), 'copy.txt')], { env })).code).toBe(0);
    expect((await runCli(['trash', '--vault', dir, '--doc', binned.id], { env })).code).toBe(0);
    const custody = JSON.parse((await runCli(['custody', '--vault', dir, '--doc', kept.id, '--json'], { env })).stdout).entries;

    const exportFile = path.join(tmpDir(), 'case.json');
    expect((await runCli(['export-case', '--vault', dir, '--case', caseId, '--out', exportFile], { env })).code).toBe(0);
    const exported = CaseExportSchema.parse(JSON.parse(fs.readFileSync(exportFile, 'utf8')));
    expect(exported.version).toBe(3);
    const rows = (xs: { id: string; sha256: string; originalName: string }[]) => xs.map((d) => [d.id, d.sha256, d.originalName]).sort();
    expect(rows(exported.documents)).toEqual(rows(documents));
    expect(exported.documents.map((d) => d.sha256).sort()).toEqual(files.map(sha256File).sort());
    const k = exported.documents.find((d) => d.id === kept.id)!;
    expect(k.custody).toEqual(custody);
    // Both letters are in English, which the extraction reads and records (document.update) before the export.
    expect(k.custody.map((e) => e.action)).toEqual(['document.import', 'document.update', 'document.export.started', 'document.export']);
    const b = exported.documents.find((d) => d.id === binned.id)!;
    expect(b.deletedAt).not.toBeNull();
    expect(b.custody.map((e) => e.action)).toEqual(['document.import', 'document.update', 'document.trash']);
  }, 180_000);

  it('usage errors exit 2 and name what is missing', async () => {
    const { dir, caseId } = await lockedVault();
    const r = await runCli(['import', '--vault', dir, sample('injury-photo-1.png')], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--case is required/);
    const t = await runCli(['import', '--vault', dir, '--case', caseId, '--type', 'poem', sample('injury-photo-1.png')], { env });
    expect(t.code).toBe(2);
    const folder = await runCli(['import', '--vault', dir, '--case', caseId, tmpDir()], { env });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/not a regular file/);
  });
});

describe('sakta verify', { timeout: 180_000 }, () => {
  it('a flipped byte in a stored file: exit 4 naming the document', async () => {
    const { dir, caseId } = await lockedVault();
    const { documents } = await importSamples(dir, caseId);
    const victim = documents.find((d) => d.originalName === 'forensic-report-318-en.pdf')!;
    const file = blobFilePath(path.join(dir, 'blobs'), victim.blobId);
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    fs.writeFileSync(file, bytes);
    const r = await runCli(['verify', '--vault', dir, '--json'], { env });
    expect(r.code).toBe(4);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0].documentIds).toEqual([victim.id]);
    expect(report.problems[0].message).toContain(`"${victim.title}"`);
    const human = await runCli(['verify', '--vault', dir], { env });
    expect(human.code).toBe(4);
    expect(human.stdout).toContain(victim.id);
  });

  it.each([
    ['deleted', 'DELETE FROM audit_log WHERE seq = 2', /audit entry 2 is missing/],
    ['edited', `UPDATE audit_log SET detail = '{"originalName":"other.pdf"}' WHERE seq = 2`, /audit entry 2 \(document.import\) was altered/],
  ])('an audit entry %s directly in the database (triggers dropped first): exit 4 naming the entry', async (_what, sql, expected) => {
    const v = await vaultWithCase();
    await v.services.documents.import({ caseId: v.caseId, paths: [sample('injury-photo-1.png'), sample('hrw-letter-2017-12-20.txt')] });
    const db = v.services.vault.current().db;
    // The attacker has the key (a seized, unlocked laptop) and removes the append-only guard.
    db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
    db.exec(sql);
    v.services.vault.lock();
    const r = await runCli(['verify', '--vault', v.dir, '--json'], { env });
    expect(r.code).toBe(4);
    const problems = JSON.parse(r.stdout).problems as { area: string; message: string; auditSeq?: number }[];
    expect(problems.some((p) => p.area === 'audit' && expected.test(p.message))).toBe(true);
    expect(problems.some((p) => p.auditSeq === 2)).toBe(true);
  });

  it('a removed key row (blob record) names the document whose file lost its key', async () => {
    const v = await vaultWithCase();
    const [doc] = (await v.services.documents.import({ caseId: v.caseId, paths: [sample('injury-photo-1.png')] })).documents;
    const db = v.services.vault.current().db;
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM blobs WHERE id = ?').run(doc!.blobId);
    v.services.vault.lock();
    const r = await runCli(['verify', '--vault', v.dir], { env });
    expect(r.code).toBe(4);
    expect(r.stdout).toContain(doc!.id);
  });
});
