import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { Notice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';
import { errorText } from '../../components/errors';
import { navigate, type Route } from '../../router/router';
import { useQuery } from '../../state/store';
import '../../styles/bundles.css';
import { BundleBuilder } from './BundleBuilder';

/**
 * Stand-alone route to the builder (`bundles`, param caseId) until the case page carries it as a tab.
 * Without a case it lists the cases to choose from.
 */
export function BundlesPage({ route }: { route: Route }) {
  const { t } = useTranslation();
  const caseId = route.params.caseId;
  return (
    <>
      <PageHeader title={t('bundles.pageTitle')} />
      {caseId ? <CaseBundle caseId={caseId} /> : <CasePicker />}
    </>
  );
}

function CaseBundle({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const c = useQuery(`bundles.case:${caseId}`, () => call('cases.get', { id: caseId }));
  return (
    <>
      <div className="bundle-case-line">
        <button type="button" className="button-link" onClick={() => navigate('bundles')}>
          {t('bundles.otherCase')}
        </button>
        {c.status === 'ready' ? <span className="bundle-case-title">{c.data.title}</span> : null}
      </div>
      <BundleBuilder caseId={caseId} />
    </>
  );
}

function CasePicker() {
  const { t } = useTranslation();
  const list = useQuery('bundles.cases', () => call('cases.list', { query: '', sort: 'updated', limit: 500, offset: 0 }));
  if (list.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (list.status === 'error') return <Notice kind="error">{errorText(t, list.error)}</Notice>;
  if (list.data.items.length === 0) return <p className="field-hint">{t('bundles.noCases')}</p>;
  return (
    <section className="panel">
      <h2>{t('bundles.pickCase')}</h2>
      <ul className="bundle-case-list">
        {list.data.items.map((c) => (
          <li key={c.id}>
            <button type="button" className="button-link" onClick={() => navigate('bundles', { caseId: c.id })}>
              {c.title}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
