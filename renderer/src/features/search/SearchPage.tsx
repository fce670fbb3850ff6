import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function SearchPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('search.title')} />
      <EmptyState title={t('search.empty')} hint={t('search.emptyHint')} />
    </>
  );
}
