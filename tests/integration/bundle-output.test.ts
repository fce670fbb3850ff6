import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noticeText } from '../../electron/services/bundles/notice-text';
import { RecordingShell } from '../../electron/services/shell';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { vaultWithSamples } from './bundle-fixtures';

/**
 * After a bundle is written (issue 14): the page asks, by the export's `outputId` only, to open it, show it in
 * its folder, or check it against its signed manifest; the main process keeps the paths until the vault locks.
 */
async function exported() {
  const shell = new RecordingShell();
  const v = await vaultWithSamples([], { shell });
  const out = path.join(tmpDir('sakta-out-'), 'hearing.pdf');
  const r = await v.services.bundles.export({ caseId: v.caseId, outPath: out });
  return { ...v, shell, out, r };
}

describe('a written bundle, by its output id', () => {
  it('checks as verified, and reports a flipped byte in the PDF as a SHA-256 mismatch', async () => {
    const { services, out, r } = await exported();
    expect(services.bundles.verifyOutput(r.outputId)).toEqual({
      ok: true,
      manifest: { name: 'hearing.manifest.json', state: 'ok' },
      files: [{ name: 'hearing.pdf', volume: 1, state: 'ok' }],
    });

    const bytes = fs.readFileSync(out);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0xff;
    fs.writeFileSync(out, bytes);
    expect(services.bundles.verifyOutput(r.outputId)).toEqual({
      ok: false,
      manifest: { name: 'hearing.manifest.json', state: 'ok' },
      files: [{ name: 'hearing.pdf', volume: 1, state: 'changed' }],
    });
  });

  it('reports a deleted PDF, an altered manifest and a deleted manifest instead of failing', async () => {
    const { services, out, r } = await exported();
    const manifest = JSON.parse(fs.readFileSync(r.manifestPath, 'utf8'));
    manifest.body.title = 'Another title';
    fs.writeFileSync(r.manifestPath, JSON.stringify(manifest));
    expect(services.bundles.verifyOutput(r.outputId)).toMatchObject({ ok: false, manifest: { state: 'altered' }, files: [{ state: 'ok' }] });

    fs.rmSync(r.manifestPath);
    expect(services.bundles.verifyOutput(r.outputId)).toMatchObject({ ok: false, manifest: { state: 'missing' } });

    fs.rmSync(out);
    expect(services.bundles.verifyOutput(r.outputId)).toMatchObject({ ok: false, files: [{ name: 'hearing.pdf', state: 'missing' }] });
  });

  it('opens and reveals the written PDF through the shell, each recorded as bundle.open', async () => {
    const { services, shell, out, r, caseId } = await exported();
    await services.bundles.openOutput(r.outputId, 'open');
    await services.bundles.openOutput(r.outputId, 'reveal');
    expect(shell.calls).toEqual([
      { how: 'open', path: out },
      { how: 'reveal', path: out },
    ]);
    const s = services.vault.current();
    const opened = s.audit.list(s.db, { caseId }).filter((e) => e.action === 'bundle.open');
    expect(opened.map((e) => e.detail)).toEqual(
      expect.arrayContaining([
        { how: 'open', file: 'hearing.pdf' },
        { how: 'reveal', file: 'hearing.pdf' },
      ]),
    );
    expect(opened).toHaveLength(2);
    expect(s.audit.verify(s.db, s.keys.signing.publicKey)).toEqual([]);

    // A file with no application to open it: the OS's message comes back as a coded error.
    shell.openAnswer = 'No application is associated with the file';
    await expect(services.bundles.openOutput(r.outputId, 'open')).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringContaining('No application') });
  });

  it('refuses an unknown id, and forgets every id at lock', async () => {
    const { services, shell, r } = await exported();
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(services.bundles.openOutput(unknown, 'open')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no longer known/) });
    expect(() => services.bundles.verifyOutput(unknown)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));

    services.vault.lock('user');
    await services.vault.unlock(PASS);
    await expect(services.bundles.openOutput(r.outputId, 'reveal')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(() => services.bundles.verifyOutput(r.outputId)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(shell.calls).toEqual([]);
  });

  it('without a shell (the CLI) opening is refused, and nothing is recorded', async () => {
    const v = await vaultWithSamples();
    const r = await v.services.bundles.export({ caseId: v.caseId, outPath: path.join(tmpDir('sakta-out-'), 'cli.pdf') });
    await expect(v.services.bundles.openOutput(r.outputId, 'open')).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    const s = v.services.vault.current();
    expect(s.audit.list(s.db, { caseId: v.caseId }).some((e) => e.action === 'bundle.open')).toBe(false);
    // Checking needs no desktop.
    expect(v.services.bundles.verifyOutput(r.outputId).ok).toBe(true);
  });

  it('sends notices as codes with values, which the CLI words in English', async () => {
    const { services, caseId, byName } = await exported();
    const def = services.bundles.defaults(caseId);
    const persons = services.caseWork.persons.create({ name: 'Азамат Токтогулов' });
    def.pseudonyms = [{ personId: persons.id, code: 'Applicant A' }];
    services.documents.trash(byName.get('forensic-report-318-en.pdf')!.id);
    const preview = await services.bundles.preview(caseId, { definition: def });
    expect(preview.notices).toEqual(
      expect.arrayContaining([
        { code: 'pseudonyms-generated-pages-only', params: {} },
        { code: 'document-missing', params: { section: expect.any(String) } },
      ]),
    );
    const english = preview.notices.map(noticeText);
    expect(english.join('\n')).toMatch(/NOT redacted/);
    expect(english.join('\n')).toMatch(/is no longer in the case file/);
  });
});
