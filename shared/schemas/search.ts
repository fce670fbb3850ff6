import { z } from 'zod';
import { DocumentTypeSchema } from './document';
import { IsoDaySchema, PartialDateSchema } from './partial-date';

/** What the one search box can find. */
export const SEARCH_KINDS = ['case', 'person', 'event', 'note', 'document'] as const;
export const SearchKindSchema = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof SearchKindSchema>;

export const SearchQuerySchema = z.strictObject({
  query: z.string().trim().min(1, 'Type something to search for').max(500, 'The search is too long'),
  caseId: z.string().min(1).max(100).optional(),
  kinds: z.array(SearchKindSchema).max(SEARCH_KINDS.length).optional(),
  documentTypes: z.array(DocumentTypeSchema).max(20).optional(),
  /** Inclusive bounds (YYYY-MM-DD) on the item's own date; a partial date matches if it could fall inside. */
  dateFrom: IsoDaySchema.optional(),
  dateTo: IsoDaySchema.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(10_000).default(0),
});
export type SearchQuery = z.input<typeof SearchQuerySchema>;

/** A snippet as plain segments: the renderer draws hits itself, so no HTML ever crosses. */
export const SnippetSegmentSchema = z.strictObject({ text: z.string(), hit: z.boolean() });
export type SnippetSegment = z.infer<typeof SnippetSegmentSchema>;

export const SearchHitSchema = z.strictObject({
  kind: SearchKindSchema,
  id: z.string(),
  caseId: z.string().nullable(),
  title: z.string(),
  documentType: z.string().nullable(),
  date: PartialDateSchema.nullable(),
  /** bm25 score: lower is better (SQLite's convention). */
  score: z.number(),
  snippet: z.array(SnippetSegmentSchema),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchResultSchema = z.strictObject({
  hits: z.array(SearchHitSchema),
  total: z.number().int(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;
