import { SearchQuerySchema, SearchResultSchema } from '../../schemas/search';

export const searchChannels = {
  /** The one search box: cases, persons, events, notes and document contents, ranked, with snippets. */
  'search.query': { request: SearchQuerySchema, response: SearchResultSchema },
} as const;
