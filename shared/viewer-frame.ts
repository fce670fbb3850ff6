import { z } from 'zod';

/**
 * Messages between the app page and the isolated PDF frame (window.postMessage). Both sides parse
 * every message with these schemas and drop anything else, so a document that somehow ran script
 * in the frame could at most send one of these shapes — none of which asks the app to do anything
 * beyond updating its page counter.
 */
/** Drawing budget for one page; a normal scanned page draws in well under a second. */
export const PDF_PAGE_DRAW_BUDGET_MS = 15_000;

export const ToFrameSchema = z.discriminatedUnion('type', [
  /** The decrypted PDF, transferred (not copied) into the frame; it lives there in memory only. */
  /**
   * `budgetMs`: how long one page may take to draw before the frame stops and says so (a page built to
   * freeze a viewer — millions of drawing operators — would otherwise keep a core busy for minutes);
   * null when the lawyer chose to draw it anyway.
   */
  z.strictObject({ type: z.literal('open'), bytes: z.instanceof(ArrayBuffer), page: z.number().int().min(1), budgetMs: z.number().int().min(1000).max(600_000).nullable() }),
  z.strictObject({ type: z.literal('page'), page: z.number().int().min(1) }),
  z.strictObject({ type: z.literal('zoom'), zoom: z.number().min(0.25).max(4) }),
  /**
   * Redact mode: while `on`, dragging over the page marks an area (reported as `mark`); `marks` are the areas
   * already marked on the shown page, drawn over it. In PDF points from the page's top-left corner.
   */
  z.strictObject({ type: z.literal('redact'), on: z.boolean(), marks: z.array(z.strictObject({ x: z.number(), y: z.number(), w: z.number(), h: z.number() })).max(5000) }),
]);
export type ToFrame = z.infer<typeof ToFrameSchema>;

export const FromFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('loaded'), pages: z.number().int().min(1).max(1_000_000) }),
  /** `height`: CSS pixels the drawn page needs, so the app sizes the frame to it. */
  z.strictObject({ type: z.literal('rendered'), page: z.number().int().min(1), height: z.number().min(1).max(100_000) }),
  z.strictObject({ type: z.literal('failed'), reason: z.enum(['invalid', 'password', 'render', 'slow']) }),
  /** An area dragged in redact mode: only coordinates (PDF points on `page`), never anything of the page. */
  z.strictObject({
    type: z.literal('mark'),
    page: z.number().int().min(1),
    x: z.number().min(0).max(1_000_000),
    y: z.number().min(0).max(1_000_000),
    w: z.number().positive().max(1_000_000),
    h: z.number().positive().max(1_000_000),
  }),
]);
export type FromFrame = z.infer<typeof FromFrameSchema>;
