import type { Handlers } from '../dispatcher';
import type { SearchService } from '../../services/search/search-service';

type SearchHandlers = Pick<Handlers, 'search.query'>;

export function searchHandlers(search: SearchService): SearchHandlers {
  return {
    'search.query': (r) => search.query(r),
  };
}
