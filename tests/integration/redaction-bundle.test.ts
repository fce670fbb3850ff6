import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';
import { vaultWithCase, writeFile } from './documents-fixtures';
import { KEPT, NAME, pdftotext, textPdf } from './redaction-fixtures';

describe('a bundle section with "use redacted versions"', () => {
  it('puts the redacted version in place of the original, and the index says it is redacted', async () => {
    const v = await vaultWithCase();
    const file = writeFile(tmpDir(), 'statement.pdf', await textPdf());
    const orig = (await v.services.documents.import({ caseId: v.caseId, paths: [file], type: 'witness-statement' })).documents[0]!;
    const red = await v.services.redaction.redact({ id: orig.id, words: [NAME] });
    const b = v.services.bundles;

    // By default a bundle holds each original once; the redacted version is not added beside it.
    const defaults = b.defaults(v.caseId, 'ru');
    expect(defaults.sections.flatMap((s) => s.items.map((i) => i.documentId))).toEqual([orig.id]);

    const plain = await b.preview(v.caseId, { definitionId: b.saveDefinition({ caseId: v.caseId, name: 'Plain', definition: defaults }).id });
    expect(plain.sections.flatMap((s) => s.documents.map((d) => d.documentId))).toEqual([orig.id]);

    const def = { ...defaults, options: { ...defaults.options, custodyAnnex: true }, sections: defaults.sections.map((s) => ({ ...s, useRedacted: true })) };
    const saved = b.saveDefinition({ caseId: v.caseId, name: 'Public', definition: def });
    const preview = await b.preview(v.caseId, { definitionId: saved.id });
    const placed = preview.sections.flatMap((s) => s.documents);
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({ documentId: red.id, title: `${orig.title} [обезличенная версия]` });

    const out = path.join(tmpDir('sakta-out-'), 'public.pdf');
    await b.export({ caseId: v.caseId, outPath: out, definitionId: saved.id });
    const text = pdftotext(out);
    expect(text).not.toMatch(/Иван|Петров|ИВАН|ПЕТРОВ/);
    expect(text).toContain(KEPT);
    // The index and the custody annex both say so; the annex gives the redacted file's own SHA-256 and name.
    expect(text.match(/\[обезличенная/g)!.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain(red.sha256.slice(0, 32));
    expect(text).toContain('statement-redacted.pdf');
  });
});
