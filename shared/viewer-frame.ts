import { z } from 'zod';

/**
 * Messages between the app page and the isolated PDF frame (window.postMessage). Both sides parse
 * every message with these schemas and drop anything else, so a document that somehow ran script
 * in the frame could at most send one of these shapes — none of which asks the app to do anything
 * beyond updating its toolbar, opening its find box, or copying text through the clipboard guard
 * (which clears it after 30 s and at lock, as for any copy from Sakta).
 */
/** Drawing budget for one page; a normal scanned page draws in well under a second. */
export const PDF_PAGE_DRAW_BUDGET_MS = 15_000;
/** What one find may look for, and what one copy may carry (the clipboard channel's own limit). */
export const FIND_QUERY_MAX = 500;
export const COPY_TEXT_MAX = 100_000;

const Page = z.number().int().min(1);
const Query = z.string().max(FIND_QUERY_MAX);

export const ToFrameSchema = z.discriminatedUnion('type', [
  /** The decrypted PDF, transferred (not copied) into the frame; it lives there in memory only. */
  /**
   * `budgetMs`: how long one page may take to draw before the frame stops and says so (a page built to
   * freeze a viewer — millions of drawing operators — would otherwise keep a core busy for minutes);
   * null when the lawyer chose to draw it anyway. `highlight`: words to mark (a search hit being opened);
   * the frame scrolls to the first page that has them, or to `page`.
   */
  z.strictObject({
    type: z.literal('open'),
    bytes: z.instanceof(ArrayBuffer),
    page: Page,
    budgetMs: z.number().int().min(1000).max(600_000).nullable(),
    highlight: Query.optional(),
  }),
  /** Scroll to this page. */
  z.strictObject({ type: z.literal('page'), page: Page }),
  /** 1 is the page's width fitting the frame's; the toolbar's steps are shares of that. */
  z.strictObject({ type: z.literal('zoom'), zoom: z.number().min(0.25).max(4) }),
  /** Find in the document: a new query starts from the page in view; '' ends the find and clears the marks. */
  z.strictObject({ type: z.literal('find'), query: Query, direction: z.enum(['next', 'previous']).optional() }),
  /**
   * Redact mode: while `on`, dragging over any page marks an area (reported as `mark`) and the text layer stops
   * taking the pointer; `marks` are all areas marked so far, each drawn over its page. In PDF points from the
   * page's top-left corner.
   */
  z.strictObject({
    type: z.literal('redact'),
    on: z.boolean(),
    marks: z.array(z.strictObject({ page: Page, x: z.number(), y: z.number(), w: z.number(), h: z.number() })).max(5000),
  }),
]);
export type ToFrame = z.infer<typeof ToFrameSchema>;

export const FromFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('loaded'), pages: z.number().int().min(1).max(1_000_000) }),
  /** A page was drawn (with its text layer). */
  z.strictObject({ type: z.literal('rendered'), page: Page }),
  /** The page most in view changed (the lawyer scrolled). */
  z.strictObject({ type: z.literal('page'), page: Page }),
  /** The find's state: hit `current` (1-based, 0 when none) of `total`; `searching` while pages are still read. */
  z.strictObject({ type: z.literal('found'), query: Query, current: z.number().int().min(0), total: z.number().int().min(0), searching: z.boolean() }),
  /** Ctrl+F (or F3, Ctrl+G) pressed inside the frame: the app opens its find box. `next`/`previous` step it. */
  z.strictObject({ type: z.literal('key'), key: z.enum(['find', 'next', 'previous', 'escape']) }),
  /** The lawyer copied selected text: the app copies it through the clipboard guard. */
  z.strictObject({ type: z.literal('copy'), text: z.string().min(1).max(COPY_TEXT_MAX) }),
  z.strictObject({ type: z.literal('failed'), reason: z.enum(['invalid', 'password', 'render', 'slow']) }),
  /** An area dragged in redact mode: only coordinates (PDF points on `page`), never anything of the page. */
  z.strictObject({
    type: z.literal('mark'),
    page: Page,
    x: z.number().min(0).max(1_000_000),
    y: z.number().min(0).max(1_000_000),
    w: z.number().positive().max(1_000_000),
    h: z.number().positive().max(1_000_000),
  }),
]);
export type FromFrame = z.infer<typeof FromFrameSchema>;
