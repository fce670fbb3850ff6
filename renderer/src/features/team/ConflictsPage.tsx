import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import type { Route } from '../../router/router';
import { navigate } from '../../router/router';
import { ConflictsList } from './ConflictsList';
import './team.css';

/** Every open conflict of the shared cases (or of one case: route param `caseId`). */
export function ConflictsPage({ route }: { route: Route }) {
  const { t } = useTranslation();
  const caseId = route.params.caseId || undefined;
  return (
    <div className="team-page" data-testid="conflicts-page">
      <PageHeader
        title={t('team.conflicts.title')}
        actions={
          <button type="button" className="button-quiet" onClick={() => navigate('team')}>
            {t('team.title')}
          </button>
        }
      />
      <p className="section-intro">{t('team.conflicts.intro')}</p>
      <ConflictsList caseId={caseId} showCase />
    </div>
  );
}
