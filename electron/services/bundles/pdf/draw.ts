import {
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  rotateAndSkewTextRadiansAndTranslate,
  setFillingColor,
  setFontAndSize,
  showText,
  type Color,
  type PDFFont,
  type PDFName,
  type PDFPage,
} from 'pdf-lib';

const fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();

/**
 * One line of text, as `page.drawText` draws it. pdf-lib's drawText adds a new, randomly named entry to the
 * page's font resources on every call and searches the existing ones to keep it unique, so an index page
 * of a few hundred cells cost most of a bundle's build; here each font gets one key per page.
 */
export function drawLine(page: PDFPage, text: string, o: { x: number; y: number; size: number; font: PDFFont; color?: Color }): void {
  let keys = fontKeys.get(page);
  if (!keys) fontKeys.set(page, (keys = new Map()));
  let key = keys.get(o.font);
  if (!key) keys.set(o.font, (key = page.node.newFontDictionary(o.font.name, o.font.ref)));
  page.pushOperators(
    pushGraphicsState(),
    beginText(),
    setFillingColor(o.color ?? rgb(0, 0, 0)),
    setFontAndSize(key, o.size),
    rotateAndSkewTextRadiansAndTranslate(0, 0, 0, o.x, o.y),
    showText(o.font.encodeText(text.replace(/\n/g, ' '))),
    endText(),
    popGraphicsState(),
  );
}
