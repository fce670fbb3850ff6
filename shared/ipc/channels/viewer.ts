import { z } from 'zod';
import { IdSchema } from '../../schemas/document';

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
} as const;
