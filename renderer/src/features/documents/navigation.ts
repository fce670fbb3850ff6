import { findArea } from '../../router/areas';
import { navigate } from '../../router/router';

/**
 * The case page (features/case) owns the route 'case'; until it is registered, the documents list
 * of a case is reachable on its own ('case-documents') so search and the viewer always have a way back.
 */
export function goToCaseDocuments(caseId: string): void {
  if (findArea('case')) navigate('case', { caseId, tab: 'documents' });
  else navigate('case-documents', { caseId });
}

export function openDocument(id: string): void {
  navigate('document', { id });
}
