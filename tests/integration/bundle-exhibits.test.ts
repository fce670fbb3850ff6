import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BundleDefinition } from '../../shared/schemas/bundle';
import { SaktaError } from '../../shared/errors';
import { buildBundle } from '../../electron/services/bundles/build-bundle';
import { loadFontBytes, locateFontDir } from '../../electron/services/bundles/pdf/fonts';
import { defaultDefinition } from '../../electron/services/bundles/plan';
import { tmpDir } from '../helpers/tmp';
import { sampleCase, type MemorySource } from './bundle-fixtures';
import { outline, pageTexts } from './bundle-pdf-tools';

const fonts = loadFontBytes(locateFontDir());

async function build(s: MemorySource, def: BundleDefinition): Promise<string> {
  const b = await buildBundle({ caseId: s.caseId, definition: def, source: s, fonts, now: new Date('2024-04-02T09:00:00Z'), render: true });
  const f = path.join(tmpDir('sakta-bundle-'), 'bundle.pdf');
  fs.writeFileSync(f, b.volumes[0]!.bytes!);
  return f;
}

/** The sample case with every document put in section A, in the order imported. */
function oneSection(s: MemorySource, language: 'en' | 'ru'): BundleDefinition {
  const d = defaultDefinition(s.getCase(s.caseId)!, s.docs, language);
  d.sections = [{ ...d.sections[0]!, order: 'manual', items: s.docs.map((doc) => ({ documentId: doc.id, agreement: 'unmarked' as const })) }];
  return d;
}

describe('exhibit numbers the lawyer set', () => {
  for (const language of ['en', 'ru'] as const) {
    it(`are printed in the index and the bookmarks instead of the bundle's own numbers (${language})`, async () => {
      const s = sampleCase();
      s.docs[0]!.exhibitNo = 'A-1';
      s.docs[1]!.exhibitNo = 'A-5';
      // The third keeps no number of its own and is numbered by its place, as before.
      s.docs[3]!.exhibitNo = 'P-12';
      const file = await build(s, oneSection(s, language));
      const index = pageTexts(file)[1]!;
      expect(index).toMatch(/A-1\s+Жалоба прокурору/);
      expect(index).toMatch(/A-5\s+Forensic report No\. 318/);
      expect(index).toMatch(/A3\s+Photo of injuries/);
      expect(index).toMatch(/P-12\s+HRW letter/);
      expect(index).not.toMatch(/A1\s+Жалоба|A2\s+Forensic/);
      const kids = outline(file).flatMap((o) => o.kids.map((k) => k.title));
      expect(kids).toEqual(['A-1 Жалоба прокурору', 'A-5 Forensic report No. 318', 'A3 Photo of injuries', 'P-12 HRW letter']);
    });
  }

  it('refuses a bundle where two documents would share a number, naming both', async () => {
    const s = sampleCase();
    s.docs[0]!.exhibitNo = 'A-1';
    s.docs[2]!.exhibitNo = 'a-1 ';
    const err = await build(s, oneSection(s, 'en')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SaktaError);
    expect((err as SaktaError).code).toBe('CONFLICT');
    expect((err as SaktaError).message).toContain('"Жалоба прокурору"');
    expect((err as SaktaError).message).toContain('"Photo of injuries"');
    // A lawyer's number that happens to equal an automatic one clashes too.
    const t = sampleCase();
    t.docs[3]!.exhibitNo = 'A1';
    await expect(build(t, oneSection(t, 'en'))).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
