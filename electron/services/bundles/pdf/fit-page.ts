import type { Box } from './stamp';

/** A PDF matrix [a b c d e f]: here a uniform scale and a shift. */
export type Matrix = [number, number, number, number, number, number];

export interface Fit {
  /** Maps the source page's visible box into the new page. */
  matrix: Matrix;
  /** The new page box: the bundle's paper, turned to match the source. */
  box: Box;
}

/** Within this many points a page already is the paper size (842 × 595 is A4 for anyone). */
const SAME = 1.5;

/**
 * How a source page goes onto the bundle's paper: scaled (up or down) to fit, aspect kept, centred. A
 * landscape page gets landscape paper, in the page's own unrotated space, so a /Rotate shows it as before.
 * null when the page already has the paper's size.
 */
export function fitToPaper(box: Box, paper: { width: number; height: number }): Fit | null {
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0;
  const h = y1 - y0;
  if (w <= 0 || h <= 0) return null;
  const [tw, th] = w > h ? [paper.height, paper.width] : [paper.width, paper.height];
  if (Math.abs(w - tw) <= SAME && Math.abs(h - th) <= SAME) return null;
  const s = Math.min(tw / w, th / h);
  return { matrix: [s, 0, 0, s, (tw - w * s) / 2 - x0 * s, (th - h * s) / 2 - y0 * s], box: [0, 0, tw, th] };
}

/** A rectangle (an annotation's /Rect) moved with the page content. */
export function mapRect(m: Matrix, [x0, y0, x1, y1]: Box): Box {
  const a = [m[0] * x0 + m[4], m[3] * y0 + m[5]];
  const b = [m[0] * x1 + m[4], m[3] * y1 + m[5]];
  return [Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!)];
}
