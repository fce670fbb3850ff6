import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { sha256File, vaultWithCase, writeFile } from './documents-fixtures';
import { KEPT, NAME, PASSPORT, pdftotext, textPdf } from './redaction-fixtures';

const env = { SAKTA_PASSPHRASE: PASS };

describe('sakta redact', () => {
  it('makes the redacted version, prints its id; export-doc writes it like any document; custody has the marks', async () => {
    const v = await vaultWithCase();
    v.services.vault.lock();
    const file = writeFile(tmpDir(), 'statement.pdf', await textPdf());
    const imp = await runCli(['import', '--vault', v.dir, '--case', v.caseId, '--json', file], { env });
    expect(imp.code, imp.stderr).toBe(0);
    const orig = JSON.parse(imp.stdout).documents[0] as { id: string };

    const r = await runCli(['redact', '--vault', v.dir, '--doc', orig.id, '--text', NAME.toLowerCase(), '--area', '1:40,128,520,18'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const id = r.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const out = path.join(tmpDir(), 'redacted.pdf');
    expect((await runCli(['export-doc', '--vault', v.dir, '--doc', id, '--out', out], { env })).code).toBe(0);
    const text = pdftotext(out);
    expect(text).not.toMatch(/Иван|Петров|ИВАН|ПЕТРОВ/);
    expect(text).not.toContain(PASSPORT);
    expect(text).toContain(KEPT);

    const docs = JSON.parse((await runCli(['docs', '--vault', v.dir, '--case', v.caseId, '--json'], { env })).stdout).documents as { id: string; sha256: string; redactedFrom: string | null; redactedVersions: string[] }[];
    const made = docs.find((d) => d.id === id)!;
    expect(made.redactedFrom).toBe(orig.id);
    expect(made.sha256).toBe(sha256File(out));
    expect(docs.find((d) => d.id === orig.id)!.redactedVersions).toEqual([id]);

    const custody = JSON.parse((await runCli(['custody', '--vault', v.dir, '--doc', id, '--json'], { env })).stdout).entries as { action: string; detail: { marks: unknown[] } }[];
    expect(custody.map((e) => e.action)).toEqual(['document.redact', 'document.export.started', 'document.export']);
    expect(custody[0]!.detail.marks).toHaveLength(3);
    expect(JSON.stringify(custody)).not.toMatch(/Иван|Петров/i);

    const json = await runCli(['redact', '--vault', v.dir, '--doc', orig.id, '--text', PASSPORT, '--json'], { env });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).document.redactedFrom).toBe(orig.id);
  }, 300_000); // eight whole CLI processes, each deriving the vault key, on a loaded two-core machine

  it('refuses a malformed --area and a call with no marks (exit 2), and words that are not there', async () => {
    const v = await vaultWithCase();
    v.services.vault.lock();
    const file = writeFile(tmpDir(), 'statement.pdf', await textPdf());
    const orig = JSON.parse((await runCli(['import', '--vault', v.dir, '--case', v.caseId, '--json', file], { env })).stdout).documents[0] as { id: string };
    const bad = await runCli(['redact', '--vault', v.dir, '--doc', orig.id, '--area', '1:10,10'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/PAGE:X,Y,W,H/);
    const none = await runCli(['redact', '--vault', v.dir, '--doc', orig.id], { env });
    expect(none.code).toBe(2);
    const missing = await runCli(['redact', '--vault', v.dir, '--doc', orig.id, '--text', 'Сидоров'], { env });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/None of those words/);
  }, 180_000);
});
