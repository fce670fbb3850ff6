import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { BundleDefinition } from '../../shared/schemas/bundle';
import { buildBundle } from '../../electron/services/bundles/build-bundle';
import { loadFontBytes, locateFontDir } from '../../electron/services/bundles/pdf/fonts';
import { defaultDefinition } from '../../electron/services/bundles/plan';
import { tmpDir } from '../helpers/tmp';
import { MemorySource, SAMPLES, sampleCase } from './bundle-fixtures';
import { links, outline, pageBoxes, pageCount, pageTexts, run, stampOf } from './bundle-pdf-tools';

const fonts = loadFontBytes(locateFontDir());

async function build(s: MemorySource, edit?: (d: BundleDefinition) => void, signal?: AbortSignal) {
  const def = defaultDefinition(s.getCase(s.caseId)!, s.docs);
  edit?.(def);
  const b = await buildBundle({ caseId: s.caseId, definition: def, source: s, fonts, now: new Date('2024-04-02T09:00:00Z'), render: true, signal });
  const dir = tmpDir('sakta-bundle-');
  const files = b.volumes.map((v) => {
    const f = path.join(dir, `vol${v.number}.pdf`);
    fs.writeFileSync(f, v.bytes!);
    return f;
  });
  return { b, files };
}

/** Index rows as printed: title → page reference text (the last column). */
function indexRefs(indexText: string, titles: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of indexText.split('\n'))
    for (const t of titles) if (line.includes(t)) out.set(t, line.trim().split(/\s{2,}/).pop()!);
  return out;
}

/** A PDF made here: one portrait page, one landscape page, one portrait page carrying /Rotate 90. */
async function orientationPdf(): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  const f = await d.embedFont(StandardFonts.Helvetica);
  d.addPage([595, 842]).drawText('PORTRAIT-PAGE-MARK', { x: 50, y: 700, size: 14, font: f });
  d.addPage([842, 595]).drawText('LANDSCAPE-PAGE-MARK', { x: 50, y: 500, size: 14, font: f });
  const r = d.addPage([595, 842]);
  r.setRotation(degrees(90));
  r.drawText('ROTATED-PAGE-MARK', { x: 100, y: 300, size: 14, font: f, rotate: degrees(90) });
  return d.save();
}

/** A US Letter PDF: a portrait page, a landscape page and a portrait page shown turned by /Rotate 90. */
async function letterPdf(): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  const f = await d.embedFont(StandardFonts.Helvetica);
  d.addPage([612, 792]).drawText('LETTER-PORTRAIT-MARK', { x: 50, y: 700, size: 14, font: f });
  d.addPage([792, 612]).drawText('LETTER-LANDSCAPE-MARK', { x: 50, y: 500, size: 14, font: f });
  const r = d.addPage([612, 792]);
  r.setRotation(degrees(90));
  r.drawText('LETTER-ROTATED-MARK', { x: 100, y: 300, size: 14, font: f, rotate: degrees(90) });
  return d.save();
}

