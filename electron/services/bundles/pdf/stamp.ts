import { degrees, rgb, type PDFPage } from 'pdf-lib';
import type { Fonts } from './fonts';

const SIZE = 9;
const MARGIN = 14;
const PAD = 3;

/**
 * Stamps the bundle page label at the bottom right of the page *as displayed*: a /Rotate on a copied page
 * (scanned landscape pages often carry one) turns the corner and the text direction, so both are mapped.
 * A white box keeps the label readable over the document's own footer.
 */
export function stampPage(page: PDFPage, label: string, fonts: Fonts): void {
  const r = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const box = page.getCropBox();
  const [x0, y0, x1, y1] = [box.x, box.y, box.x + box.width, box.y + box.height];
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
  const w = fonts.bold.widthOfTextAtSize(label, SIZE);
  const dx = displayWidth - MARGIN - w;
  const dy = MARGIN;
  const [bx, by] = toUser(dx - PAD, dy - PAD - 2);
  page.drawRectangle({ x: bx, y: by, width: w + 2 * PAD, height: SIZE + 2 * PAD + 1, rotate: degrees(r), color: rgb(1, 1, 1), borderColor: rgb(0.3, 0.3, 0.3), borderWidth: 0.5 });
  const [tx, ty] = toUser(dx, dy);
  page.drawText(label, { x: tx, y: ty, size: SIZE, font: fonts.bold, rotate: degrees(r), color: rgb(0, 0, 0) });
}
