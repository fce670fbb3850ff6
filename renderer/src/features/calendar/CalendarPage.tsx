import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function CalendarPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('calendar.title')} />
      <EmptyState title={t('calendar.empty')} hint={t('calendar.emptyHint')} />
    </>
  );
}