describe('bundle PDF from the sample documents', () => {
  it('has an index whose page numbers are where each document starts, a stamp on every page, bookmarks and links', async () => {
    const s = sampleCase();
    const { b, files } = await build(s);
    const file = files[0]!;
    const pages = pageTexts(file);
    // cover + 1 index page + complaint 1 + photo 1 + forensic 3 + text letter (several pages)
    expect(pageCount(file)).toBe(b.volumes[0]!.pages);
    expect(pages.length).toBe(pageCount(file));

    // A stamp on every page: i, ii for the front matter, then 1..N without a gap.
    const stamps = pages.map(stampOf);
    expect(stamps.slice(0, 2)).toEqual(['i', 'ii']);
    expect(stamps.slice(2)).toEqual(Array.from({ length: pages.length - 2 }, (_, i) => String(i + 1)));

    const firstText: Record<string, (t: string, page: number) => boolean> = {
      'Жалоба прокурору': (t) => t.includes('ЗАЯВЛЕНИЕ') && t.includes('о применении пыток'),
      'Forensic report No. 318': (t) => t.includes('Forensic medical examination report No. 318'),
      'Photo of injuries': (_t, page) => run('pdfimages', ['-list', '-f', String(page), '-l', String(page), file]).split('\n').length > 3,
      'HRW letter': (t) => t.includes('hrw-letter-2017-12-20.txt') && t.includes('Human Rights Watch'),
    };
    const refs = indexRefs(pages[1]!, Object.keys(firstText));
    expect(refs.size).toBe(4);
    for (const [title, ref] of refs) {
      const first = ref.split('–')[0]!;
      const physical = stamps.indexOf(first) + 1;
      expect(physical, `${title} starts at stamp ${first}`).toBeGreaterThan(2);
      expect(firstText[title]!(pages[physical - 1]!, physical), `${title} is on the page stamped ${first}`).toBe(true);
    }
    // The forensic report spans its three pages.
    expect(refs.get('Forensic report No. 318')).toMatch(/^\d+–\d+$/);

    // The Russian complaint comes through as Russian text, not mojibake.
    expect(pages.join('\n')).toContain('Прокурору Кара-Суйского района');
    expect(pages.join('\n')).toContain('Эркинбеков');

    // Bookmarks: sections with one entry per document, each pointing at that document's first page.
    const ol = outline(file);
    const docs = ol.flatMap((o) => o.kids);
    expect(docs.map((d) => d.title.replace(/^[A-Z]\d+ /, '')).sort()).toEqual(Object.keys(firstText).sort());
    for (const d of docs) expect(firstText[d.title.replace(/^[A-Z]\d+ /, '')]!(pages[d.page - 1]!, d.page)).toBe(true);
    expect(ol.map((o) => o.title)).toEqual(['Cover', 'Index', 'A. Pleadings and orders', 'C. Expert and medical reports', 'D. Correspondence and other documents']);

    // Each index line is a link to its document's first page.
    const ls = await links(file);
    const fromIndex = ls.filter(([from]) => from === 2).map(([, to]) => to).sort((a, x) => a - x);
    expect(fromIndex).toEqual(docs.map((d) => d.page).sort((a, x) => a - x));

    // Named destinations by tab (A1, C1 …) and the DejaVu font embedded as a subset.
    expect(run('pdfinfo', ['-dests', file])).toMatch(/"A1"/);
    expect(run('pdffonts', [file])).toMatch(/[A-Z]{6}\+DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it('keeps landscape pages landscape and stamps them at the bottom right as displayed', async () => {
    const s = sampleCase();
    s.add({ name: 'orientation.pdf', bytes: await orientationPdf() }, { kind: 'pdf', type: 'decision', title: 'Orientation test', date: { precision: 'day', date: '2009-01-01' } });
    const { files } = await build(s);
    const boxes = pageBoxes(files[0]!);
    const pages = pageTexts(files[0]!);
    const at = (mark: string) => pages.findIndex((t) => t.includes(mark));
    const land = at('LANDSCAPE-PAGE-MARK');
    const rot = at('ROTATED-PAGE-MARK');
    expect(boxes[land]).toEqual([842, 595, 0]);
    expect(boxes[rot]).toEqual([595, 842, 90]);
    // Stamps continue in order through the odd pages.
    expect(stampOf(pages[land]!)).toBe(String(Number(stampOf(pages[at('PORTRAIT-PAGE-MARK')]!)) + 1));
    expect(pages[rot]!).toContain(String(Number(stampOf(pages[land]!)) + 1));
    // The wide photo got a landscape page.
    const photo = pages.findIndex((t, i) => i > 1 && run('pdfimages', ['-list', '-f', String(i + 1), '-l', String(i + 1), files[0]!]).split('\n').length > 3);
    const img = run('pdfimages', ['-list', '-f', String(photo + 1), '-l', String(photo + 1), files[0]!]).split('\n')[2]!.trim().split(/\s+/);
    const [w, h] = [Number(img[3]), Number(img[4])];
    expect(boxes[photo]![0] > boxes[photo]![1]).toBe(w > h);
  });

  it('scales US Letter pages onto the A4 bundle, landscape ones onto landscape A4, and stamps them', async () => {
    const s = sampleCase();
    s.add({ name: 'letter.pdf', bytes: await letterPdf() }, { kind: 'pdf', type: 'decision', title: 'US court order', date: { precision: 'day', date: '2009-01-01' } });
    const { files } = await build(s);
    const boxes = pageBoxes(files[0]!);
    const pages = pageTexts(files[0]!);
    const at = (mark: string) => pages.findIndex((t) => t.includes(mark));
    const [portrait, landscape, rotated] = [at('LETTER-PORTRAIT-MARK'), at('LETTER-LANDSCAPE-MARK'), at('LETTER-ROTATED-MARK')];
    expect(Math.min(portrait, landscape, rotated)).toBeGreaterThan(1);
    // pdfinfo prints A4 as 595.28 x 841.89 points; the cover is A4 too.
    expect(boxes[0]!.slice(0, 2)).toEqual([595.28, 841.89]);
    expect(boxes[portrait]).toEqual([595.28, 841.89, 0]);
    expect(boxes[landscape]).toEqual([841.89, 595.28, 0]);
    expect(boxes[rotated]).toEqual([595.28, 841.89, 90]);
    // Still stamped in sequence at the bottom right, and the text still there to copy.
    const first = Number(stampOf(pages[portrait]!));
    expect(first).toBeGreaterThan(0);
    expect(stampOf(pages[landscape]!)).toBe(String(first + 1));
    expect(pages[rotated]!).toContain(String(first + 2));
    // The scaled content sits inside the A4 page: pdftotext finds the mark in the page's upper part.
    const bbox = run('pdftotext', ['-bbox', '-f', String(portrait + 1), '-l', String(portrait + 1), files[0]!, '-']);
    const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">LETTER-PORTRAIT-MARK/.exec(bbox)!;
    const [x0, y0, x1] = word.slice(1, 4).map(Number) as [number, number, number];
    expect(x0).toBeGreaterThan(0);
    expect(x1).toBeLessThan(595.28);
    // 92 pt below the top of a 792 pt page, scaled by 595.28/612 and shifted down to centre: about 116 pt.
    expect(y0).toBeGreaterThan(100);
    expect(y0).toBeLessThan(130);
  });

  it('keeps each source page at its own size when fitting to the paper is off', async () => {
    const s = sampleCase();
    s.add({ name: 'letter.pdf', bytes: await letterPdf() }, { kind: 'pdf', type: 'decision', title: 'US court order', date: { precision: 'day', date: '2009-01-01' } });
    const { files } = await build(s, (d) => (d.options.fitToPaper = false));
    const boxes = pageBoxes(files[0]!);
    const pages = pageTexts(files[0]!);
    const at = (mark: string) => pages.findIndex((t) => t.includes(mark));
    expect(boxes[at('LETTER-PORTRAIT-MARK')]).toEqual([612, 792, 0]);
    expect(boxes[at('LETTER-LANDSCAPE-MARK')]).toEqual([792, 612, 0]);
    expect(boxes[at('LETTER-ROTATED-MARK')]).toEqual([612, 792, 90]);
    expect(stampOf(pages[at('LETTER-LANDSCAPE-MARK')]!)).toBe(String(Number(stampOf(pages[at('LETTER-PORTRAIT-MARK')]!)) + 1));
    // The generated pages are A4 either way.
    expect(boxes[0]!.slice(0, 2)).toEqual([595.28, 841.89]);
  });

  it('splits into volumes at the page limit with the index in every volume', async () => {
    const s = sampleCase();
    s.add('working-meeting-2020-08-25.txt', { kind: 'text', type: 'correspondence', title: 'Working meeting' });
    s.add('letter-to-president-2020-04-27.txt', { kind: 'text', type: 'correspondence', title: 'Letter to the President' });
    const { b, files } = await build(s, (d) => (d.options.volumePageLimit = 20));
    // With the three letters the case no longer fits in 20 pages.
    expect(files.length).toBeGreaterThan(1);
    const all = new Map<string, string>();
    for (const [i, f] of files.entries()) {
      const pages = pageTexts(f);
      expect(pageCount(f)).toBeLessThanOrEqual(20);
      expect(pages[0]).toContain(`Volume ${i + 1} of ${files.length}`);
      expect(pages[1]).toContain('Index');
      // Every volume's index lists every document, with its volume.
      for (const [t, r] of indexRefs(pages[1]!, ['Жалоба прокурору', 'Forensic report No. 318', 'HRW letter'])) {
        expect(r).toMatch(/^Vol\. \d+, \d+(–\d+)?$/);
        if (i === 0) all.set(t, r);
        else expect(r).toBe(all.get(t));
      }
    }
    // The stated volume and page hold the document; numbering continues across volumes.
    const [vol, first] = /^Vol\. (\d+), (\d+)/.exec(all.get('HRW letter')!)!.slice(1).map(Number) as [number, number];
    const pages = pageTexts(files[vol - 1]!);
    const physical = pages.map(stampOf).indexOf(String(first));
    expect(pages[physical]).toContain('Human Rights Watch');
    expect(b.preview.volumes.map((v) => v.pages).reduce((a, x) => a + x, 0)).toBe(files.reduce((a, f) => a + pageCount(f), 0));
  });

  it('numbers per section ("C-2"), puts a translation right after its original and shows agreement', async () => {
    const s = sampleCase();
    const complaint = s.docs[0]!;
    const tr = s.add('working-meeting-2020-08-25.txt', { kind: 'text', type: 'translation', title: 'Translation of the complaint', translationOf: complaint.id });
    const { files } = await build(s, (d) => {
      d.options.numbering = 'section';
      d.sections[0]!.items[0]!.agreement = 'agreed';
      // The lawyer dropped the translation into section D; it must still follow its original.
      expect(d.sections[3]!.items.some((i) => i.documentId === tr.id)).toBe(true);
    });
    const pages = pageTexts(files[0]!);
    const refs = indexRefs(pages[1]!, ['Жалоба прокурору', 'Translation of the complaint', 'Forensic report No. 318']);
    expect(refs.get('Жалоба прокурору')).toBe('A-1');
    expect(refs.get('Translation of the complaint')!.startsWith('A-2')).toBe(true);
    expect(refs.get('Forensic report No. 318')).toBe('C-2–C-4');
    expect(pages[1]).toMatch(/A2\s+Translation of the complaint \(translation of\s+A1\)/);
    expect(pages[1]).toMatch(/Жалоба прокурору\s+12 July 2010\s+Agreed/);
    const stamps = pages.map(stampOf);
    expect(stamps).toContain('C-4');
    expect(pages[stamps.indexOf('C-2')]).toContain('Forensic medical examination report No. 318');
  });

  it('writes a chronology with each event’s document page, a custody annex with every SHA-256, and pseudonyms only on generated pages', async () => {
    const s = sampleCase();
    const person = { id: '6f1c2d4e-0000-4000-8000-000000000001', name: 'Эркинбеков Нурлан Маратович', nameTranslit: 'Erkinbekov Nurlan' };
    s.persons.push(person);
    const forensic = s.docs[1]!;
    s.events.push({ id: 'e1', date: { precision: 'day', date: '2024-03-15' }, time: null, type: 'medical_examination', place: 'Osh', description: 'Эркинбеков examined by Dr. Saparova', documentIds: [forensic.id] });
    s.events.push({ id: 'e2', date: { precision: 'season', year: 2014, season: 'summer' }, time: null, type: 'arrest', place: null, description: 'Erkinbekov Nurlan detained', documentIds: [] });
    const { files } = await build(s, (d) => {
      d.options.chronology = true;
      d.options.custodyAnnex = true;
      d.pseudonyms = [{ personId: person.id, code: 'Applicant A' }];
      d.cover.parties = 'Эркинбеков Нурлан Маратович v. Kyrgyz Republic';
    });
    const pages = pageTexts(files[0]!);
    const stamps = pages.map(stampOf);
    const chrono = pages.find((t) => t.startsWith('Chronology') || t.includes('\nChronology'))!;
    expect(chrono).toContain('summer 2014');
    const line = chrono.split('\n').find((l) => l.includes('examined by'))!;
    expect(line).toContain('Applicant A examined');
    const page = line.trim().split(/\s+/).pop()!;
    expect(pages[stamps.indexOf(page)]).toContain('Forensic medical examination report No. 318');
    // Generated pages carry the code; the source documents are reproduced unredacted.
    expect(pages[0]).toContain('Applicant A v. Kyrgyz Republic');
    for (const t of [pages[0]!, pages[1]!, chrono]) expect(t).not.toMatch(/Эркинбеков|Erkinbekov/);
    expect(pages.join('\n')).toContain('Эркинбеков'); // inside the complaint itself
    expect(pages[0]).toContain('without redaction');
    const annex = pages.filter((t) => t.includes('Custody annex') && t.includes('SHA-256')).pop()!;
    // Printed in two halves of 32 hex digits, one under the other.
    for (const d of s.docs) for (const half of [d.sha256.slice(0, 32), d.sha256.slice(32)]) expect(annex).toContain(half);
  });

  it('refuses an encrypted PDF, naming the document', async () => {
    const dir = tmpDir();
    const enc = path.join(dir, 'enc.pdf');
    execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', path.join(SAMPLES, 'forensic-report-318-en.pdf'), enc]);
    const s = sampleCase();
    s.add({ name: 'sealed-decision.pdf', bytes: new Uint8Array(fs.readFileSync(enc)) }, { kind: 'pdf', type: 'decision', title: 'Sealed decision' });
    const err = await build(s).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNSUPPORTED' });
    expect((err as Error).message).toContain('"Sealed decision" (sealed-decision.pdf)');
    expect((err as Error).message).toMatch(/encrypted/);
  });

  it('refuses a damaged PDF, naming the document', async () => {
    const s = sampleCase();
    const good = fs.readFileSync(path.join(SAMPLES, 'complaint-to-prosecutor-ru.pdf'));
    s.add({ name: 'torn.pdf', bytes: new Uint8Array(good.subarray(0, 400)) }, { kind: 'pdf', type: 'decision', title: 'Torn scan' });
    const err = await build(s).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNSUPPORTED' });
    expect((err as Error).message).toContain('"Torn scan"');
  });

  it('refuses a hostile PDF whose page tree loops back on itself, naming the document', async () => {
    // Hand-written so the loop survives: /Pages lists itself among its kids and claims a thousand pages.
    const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 1000 >>'];
    let body = '%PDF-1.7\n';
    const offsets = objs.map((o, i) => {
      const at = body.length;
      body += `${i + 1} 0 obj\n${o}\nendobj\n`;
      return at;
    });
    const xref = body.length;
    body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    const s = sampleCase();
    s.add({ name: 'loop.pdf', bytes: new TextEncoder().encode(body) }, { kind: 'pdf', type: 'decision', title: 'Looping file' });
    const err = await build(s).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNSUPPORTED' });
    expect((err as Error).message).toContain('"Looping file" (loop.pdf)');
  });

  it('stops when cancelled', async () => {
    const c = new AbortController();
    c.abort();
    await expect(build(sampleCase(), undefined, c.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
