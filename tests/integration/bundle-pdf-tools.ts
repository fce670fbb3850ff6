import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';

/** poppler-utils and qpdf, the tools a court clerk's machine would use to look at the bundle. */
export const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

export const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))![1]);

/** Text of each page (pdftotext separates pages with a form feed). */
export function pageTexts(file: string): string[] {
  const pages = run('pdftotext', ['-layout', file, '-']).split('\f');
  if (pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}

/** The bundle page label: the last word on the page's last line (bottom right). */
export function stampOf(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim());
  return lines[lines.length - 1]?.trim().split(/\s+/).pop() ?? '';
}

export interface OutlineItem {
  title: string;
  page: number;
  kids: OutlineItem[];
}

/** The outline as qpdf reads it (page numbers from 1). */
export function outline(file: string): OutlineItem[] {
  const j = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', file])) as { outlines: { title: string; destpageposfrom1: number; kids: unknown[] }[] };
  const map = (xs: { title: string; destpageposfrom1: number; kids: unknown[] }[]): OutlineItem[] =>
    xs.map((x) => ({ title: x.title, page: x.destpageposfrom1, kids: map(x.kids as typeof xs) }));
  return map(j.outlines);
}

/** Per page: [width, height, rotation]. */
export function pageBoxes(file: string): [number, number, number][] {
  const out = run('pdfinfo', ['-f', '1', '-l', '9999', file]);
  const sizes = [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const rots = [...out.matchAll(/Page\s+\d+ rot:\s+(\d+)/g)].map((m) => Number(m[1]));
  return sizes.map((s, i) => [s[0]!, s[1]!, rots[i] ?? 0]);
}

/** Every link annotation as [from page, to page], both 1-based, read back with pdf-lib. */
export async function links(file: string): Promise<[number, number][]> {
  const doc = await PDFDocument.load(fs.readFileSync(file));
  const pages = doc.getPages();
  const index = new Map(pages.map((p, i) => [p.ref.toString(), i + 1]));
  const out: [number, number][] = [];
  pages.forEach((p, i) => {
    const annots = p.node.Annots();
    for (let k = 0; k < (annots?.size() ?? 0); k++) {
      const a = doc.context.lookup(annots!.get(k), PDFDict);
      if (a.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
      const dest = a.lookup(PDFName.of('Dest'), PDFArray);
      out.push([i + 1, index.get(dest.get(0).toString()) ?? -1]);
    }
  });
  return out;
}
