import { z } from 'zod';

/**
 * Messages between the app page and the isolated media frame (window.postMessage), which decodes and shows
 * images, audio and video on an origin of its own (app://mediaview in Electron). Both sides parse every
 * message with these schemas and drop anything else; the frame answers only its parent window, at the
 * parent's origin. Nothing the frame can say asks the app to do anything but update its toolbar or say
 * that the file could not be shown.
 *
 * How the bytes get there:
 * - An image is read by the app page with `viewer.read` (it is never parsed there) and its bytes are
 *   transferred into the frame, which makes a blob: URL of its own origin and lets Chromium decode it there.
 * - Audio and video are not handed over as bytes: the app page asks `viewer.media` for a capability token and
 *   passes the token. The frame's <audio>/<video> plays `media/<token>` from the frame's own origin, where the
 *   main process (or the test bridge) answers each range request by decrypting only the chunks asked for — so
 *   seeking near the end of an hour-long interview decrypts only what is played, as before. The frame's CSP
 *   allows media from its own origin only and no connections at all (`connect-src 'none'`), so a script in
 *   it could not fetch the stream, or anything else, by hand.
 */

/** Only the image types Sakta sniffs and shows; anything else is refused by the schema. */
export const FRAME_IMAGE_MIMES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
/**
 * The frame refuses to decode an image with more pixels than this (its size is read from the header first):
 * a 108-megapixel phone photo passes, a decompression bomb of 50,000 × 50,000 pixels in a few KB does not.
 */
export const FRAME_IMAGE_MAX_PIXELS = 120_000_000;
/** How long the app waits for the frame to show an image before it says it could not (a hung decoder). */
export const IMAGE_SHOW_BUDGET_MS = 20_000;
/** How long the app waits for a recording's header (duration, size) before it says it cannot be played. */
export const MEDIA_LOAD_BUDGET_MS = 30_000;

const MediaToken = z.string().regex(/^[0-9a-f]{64}$/);
/** An accessible name for the image or the player, chosen by the app (the document's title). */
const Label = z.string().max(1000);
const Pixels = z.number().int().min(0).max(1_000_000);

export const ToMediaFrameSchema = z.discriminatedUnion('type', [
  /** The decrypted image, transferred (not copied) into the frame; it lives there in memory only. */
  z.strictObject({ type: z.literal('image'), bytes: z.instanceof(ArrayBuffer), mime: z.enum(FRAME_IMAGE_MIMES), label: Label }),
  /** Play `media/<token>` of the frame's own origin (range requests, decrypted chunk by chunk). */
  z.strictObject({ type: z.literal('stream'), kind: z.enum(['audio', 'video']), token: MediaToken, label: Label }),
  /** The image toolbar: the frame keeps the scale (it knows the fit) and answers with a `zoom` message. */
  z.strictObject({ type: z.literal('zoom'), action: z.enum(['in', 'out', 'fit', 'actual']) }),
  /**
   * Redact mode for an image: while `on`, a drag marks an area (reported as `mark`) instead of panning; `marks`
   * are the areas marked so far, drawn over the picture. In the picture's own pixels, from its top-left corner.
   */
  z.strictObject({ type: z.literal('redact'), on: z.boolean(), marks: z.array(z.strictObject({ x: z.number(), y: z.number(), w: z.number(), h: z.number() })).max(5000) }),
]);
export type ToMediaFrame = z.infer<typeof ToMediaFrameSchema>;

export const FromMediaFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  /** The image is decoded and on screen; its size in pixels. */
  z.strictObject({ type: z.literal('image'), width: Pixels, height: Pixels }),
  /** The image's scale now (after a toolbar button, Ctrl+wheel, a key or a double-click in the frame). */
  z.strictObject({
    type: z.literal('zoom'),
    percent: z.number().min(0.1).max(10_000),
    fit: z.boolean(),
    canZoomIn: z.boolean(),
    canZoomOut: z.boolean(),
  }),
  /** The recording's header was read: its duration (null when unknown) and, for a video, its picture size. */
  z.strictObject({ type: z.literal('stream'), kind: z.enum(['audio', 'video']), duration: z.number().min(0).max(1e9).nullable(), width: Pixels, height: Pixels }),
  /** An area dragged in redact mode, in the picture's pixels: only coordinates, never anything of the picture. */
  z.strictObject({
    type: z.literal('mark'),
    x: z.number().min(0).max(1_000_000),
    y: z.number().min(0).max(1_000_000),
    w: z.number().positive().max(1_000_000),
    h: z.number().positive().max(1_000_000),
  }),
  /** `large`: the image has more pixels than FRAME_IMAGE_MAX_PIXELS (its size is given). */
  z.strictObject({ type: z.literal('failed'), reason: z.enum(['invalid', 'large', 'unplayable']), width: Pixels.optional(), height: Pixels.optional() }),
]);
export type FromMediaFrame = z.infer<typeof FromMediaFrameSchema>;
