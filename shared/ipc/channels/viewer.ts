import { z } from 'zod';
import { IdSchema } from '../../schemas/common';

/** Largest slice one `viewer.read` returns: big enough for a page of a PDF, small enough to keep IPC messages modest. */
export const VIEWER_READ_MAX = 4 * 1024 * 1024;

export const viewerChannels = {
  /**
   * Decrypted bytes [start, start+length) of a document, for the in-app viewer, which keeps them in
   * memory only. Opening the viewer first calls `documents.open` (that is the custody record);
   * reading is chunked so a large file never crosses in one message.
   */
  'viewer.read': {
    request: z.strictObject({
      id: IdSchema,
      start: z.number().int().min(0),
      length: z.number().int().min(1).max(VIEWER_READ_MAX),
    }),
    response: z.strictObject({ size: z.number().int().nonnegative(), start: z.number().int(), base64: z.string() }),
  },
  /**
   * Audio or video: a relative URL (`media/<token>`) that the isolated media frame's <audio>/<video> plays from
   * its own origin (app://mediaview), with range requests, until the vault locks. The app page only passes the
   * token on; the app's origin serves no stream. As with `viewer.read`, the page has called `documents.open` first.
   */
  'viewer.media': {
    request: z.strictObject({ id: IdSchema }),
    response: z.strictObject({ src: z.string().regex(/^media\/[0-9a-f]{64}$/) }),
  },
} as const;
