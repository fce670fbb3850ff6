import { navigate } from '../../router/router';

/** The case page (features/case) shows documents as its `documents` tab. */
export function goToCaseDocuments(caseId: string): void {
  navigate('case', { caseId, tab: 'documents' });
}

export function openDocument(id: string): void {
  navigate('document', { id });
}
