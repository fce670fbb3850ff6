import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_SORTS, CASE_STATUSES, type CaseStatus } from '../../../../shared/schemas/case';
import { EnumSelect } from '../../components/EnumSelect';
import { EmptyState } from '../../components/EmptyState';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';
import { navigate } from '../../router/router';
import { createStore, useQuery, useStore } from '../../state/store';
import '../../styles/casework.css';
import { categoryName, formatTimestamp } from '../../lib/format';
import { CaseForm } from './NewCaseForm';

type Sort = (typeof CASE_SORTS)[number];
interface Filters {
  query: string;
  status: CaseStatus | '';
  categoryId: string;
  stage: string;
  tag: string;
  sort: Sort;
}
/** Kept for the session so coming back from a case finds the list as it was left. */
const filtersStore = createStore<Filters>({ query: '', status: '', categoryId: '', stage: '', tag: '', sort: 'updated' });

const ROW = 52;

export function CasesPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const f = useStore(filtersStore);
  const set = (patch: Partial<Filters>) => filtersStore.set((p) => ({ ...p, ...patch }));
  const [creating, setCreating] = useState(false);
  // Typing stays responsive with thousands of cases: the list request follows the deferred text.
  const query = useDeferredValue(f.query);
  const request = {
    query,
    sort: f.sort,
    limit: 10_000,
    ...(f.status ? { status: [f.status] } : {}),
    ...(f.categoryId ? { categoryId: f.categoryId } : {}),
    ...(f.stage ? { stage: f.stage } : {}),
    ...(f.tag ? { tag: f.tag } : {}),
  };
  const list = useQuery('cases.list', request);
  const facets = useQuery('cases.facets', {});
  const categories = useQuery('categories.list', {}, (r) => r.items);
  const catById = new Map(categories.status === 'ready' ? categories.data.map((c) => [c.id, c]) : []);

  const scroller = useRef<HTMLDivElement>(null);
  const items = list.status === 'ready' ? list.data.items : [];
  const virtual = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });

  return (
    <>
      <PageHeader
        title={t('cases.title')}
        actions={
          <button type="button" className="button-primary" onClick={() => setCreating(true)} disabled={creating}>
            {t('casework.list.newCase')}
          </button>
        }
      />
      {creating ? <CaseForm onCancel={() => setCreating(false)} onSaved={(id) => navigate('case', { caseId: id, tab: 'overview' })} /> : null}
      <div className="cw-filters" role="search">
        <div className="field cw-search">
          <label htmlFor="cases-search">{t('casework.list.search')}</label>
          <input id="cases-search" type="search" placeholder={t('casework.list.searchPlaceholder')} value={f.query} onChange={(e) => set({ query: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="cases-status">{t('casework.list.status')}</label>
          <EnumSelect id="cases-status" value={f.status} onChange={(e) => set({ status: e.target.value as CaseStatus | '' })} values={CASE_STATUSES} labels="casework.statuses" empty={t('casework.list.allStatuses')} />
        </div>
        <div className="field">
          <label htmlFor="cases-category">{t('casework.list.category')}</label>
          <select id="cases-category" value={f.categoryId} onChange={(e) => set({ categoryId: e.target.value })}>
            <option value="">{t('casework.list.allCategories')}</option>
            {[...catById.values()].map((c) => (
              <option key={c.id} value={c.id}>
                {categoryName(t, c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cases-stage">{t('casework.list.stage')}</label>
          <select id="cases-stage" value={f.stage} onChange={(e) => set({ stage: e.target.value })}>
            <option value="">{t('casework.list.allStages')}</option>
            {facets.status === 'ready'
              ? facets.data.stages.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.value} ({s.count})
                  </option>
                ))
              : null}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cases-tag">{t('casework.list.tag')}</label>
          <select id="cases-tag" value={f.tag} onChange={(e) => set({ tag: e.target.value })}>
            <option value="">{t('casework.list.allTags')}</option>
            {facets.status === 'ready'
              ? facets.data.tags.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.value} ({s.count})
                  </option>
                ))
              : null}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cases-sort">{t('casework.list.sort')}</label>
          <EnumSelect id="cases-sort" value={f.sort} onChange={(e) => set({ sort: e.target.value as Sort })} values={CASE_SORTS} labels="casework.sorts" />
        </div>
      </div>
      {list.status === 'error' ? <Notice kind="error">{errorText(t, list.error)}</Notice> : null}
      {list.status === 'ready' && list.data.total === 0 && !f.query && !f.status && !f.categoryId && !f.stage && !f.tag ? (
        <EmptyState title={t('cases.empty')} hint={t('cases.emptyHint')} />
      ) : (
        <>
          <p className="cw-muted cw-count" aria-live="polite" data-testid="cases-count">
            {list.status === 'ready' ? t('casework.list.count', { count: list.data.total }) : t('common.loading')}
          </p>
          {list.status === 'ready' && items.length === 0 ? <p className="cw-muted">{t('casework.list.none')}</p> : null}
          <div className="cw-list-head" aria-hidden="true">
            <span>{t('casework.list.colTitle')}</span>
            <span>{t('casework.list.colRef')}</span>
            <span>{t('casework.list.colStatus')}</span>
            <span>{t('casework.list.colUpdated')}</span>
          </div>
          <div className="cw-list" ref={scroller} data-testid="case-list">
            <ul className="cw-list-inner" ref={(el) => el?.style.setProperty('height', `${virtual.getTotalSize()}px`)}>
              {virtual.getVirtualItems().map((row) => {
                const c = items[row.index]!;
                return (
                  <li
                    key={c.id}
                    className="cw-list-row"
                    ref={(el) => el?.style.setProperty('transform', `translateY(${row.start}px)`)}
                  >
                    <button type="button" className="cw-list-button" onClick={() => navigate('case', { caseId: c.id, tab: 'overview' })}>
                      <span className="cw-list-title">{c.title}</span>
                      <span className="cw-muted">{[c.internalRef, ...c.courtNumbers.map((n) => n.number)].filter(Boolean).join(' · ') || '—'}</span>
                      <span className={`cw-status cw-status-${c.status}`}>{t(`casework.statuses.${c.status}`)}</span>
                      <span className="cw-muted">{formatTimestamp(c.updatedAt, lng)}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        </>
      )}
    </>
  );
}
