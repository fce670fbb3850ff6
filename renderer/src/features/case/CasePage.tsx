import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import type { Route } from '../../router/router';
import { navigate } from '../../router/router';
import { useQuery } from '../../state/store';
import '../../styles/casework.css';
import './case.css';
import { BundleBuilder } from '../bundles/BundleBuilder';
import { DocumentsTab } from '../documents/DocumentsTab';
import { ActivityTab } from './ActivityTab';
import { AgendaTab } from './AgendaTab';
import { NotesTab } from './NotesTab';
import { OverviewTab } from './OverviewTab';
import { PeopleTab } from './PeopleTab';
import { ProceedingsTab } from './ProceedingsTab';
import { TimelineTab } from './TimelineTab';
import { CaseSharing } from '../team/CaseSharing';

const TABS = ['overview', 'people', 'proceedings', 'timeline', 'agenda', 'documents', 'bundles', 'notes', 'activity'] as const;
type Tab = (typeof TABS)[number];

/** One case: a header that always says which case this is, and its sections as tabs (route param `tab`). */
export function CasePage({ route }: { route: Route }) {
  const { t } = useTranslation();
  const caseId = route.params.caseId ?? '';
  // Sharing is opened from the header, not the tab row: ten tabs no longer fit one row in Russian at 1280 px.
  const sharing = route.params.tab === 'sharing';
  const tab: Tab = (TABS as readonly string[]).includes(route.params.tab ?? '') ? (route.params.tab as Tab) : 'overview';
  const overview = useQuery('cases.overview', { id: caseId });
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const select = (next: Tab) => navigate('case', { caseId, tab: next });
  function onTabKey(e: KeyboardEvent<HTMLButtonElement>, i: number) {
    const dir = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!dir) return;
    e.preventDefault();
    const j = (i + dir + TABS.length) % TABS.length;
    select(TABS[j]!);
    tabRefs.current[j]?.focus();
  }

  return (
    <>
      <div className="cw-case-head">
        <div className="cw-case-headrow">
          <button type="button" className="button-link" onClick={() => navigate('cases')}>
            ← {t('casework.case.back')}
          </button>
          <button
            type="button"
            className={sharing ? 'button-primary' : 'button-quiet'}
            aria-pressed={sharing}
            data-testid="case-sharing-button"
            onClick={() => navigate('case', { caseId, tab: sharing ? 'overview' : 'sharing' })}
          >
            {t('team.case.tab')}
          </button>
        </div>
        {overview.status === 'ready' ? (
          <>
            <h1 data-testid="case-title">{overview.data.case.title}</h1>
            <p className="cw-muted">
              {[overview.data.case.internalRef, ...overview.data.case.courtNumbers.map((n) => n.number)].filter(Boolean).join(' · ')}
              {' · '}
              <span className={`cw-status cw-status-${overview.data.case.status}`}>{t(`casework.statuses.${overview.data.case.status}`)}</span>
            </p>
          </>
        ) : overview.status === 'error' ? (
          <Notice kind="error">{errorText(t, overview.error)}</Notice>
        ) : (
          <p className="busy">{t('common.loading')}</p>
        )}
      </div>
      <div className="cw-tabs" role="tablist" aria-label={t('casework.case.tabsLabel')}>
        {TABS.map((name, i) => (
          <button
            key={name}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`case-tab-${name}`}
            aria-selected={!sharing && tab === name}
            aria-controls="case-tabpanel"
            tabIndex={tab === name ? 0 : -1}
            className="cw-tab"
            onClick={() => select(name)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {name === 'bundles' ? t('bundles.tab') : t(`casework.case.tabs.${name}`)}
          </button>
        ))}
      </div>
      {sharing ? (
        <section className="cw-tabpanel" aria-label={t('team.case.tab')} data-tab="sharing">
          {overview.status === 'ready' ? <CaseSharing caseId={caseId} /> : null}
        </section>
      ) : (
        <section id="case-tabpanel" role="tabpanel" aria-labelledby={`case-tab-${tab}`} className="cw-tabpanel" data-tab={tab}>
          {overview.status !== 'ready' ? null : tab === 'overview' ? (
            <OverviewTab data={overview.data} />
          ) : tab === 'people' ? (
            <PeopleTab caseId={caseId} parties={overview.data.parties} />
          ) : tab === 'proceedings' ? (
            <ProceedingsTab caseId={caseId} />
          ) : tab === 'timeline' ? (
            <TimelineTab caseId={caseId} parties={overview.data.parties} />
          ) : tab === 'agenda' ? (
            <AgendaTab caseId={caseId} />
          ) : tab === 'documents' ? (
            <DocumentsTab caseId={caseId} />
          ) : tab === 'bundles' ? (
            <BundleBuilder caseId={caseId} />
          ) : tab === 'notes' ? (
            <NotesTab caseId={caseId} />
          ) : (
            <ActivityTab caseId={caseId} />
          )}
        </section>
      )}
    </>
  );
}
