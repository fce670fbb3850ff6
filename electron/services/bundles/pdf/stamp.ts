import type { GenPage } from './draw';
import type { Fonts } from './fonts';

const SIZE = 9;
const MARGIN = 14;
const PAD = 3;

/** A page box in user space: [x0, y0, x1, y1]. */
export type Box = [number, number, number, number];

/** A label ready for a content stream: the glyph codes in the subset bold font, and its width at the stamp size. */
export interface StampLabel {
  hex: string;
  width: number;
}

interface Placement {
  rotation: 0 | 90 | 180 | 270;
  rect: { x: number; y: number; width: number; height: number };
  text: { x: number; y: number };
}

/**
 * Where the label goes: the bottom right of the page *as displayed*. A /Rotate on a copied page (scanned
 * landscape pages often carry one) turns the corner and the text direction, so both are mapped.
 */
function place(box: Box, rotate: number, labelWidth: number): Placement {
  const r = ((((Math.round(rotate / 90) * 90) % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const [x0, y0, x1, y1] = box;
  const displayWidth = r === 90 || r === 270 ? y1 - y0 : x1 - x0;
  // Display coordinates (origin bottom-left of the page as seen) → user space.
  const toUser = (dx: number, dy: number): [number, number] => {
    switch (r) {
      case 90:
        return [x1 - dy, y0 + dx];
      case 180:
        return [x1 - dx, y1 - dy];
      case 270:
        return [x0 + dy, y1 - dx];
      default:
        return [x0 + dx, y0 + dy];
    }
  };
  const dx = displayWidth - MARGIN - labelWidth;
  const dy = MARGIN;
  const [bx, by] = toUser(dx - PAD, dy - PAD - 2);
  const [tx, ty] = toUser(dx, dy);
  return { rotation: r, rect: { x: bx, y: by, width: labelWidth + 2 * PAD, height: SIZE + 2 * PAD + 1 }, text: { x: tx, y: ty } };
}

/**
 * Stamps a generated page with its bundle label, as source pages are stamped. A white box keeps the label
 * readable over the document's own footer.
 */
export function stampPage(page: GenPage, label: string, fonts: Fonts): void {
  page.ops.push(stampOperators([0, 0, page.width, page.height], 0, encodeLabel(label, fonts), fonts.bold.key));
}

/** The label as glyph codes of the bold face, for a content stream. */
export function encodeLabel(label: string, fonts: Fonts): StampLabel {
  return { hex: fonts.bold.encode(label), width: fonts.bold.widthOfTextAtSize(label, SIZE) };
}

const n = (x: number) => (Math.round(x * 1000) / 1000).toString();

/**
 * The same stamp as content-stream operators for a source page assembled by MuPDF, drawn with the font
 * resource `font` (the generated document's bold face, shared by every page).
 */
export function stampOperators(box: Box, rotate: number, label: StampLabel, font: string): string {
  const p = place(box, rotate, label.width);
  const rad = (p.rotation * Math.PI) / 180;
  const [c, s] = [Math.round(Math.cos(rad)), Math.round(Math.sin(rad))];
  const rot = (x: number, y: number) => `${c} ${s} ${-s} ${c} ${n(x)} ${n(y)}`;
  return [
    'q',
    `${rot(p.rect.x, p.rect.y)} cm`,
    '1 1 1 rg 0.3 0.3 0.3 RG 0.5 w',
    `0 0 ${n(p.rect.width)} ${n(p.rect.height)} re B`,
    'Q',
    'q BT 0 0 0 rg',
    `/${font} ${SIZE} Tf`,
    `${rot(p.text.x, p.text.y)} Tm`,
    `${label.hex} Tj`,
    'ET Q',
    '',
  ].join('\n');
}
