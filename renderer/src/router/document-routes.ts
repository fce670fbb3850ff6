/** Routes to documents, shared by the documents, search and viewer features (kept here so none imports another). */
import { navigate } from './router';

/** The case page (features/case) shows documents as its `documents` tab. */
export function goToCaseDocuments(caseId: string): void {
  navigate('case', { caseId, tab: 'documents' });
}

export function openDocument(id: string): void {
  navigate('document', { id });
}
