import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPartialDate } from '../../../../shared/partial-date';
import { DOCUMENT_TYPES, type DocumentType } from '../../../../shared/schemas/document';
import { SEARCH_KINDS, SearchQuerySchema, type SearchHit, type SearchQuery, type SearchResult } from '../../../../shared/schemas/search';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';
import { navigate, type Route } from '../../router/router';
import { createStore, currentEpoch, useQuery, useStore } from '../../state/store';
import '../../styles/documents.css';
import { openDocument } from '../documents/navigation';
import { Snippet } from './Snippet';

interface Filters {
  query: string;
  caseId: string;
  documentType: string;
  dateFrom: string;
  dateTo: string;
}
const EMPTY: Filters = { query: '', caseId: '', documentType: '', dateFrom: '', dateTo: '' };

/** The last search survives moving between areas but not a lock. */
const searchStore = createStore<{ filters: Filters; result: SearchResult | null; ran: string | null }>({ filters: EMPTY, result: null, ran: null });

function toQuery(f: Filters): SearchQuery {
  return {
    query: f.query,
    ...(f.caseId ? { caseId: f.caseId } : {}),
    ...(f.documentType ? { documentTypes: [f.documentType as DocumentType] } : {}),
    ...(f.dateFrom ? { dateFrom: f.dateFrom } : {}),
    ...(f.dateTo ? { dateTo: f.dateTo } : {}),
  };
}

/** Each kind opens where a lawyer would look for it: the document itself, or the right tab of its case. */
function openHit(h: SearchHit): void {
  if (h.kind === 'document') openDocument(h.id);
  else if (h.kind === 'case') navigate('case', { caseId: h.id, tab: 'overview' });
  else if (h.kind === 'person') navigate('person', { personId: h.id });
  else if (h.caseId) navigate('case', { caseId: h.caseId, tab: h.kind === 'event' ? 'timeline' : 'notes' });
}

/** One box for everything: cases, people, events, notes and document text, ranked and grouped by kind. */
export function SearchPage(_props: { route?: Route }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const state = useStore(searchStore);
  const [draft, setDraft] = useState<Filters>(state.filters);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const cases = useQuery('cases.list', { limit: 10_000 }, (r) => r.items);

  useEffect(() => inputRef.current?.focus(), []);

  async function run(e?: FormEvent) {
    e?.preventDefault();
    setFailure(null);
    const parsed = SearchQuerySchema.safeParse(toQuery(draft));
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? null);
      return;
    }
    setFieldError(null);
    setBusy(true);
    const epoch = currentEpoch();
    try {
      const result = await call('search.query', toQuery(draft));
      if (epoch === currentEpoch()) searchStore.set({ filters: draft, result, ran: draft.query });
    } catch (err) {
      if (isApiError(err)) {
        if (err.fields?.['query']) setFieldError(err.fields['query']);
        else setFailure(errorText(t, err));
      }
    } finally {
      setBusy(false);
    }
  }

  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const result = state.result;
  const caseTitle = new Map((cases.status === 'ready' ? cases.data : []).map((c) => [c.id, c.title]));

  return (
    <>
      <PageHeader title={t('documents.search.title')} />
      <form className="search-form" role="search" onSubmit={(e) => void run(e)} noValidate>
        <div className="field search-box">
          <label htmlFor="search-query">{t('documents.search.label')}</label>
          <div className="search-box-row">
            <input
              ref={inputRef}
              id="search-query"
              type="search"
              value={draft.query}
              onChange={set('query')}
              placeholder={t('documents.search.placeholder')}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? 'search-query-error' : 'search-query-hint'}
              autoComplete="off"
              spellCheck={false}
            />
            <button type="submit" className="button-primary" disabled={busy}>
              {t('documents.search.submit')}
            </button>
          </div>
          {fieldError ? (
            <span className="field-error" id="search-query-error" role="alert">
              {fieldError}
            </span>
          ) : (
            <span className="field-hint" id="search-query-hint">
              {t('documents.search.hint')}
            </span>
          )}
        </div>
        <fieldset className="search-filters">
          <legend>{t('documents.search.filters')}</legend>
          <div className="field">
            <label htmlFor="search-case">{t('documents.search.case')}</label>
            <select id="search-case" value={draft.caseId} onChange={set('caseId')}>
              <option value="">{t('documents.search.allCases')}</option>
              {(cases.status === 'ready' ? cases.data : []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-type">{t('documents.search.type')}</label>
            <select id="search-type" value={draft.documentType} onChange={set('documentType')}>
              <option value="">{t('documents.search.allTypes')}</option>
              {DOCUMENT_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`documents.types.${ty}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-from">{t('documents.search.from')}</label>
            <input id="search-from" type="date" value={draft.dateFrom} onChange={set('dateFrom')} />
          </div>
          <div className="field">
            <label htmlFor="search-to">{t('documents.search.to')}</label>
            <input id="search-to" type="date" value={draft.dateTo} onChange={set('dateTo')} />
          </div>
        </fieldset>
      </form>

      {failure ? <Notice kind="error">{failure}</Notice> : null}
      <div aria-live="polite" className="search-status">
        {busy ? <p className="busy">{t('documents.search.searching')}</p> : null}
        {!busy && result ? <p data-testid="search-total">{t('documents.search.total', { count: result.total })}</p> : null}
      </div>

      {result && result.hits.length === 0 ? (
        <div className="empty-state" role="status">
          <p className="empty-title">{t('documents.search.noHits', { query: state.ran ?? '' })}</p>
          <p className="empty-hint">{t('documents.search.noHitsHint')}</p>
        </div>
      ) : null}

      {result
        ? SEARCH_KINDS.map((kind) => {
            const hits = result.hits.filter((h) => h.kind === kind);
            if (hits.length === 0) return null;
            return (
              <section key={kind} className="search-group" aria-labelledby={`search-group-${kind}`} data-kind={kind}>
                <h2 id={`search-group-${kind}`}>
                  {t(`documents.search.kinds.${kind}`)} <span className="search-count">{hits.length}</span>
                </h2>
                <ol className="boxed-list search-hits">
                  {hits.map((h) => (
                    <li key={`${h.kind}:${h.id}`} className="search-hit" data-testid="search-hit" data-kind={h.kind}>
                      <button type="button" className="search-hit-title button-link" onClick={() => openHit(h)}>
                        {h.title}
                      </button>
                      <span className="search-hit-meta">
                        {[
                          h.documentType ? t(`documents.types.${h.documentType}`, { defaultValue: h.documentType }) : null,
                          h.date ? formatPartialDate(h.date, lng) : null,
                          h.caseId && h.kind !== 'case' ? caseTitle.get(h.caseId) : null,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                      {h.snippet.length ? <Snippet segments={h.snippet} /> : null}
                    </li>
                  ))}
                </ol>
              </section>
            );
          })
        : null}
    </>
  );
}
