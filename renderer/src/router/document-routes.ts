/** Routes to documents, shared by the documents, search and viewer features (kept here so none imports another). */
import { navigate } from './router';

/** The case page (features/case) shows documents as its `documents` tab. */
export function goToCaseDocuments(caseId: string): void {
  navigate('case', { caseId, tab: 'documents' });
}

/** `from.query`: opened from the search results with these words, which the viewer marks; Back goes there. */
export function openDocument(id: string, from?: { query: string }): void {
  navigate('document', from?.query ? { id, q: from.query, from: 'search' } : { id });
}

export function goToSearch(): void {
  navigate('search');
}
