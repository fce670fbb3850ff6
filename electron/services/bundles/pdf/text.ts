import type { BundleFont } from './fonts';

/**
 * Text as a font can draw it: tabs become spaces, other control characters go, and characters the font
 * lacks become "?" rather than an invisible .notdef box that would silently lose a letter.
 */
export function drawable(text: string, supported: { has(cp: number): boolean }): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xfeff) continue;
    else out += supported.has(cp) ? ch : '?';
  }
  return out;
}

/**
 * Greedy word wrap; a word wider than the line is broken by characters. Paragraph breaks are kept. A line's
 * width is the sum of its characters' advances, so it is kept as the line grows by a space and a word rather
 * than measured again from its start for every word (the custody annex of a 100-document bundle spent
 * ~10 ms of its layout re-measuring).
 */
export function wrapText(text: string, font: BundleFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  const width = (s: string) => font.widthOfTextAtSize(s, size);
  const space = width(' ');
  for (const para of text.split('\n')) {
    const words = para.split(/ +/).filter((w, i) => w !== '' || i === 0);
    let line = '';
    let lineWidth = 0;
    for (const word of words) {
      const wordWidth = width(word);
      const candidate = line ? lineWidth + space + wordWidth : wordWidth;
      if (candidate <= maxWidth) {
        line = line ? `${line} ${word}` : word;
        lineWidth = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      let restWidth = wordWidth;
      while (restWidth > maxWidth) {
        let lo = 1;
        let hi = rest.length - 1;
        while (lo < hi) {
          const mid = Math.ceil((lo + hi) / 2);
          if (width(rest.slice(0, mid)) <= maxWidth) lo = mid;
          else hi = mid - 1;
        }
        lines.push(rest.slice(0, lo));
        rest = rest.slice(lo);
        restWidth = width(rest);
      }
      line = rest;
      lineWidth = restWidth;
    }
    lines.push(line);
  }
  return lines;
}

const ROMAN: [number, string][] = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
  [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];

/** Front matter (cover, index) is numbered i, ii, iii so document page numbers are the same in every volume. */
export function roman(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN) while (n >= v) (out += s), (n -= v);
  return out;
}
