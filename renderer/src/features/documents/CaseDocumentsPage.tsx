import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import type { Route } from '../../router/router';
import { useQuery } from '../../state/store';
import { call } from '../../api/client';
import { DocumentsTab } from './DocumentsTab';

/**
 * A case's documents on their own page: the way back from the viewer and from search while the case
 * page (features/case) is not registered. Once it is, navigation goes to its Documents tab instead.
 */
export function CaseDocumentsPage({ route }: { route: Route }) {
  const { t } = useTranslation();
  const caseId = route.params['caseId'] ?? '';
  const c = useQuery(`case:${caseId}`, () => call('cases.get', { id: caseId }));
  return (
    <>
      <PageHeader title={c.status === 'ready' ? c.data.title : t('documents.pageTitle')} />
      <DocumentsTab caseId={caseId} />
    </>
  );
}
