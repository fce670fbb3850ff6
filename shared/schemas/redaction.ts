import { z } from 'zod';
import { IdSchema } from './common';

/**
 * One area to remove. `page` counts from 1 (an image has one page). For a PDF, x/y/w/h are PDF points on the page
 * as displayed (rotation applied), from its top-left corner, y downwards: pdf.js's viewport at scale 1. For an
 * image they are pixels of the picture as shown (EXIF orientation applied), from its top-left corner.
 */
export const RedactionMarkSchema = z.strictObject({
  page: z.number().int().min(1).max(100_000),
  x: z.number().finite().min(0).max(1_000_000),
  y: z.number().finite().min(0).max(1_000_000),
  w: z.number().finite().positive().max(1_000_000),
  h: z.number().finite().positive().max(1_000_000),
});
export type RedactionMark = z.infer<typeof RedactionMarkSchema>;

/** A word or phrase whose every occurrence goes: matched case-insensitively (Cyrillic too) in the text layer. */
export const RedactionWordSchema = z.string().trim().min(1, 'Enter the words to remove').max(200, 'At most 200 characters');

export const RedactRequestSchema = z
  .strictObject({
    id: IdSchema,
    marks: z.array(RedactionMarkSchema).max(5000, 'At most 5000 marks at once').default([]),
    words: z.array(RedactionWordSchema).max(100, 'At most 100 words or phrases at once').default([]),
  })
  .refine((r) => r.marks.length > 0 || r.words.length > 0, { message: 'Mark an area or name the words to remove', path: ['marks'] });
export type RedactRequest = z.input<typeof RedactRequestSchema>;
