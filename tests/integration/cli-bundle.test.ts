import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { vaultWithSamples } from './bundle-fixtures';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { outline, pageBoxes, pageCount, pageTexts } from './bundle-pdf-tools';

const env = { SAKTA_PASSPHRASE: PASS, SAKTA_TEST_FAST_KDF: '1' };

describe('sakta bundle / verify-bundle', () => {
  it('builds the bundle of a case, and verify-bundle catches a single changed byte (exit 4)', async () => {
    const v = await vaultWithSamples();
    v.services.vault.lock();
    const out = path.join(tmpDir('sakta-out-'), 'court bundle.pdf');

    const r = await runCli(['bundle', '--vault', v.dir, '--case', v.caseId, '--out', out], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('court bundle.manifest.json');
    const pages = pageTexts(out);
    expect(pages.length).toBe(pageCount(out));
    expect(pages.join('\n')).toContain('ЗАЯВЛЕНИЕ');
    expect(outline(out).flatMap((o) => o.kids)).toHaveLength(4);

    const ok = await runCli(['verify-bundle', out, '--vault', v.dir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('matches its signed manifest');
    expect(ok.stdout).toContain('Signed by this vault');

    const bytes = fs.readFileSync(out);
    const i = Math.floor(bytes.length / 2);
    bytes[i] = bytes[i]! ^ 0x01;
    fs.writeFileSync(out, bytes);
    const bad = await runCli(['verify-bundle', out]);
    expect(bad.code).toBe(4);
    expect(bad.stderr).toMatch(/does NOT match its manifest.*SHA-256 mismatch/);
  });

  it('builds from a saved definition by name, and reports usage errors with exit 2', async () => {
    const v = await vaultWithSamples();
    const def = v.services.bundles.defaults(v.caseId);
    def.options.numbering = 'section';
    v.services.bundles.saveDefinition({ caseId: v.caseId, name: 'Appeal hearing', definition: def });
    v.services.vault.lock();
    const out = path.join(tmpDir('sakta-out-'), 'appeal.pdf');
    const r = await runCli(['bundle', '--vault', v.dir, '--case', v.caseId, '--definition', 'Appeal hearing', '--out', out, '--json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0].path).toBe(out);
    // Per-section numbering: the three-page forensic report is the only document of section C.
    expect(pageTexts(out)[1]).toMatch(/Forensic report No\. 318.*\sC-1–C-3\n/);

    const missing = await runCli(['bundle', '--vault', v.dir, '--case', v.caseId], { env });
    expect(missing.code).toBe(2);
    const unknown = await runCli(['bundle', '--vault', v.dir, '--case', v.caseId, '--definition', 'Nope', '--out', out + '.2.pdf'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no saved bundle named "Nope"');
  });

  it('scales a US Letter document onto the A4 pages of the bundle, and keeps its size with --keep-page-size', async () => {
    const d = await PDFDocument.create();
    d.addPage([612, 792]).drawText('US-LETTER-ORDER', { x: 50, y: 700, size: 14, font: await d.embedFont(StandardFonts.Helvetica) });
    const letter = path.join(tmpDir('sakta-src-'), 'us-order.pdf');
    fs.writeFileSync(letter, await d.save());
    const v = await vaultWithSamples([letter]);
    v.services.vault.lock();
    const dir = tmpDir('sakta-out-');
    const sizeOf = (file: string) => {
      const i = pageTexts(file).findIndex((t) => t.includes('US-LETTER-ORDER'));
      expect(i).toBeGreaterThan(1);
      return pageBoxes(file)[i]!.slice(0, 2);
    };
    const fitted = path.join(dir, 'a4.pdf');
    expect((await runCli(['bundle', '--vault', v.dir, '--case', v.caseId, '--out', fitted], { env })).code).toBe(0);
    expect(sizeOf(fitted)).toEqual([595.28, 841.89]);
    const kept = path.join(dir, 'kept.pdf');
    const r = await runCli(['bundle', '--vault', v.dir, '--case', v.caseId, '--keep-page-size', '--out', kept], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(sizeOf(kept)).toEqual([612, 792]);
  });

  it('verify-bundle fails when the manifest itself was edited', async () => {
    const v = await vaultWithSamples();
    v.services.vault.lock();
    const out = path.join(tmpDir('sakta-out-'), 'b.pdf');
    expect((await runCli(['bundle', '--vault', v.dir, '--case', v.caseId, '--out', out], { env })).code).toBe(0);
    const mf = out.replace(/\.pdf$/, '.manifest.json');
    const m = JSON.parse(fs.readFileSync(mf, 'utf8'));
    m.body.title = 'Something else';
    fs.writeFileSync(mf, JSON.stringify(m));
    const r = await runCli(['verify-bundle', out]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('signature does not verify');
  });
});
