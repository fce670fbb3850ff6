import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function CasesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('cases.title')} />
      <EmptyState title={t('cases.empty')} hint={t('cases.emptyHint')} />
    </>
  );
}
