import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { verifyBundle } from '../../electron/services/bundles/manifest';
import { tmpDir } from '../helpers/tmp';
import { SAMPLES, vaultWithSamples } from './bundle-fixtures';
import { pageCount, pageTexts } from './bundle-pdf-tools';
import { dispatcherFor } from '../helpers/ipc';

describe('BundleService over a real vault', () => {
  it('exports the case to the chosen folder with a signed manifest, and audits it', async () => {
    const v = await vaultWithSamples();
    const out = path.join(tmpDir('sakta-out-'), 'hearing.pdf');
    const progress: number[] = [];
    v.services.events.on('job.progress', (p) => progress.push(p.done));
    const r = await v.services.bundles.export({ caseId: v.caseId, outPath: out });
    expect(r.files).toHaveLength(1);
    expect(pageCount(out)).toBe(r.totalPages);
    expect(pageTexts(out).join('\n')).toContain('Прокурору Кара-Суйского района');
    expect(fs.readdirSync(path.dirname(out)).sort()).toEqual(['hearing.manifest.json', 'hearing.pdf']);
    expect(progress.length).toBeGreaterThan(4);

    const report = verifyBundle(createNativeCrypto(), out, { vaultPublicKey: v.services.vault.current().header.signingPublicKey });
    expect(report).toMatchObject({ ok: true, vaultKeyMatches: true });
    const manifest = JSON.parse(fs.readFileSync(r.manifestPath, 'utf8'));
    expect(manifest.body.sources.map((x: { sha256: string }) => x.sha256).sort()).toEqual([...v.byName.values()].map((d) => d.sha256).sort());

    const s = v.services.vault.current();
    const audit = s.audit.list(s.db, { caseId: v.caseId }).filter((e) => e.action === 'bundle.export');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ documents: 4, files: [{ name: 'hearing.pdf', sha256: r.files[0]!.sha256 }] });
    expect(s.audit.verify(s.db, s.keys.signing.publicKey)).toEqual([]);
  });

  it('saves named definitions per case and rebuilds from one after documents change', async () => {
    const v = await vaultWithSamples();
    const b = v.services.bundles;
    const def = b.defaults(v.caseId);
    def.sections = [{ key: 'main', title: 'Medical evidence', order: 'manual', items: [{ documentId: v.byName.get('forensic-report-318-en.pdf')!.id, agreement: 'agreed' }] }];
    const saved = b.saveDefinition({ caseId: v.caseId, name: 'Appeal hearing, 12 March', definition: def });
    expect(() => b.saveDefinition({ caseId: v.caseId, name: 'appeal HEARING, 12 march', definition: def })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(b.listDefinitions(v.caseId).map((d) => d.name)).toEqual(['Appeal hearing, 12 March']);

    // The document's title changes after the definition was saved; the rebuilt bundle shows the new one.
    v.services.documents.update(v.byName.get('forensic-report-318-en.pdf')!.id, { title: 'Forensic report No. 318 (revised title)' });
    const preview = await b.preview(v.caseId, { definitionId: saved.id });
    expect(preview.sections[0]).toMatchObject({ letter: 'A', title: 'Medical evidence', documents: [{ title: 'Forensic report No. 318 (revised title)', firstPage: '1', lastPage: '3', agreement: 'agreed' }] });
    const out = path.join(tmpDir('sakta-out-'), 'appeal.pdf');
    await b.export({ caseId: v.caseId, outPath: out, definitionName: 'Appeal hearing, 12 March' });
    expect(pageTexts(out)[1]).toMatch(/A1\s+Forensic report No. 318 \(revised title\)/);

    b.deleteDefinition(saved.id);
    expect(b.listDefinitions(v.caseId)).toEqual([]);
  });

  it('an encrypted source PDF stops the export with its name, and nothing is written', async () => {
    const dir = tmpDir();
    const enc = path.join(dir, 'sealed-order.pdf');
    execFileSync('qpdf', ['--encrypt', 'u-secret', 'o-secret', '256', '--', path.join(SAMPLES, 'forensic-report-318-en.pdf'), enc]);
    const v = await vaultWithSamples([enc]);
    const outDir = tmpDir('sakta-out-');
    const err = await v.services.bundles.export({ caseId: v.caseId, outPath: path.join(outDir, 'b.pdf') }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNSUPPORTED' });
    expect((err as Error).message).toContain('sealed-order.pdf');
    expect(fs.readdirSync(outDir)).toEqual([]);
    const s = v.services.vault.current();
    expect(s.audit.list(s.db, { caseId: v.caseId }).some((e) => e.action === 'bundle.export')).toBe(false);
  });

  it('refuses to write a readable bundle inside the vault folder', async () => {
    const v = await vaultWithSamples();
    await expect(v.services.bundles.export({ caseId: v.caseId, outPath: path.join(v.dir, 'b.pdf') })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(fs.readdirSync(v.dir).some((f) => f.endsWith('.pdf'))).toBe(false);
  });

  it('is reachable over the IPC contract', async () => {
    const v = await vaultWithSamples();
    const dispatch = dispatcherFor(v.services, { allowedOrigins: ['app://sakta'] });
    const caller = { origin: 'app://sakta', isMainFrame: true };
    const defaults = await dispatch('bundles.defaults', { caseId: v.caseId }, caller);
    expect(defaults.ok).toBe(true);
    const preview = await dispatch('bundles.preview', { caseId: v.caseId, definition: (defaults as { value: unknown }).value }, caller);
    expect(preview).toMatchObject({ ok: true, value: { volumes: [{ number: 1 }] } });
    const bad = await dispatch('bundles.export', { caseId: v.caseId, outPath: '/tmp/x.docx' }, caller);
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
