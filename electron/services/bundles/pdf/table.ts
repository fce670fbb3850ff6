import type { Fonts } from './fonts';
import { drawable, wrapText } from './text';
import { drawLine, drawRule, rgb, type GenPage } from './draw';

/** Page geometry in points. Bottom margin leaves room for the bundle page stamp. */
export interface Geometry {
  width: number;
  height: number;
  margin: number;
  top: number;
  bottom: number;
}

export const PAPER = { a4: [595.28, 841.89], letter: [612, 792] } as const;

export function geometry(paper: keyof typeof PAPER): Geometry {
  const [width, height] = PAPER[paper];
  return { width, height, margin: 50, top: 56, bottom: 64 };
}

export interface Column {
  header: string;
  /** 0 = takes what the other columns leave. */
  width: number;
  align?: 'left' | 'right';
}

export interface TableRow {
  cells: string[];
  /** A section heading: one bold line across the table. */
  heading?: boolean;
  /** Opaque key; the caller turns it into a link to a page once pages exist. */
  link?: string;
}

export interface LaidRow {
  row: TableRow;
  lines: string[][];
  height: number;
}

/** A generated part (index, chronology, annex, notes): a title block, an optional intro, then a table. */
export interface Part {
  title: string;
  subtitle: string[];
  intro?: string;
  columns: Column[];
  rows: TableRow[];
}

export interface LaidPart {
  part: Part;
  widths: number[];
  intro: string[];
  pages: LaidRow[][];
}

const S = { size: 9, line: 11.5, gap: 4, title: 16, sub: 10, subLine: 13, introLine: 12 };
const PAD = 4;

function columnWidths(cols: Column[], total: number): number[] {
  const fixed = cols.reduce((s, c) => s + c.width, 0);
  const flex = cols.filter((c) => c.width === 0).length;
  return cols.map((c) => (c.width === 0 ? Math.max(40, (total - fixed) / Math.max(1, flex)) : c.width));
}

function titleHeight(p: Part, introLines: number): number {
  return S.title + 10 + p.subtitle.length * S.subLine + (introLines ? introLines * S.introLine + 8 : 0) + 6;
}

/**
 * Lays a part out without drawing it, so its page count is known before any page numbers are: every
 * column has a fixed width, so the page references filled in later cannot change where lines break.
 */
export function layoutPart(part: Part, fonts: Fonts, g: Geometry): LaidPart {
  const contentWidth = g.width - 2 * g.margin;
  const widths = columnWidths(part.columns, contentWidth);
  const intro = part.intro ? wrapText(drawable(part.intro, fonts.supported), fonts.regular, S.sub - 1, contentWidth) : [];
  const laid: LaidRow[] = part.rows.map((row) => {
    if (row.heading) {
      const lines = wrapText(drawable(row.cells.join('  '), fonts.supported), fonts.bold, S.size + 1, contentWidth);
      return { row, lines: [lines], height: lines.length * S.line + S.gap + 4 };
    }
    const lines = row.cells.map((c, i) => wrapText(drawable(c, fonts.supported), fonts.regular, S.size, widths[i]! - PAD));
    return { row, lines, height: Math.max(1, ...lines.map((l) => l.length)) * S.line + S.gap };
  });
  const avail = g.height - g.top - g.bottom;
  const header = S.line + S.gap + 2;
  const pages: LaidRow[][] = [[]];
  let used = titleHeight(part, intro.length) + header;
  for (const r of laid) {
    if (used + r.height > avail && pages[pages.length - 1]!.length > 0) {
      pages.push([]);
      used = header;
    }
    pages[pages.length - 1]!.push(r);
    used += r.height;
  }
  return { part, widths, intro, pages };
}

export interface RowRect {
  key: string;
  page: GenPage;
  rect: [number, number, number, number];
}

/** Draws laid-out pages; `fill` supplies late cell text (page references) by link key and column. */
export function drawPart(laid: LaidPart, pages: GenPage[], fonts: Fonts, g: Geometry, fill?: (row: TableRow, col: number) => string | undefined): RowRect[] {
  const rects: RowRect[] = [];
  const grey = rgb(0.35, 0.35, 0.35);
  laid.pages.forEach((rows, pi) => {
    const page = pages[pi]!;
    let y = g.height - g.top;
    if (pi === 0) {
      y -= S.title;
      drawLine(page, drawable(laid.part.title, fonts.supported), { x: g.margin, y, size: S.title, font: fonts.bold });
      y -= 10;
      for (const s of laid.part.subtitle) {
        y -= S.subLine;
        drawLine(page, drawable(s, fonts.supported), { x: g.margin, y, size: S.sub, font: fonts.regular, color: grey });
      }
      if (laid.intro.length) y -= 8;
      for (const l of laid.intro) {
        y -= S.introLine;
        drawLine(page, l, { x: g.margin, y, size: S.sub - 1, font: fonts.regular });
      }
      y -= 6;
    }
    // Column headers on every page.
    y -= S.line;
    let x = g.margin;
    laid.part.columns.forEach((c, i) => {
      const w = laid.widths[i]!;
      const t = drawable(c.header, fonts.supported);
      const tx = c.align === 'right' ? x + w - PAD - fonts.bold.widthOfTextAtSize(t, S.size) : x;
      drawLine(page, t, { x: tx, y, size: S.size, font: fonts.bold });
      x += w;
    });
    y -= S.gap;
    drawRule(page, { start: { x: g.margin, y }, end: { x: g.width - g.margin, y }, thickness: 0.6, color: grey });
    y -= 2;
    for (const r of rows) {
      const top = y;
      if (r.row.heading) {
        y -= 4;
        for (const l of r.lines[0]!) {
          y -= S.line;
          drawLine(page, l, { x: g.margin, y, size: S.size + 1, font: fonts.bold });
        }
        y -= S.gap;
      } else {
        let cx = g.margin;
        r.lines.forEach((cell, ci) => {
          const w = laid.widths[ci]!;
          const late = fill?.(r.row, ci);
          const lines = late !== undefined ? [drawable(late, fonts.supported)] : cell;
          let ly = top;
          for (const l of lines) {
            ly -= S.line;
            const right = laid.part.columns[ci]!.align === 'right';
            const tx = right ? cx + w - PAD - fonts.regular.widthOfTextAtSize(l, S.size) : cx;
            drawLine(page, l, { x: tx, y: ly, size: S.size, font: fonts.regular });
          }
          cx += w;
        });
        y -= r.height;
      }
      if (r.row.link) rects.push({ key: r.row.link, page, rect: [g.margin, y, g.width - g.margin, top] });
    }
  });
  return rects;
}
