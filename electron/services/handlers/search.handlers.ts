import type { Handlers } from '../../ipc/dispatcher';
import type { SearchService } from '../search/search-service';

type SearchHandlers = Pick<Handlers, 'search.query'>;

export function searchHandlers(search: SearchService): SearchHandlers {
  return {
    'search.query': (r) => search.query(r),
  };
}
