import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPartialDate, partialDateBounds, readDate } from '../../../../shared/partial-date';
import { EnumSelect } from '../../components/EnumSelect';
import { DateInput } from '../../components/DateInput';
import { DOCUMENT_TYPES, type DocumentType } from '../../../../shared/schemas/document';
import { SEARCH_KINDS, SearchQuerySchema, type SearchHit, type SearchQuery, type SearchResult } from '../../../../shared/schemas/search';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';
import { navigate, type Route } from '../../router/router';
import { createStore, currentEpoch, useQuery, useStore } from '../../state/store';
import '../../styles/documents.css';
import { openDocument } from '../../router/document-routes';
import { LatestQuery } from './latest-query';
import { Snippet } from './Snippet';

interface Filters {
  query: string;
  caseId: string;
  documentType: string;
  dateFrom: string;
  dateTo: string;
}
const EMPTY: Filters = { query: '', caseId: '', documentType: '', dateFrom: '', dateTo: '' };
/** A pause in typing this long sends the query: shorter than a person notices, longer than between keys. */
const TYPING_PAUSE_MS = 120;
/** One letter matches most of a vault; searching starts at two, or on Enter. */
const MIN_TYPED = 2;

/** The last search survives moving between areas but not a lock. */
const searchStore = createStore<{ filters: Filters; result: SearchResult | null; ran: string | null }>({ filters: EMPTY, result: null, ran: null });

/**
 * The date filters are typed like every other date ("2014", "summer 2014", "20.02.2024"): "from" takes
 * the earliest day the text can mean, "to" the latest. Returns the i18n key of the problem, if any.
 */
function dateBound(text: string, end: 'earliest' | 'latest'): { day?: string; error?: string } {
  if (!text.trim()) return {};
  const r = readDate(text);
  return r.ok ? { day: partialDateBounds(r.date)[end] } : { error: `dates.errors.${r.error}` };
}

function toQuery(f: Filters): SearchQuery {
  const from = dateBound(f.dateFrom, 'earliest').day;
  const to = dateBound(f.dateTo, 'latest').day;
  return {
    query: f.query,
    ...(f.caseId ? { caseId: f.caseId } : {}),
    ...(f.documentType ? { documentTypes: [f.documentType as DocumentType] } : {}),
    ...(from ? { dateFrom: from } : {}),
    ...(to ? { dateTo: to } : {}),
  };
}

/** Each kind opens where a lawyer would look for it: the document itself, or the right tab of its case. */
function openHit(h: SearchHit, query: string): void {
  // A document opens with the words marked, and its Back button returns here (the results are kept).
  if (h.kind === 'document') openDocument(h.id, { query });
  else if (h.kind === 'case') navigate('case', { caseId: h.id, tab: 'overview' });
  else if (h.kind === 'person') navigate('person', { personId: h.id });
  else if (h.caseId) navigate('case', { caseId: h.caseId, tab: h.kind === 'event' ? 'timeline' : 'notes' });
}

/** One box for everything: cases, people, events, notes and document text, ranked and grouped by kind. */
export function SearchPage({ route }: { route?: Route }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const state = useStore(searchStore);
  const [draft, setDraft] = useState<Filters>(state.filters);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [dateErrors, setDateErrors] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const inputRef = useRef<HTMLInputElement>(null);
  const cases = useQuery('cases.list', { limit: 10_000 }, (r) => r.items);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The runner outlives renders; its error messages follow the language chosen since.
  const tNow = useRef(t);
  tNow.current = t;
  const latest = useRef<LatestQuery<{ filters: Filters; epoch: number }, SearchResult> | null>(null);
  latest.current ??= new LatestQuery({
    run: ({ filters }) => call('search.query', toQuery(filters)),
    deliver: (result, { filters, epoch }) => {
      if (epoch === currentEpoch()) searchStore.set({ filters, result, ran: filters.query });
    },
    fail: (err) => {
      if (!isApiError(err)) return;
      if (err.fields?.['query']) setFieldError(err.fields['query']);
      else setFailure(errorText(tNow.current, err));
    },
    busy: setBusy,
  });

  useEffect(() => inputRef.current?.focus(), []);
  // Leaving the page drops what is still waiting; an answer arriving later is not shown anywhere.
  useEffect(
    () => () => {
      if (typing.current) clearTimeout(typing.current);
      latest.current?.cancel();
    },
    [],
  );

  // Opened from the quick switcher's "Search everywhere" with the words already typed there.
  const asked = route?.params.q;
  useEffect(() => {
    if (!asked) return;
    const next = { ...draft, query: asked };
    setDraft(next);
    run(undefined, next);
    // Only a new query from the switcher starts a search here; typing starts its own.
  }, [asked]);

  /** Checks the form and sends it; `typed` is a search started by typing, which stays quiet about an empty box. */
  function run(e?: FormEvent, filters: Filters = draft, typed = false) {
    e?.preventDefault();
    if (typing.current) clearTimeout(typing.current);
    setFailure(null);
    const fromError = dateBound(filters.dateFrom, 'earliest').error ?? null;
    const toError = dateBound(filters.dateTo, 'latest').error ?? null;
    setDateErrors({ from: fromError, to: toError });
    if (fromError || toError) return;
    const parsed = SearchQuerySchema.safeParse(toQuery(filters));
    if (!parsed.success) {
      if (!typed) setFieldError(parsed.error.issues[0]?.message ?? null);
      return;
    }
    setFieldError(null);
    latest.current!.submit({ filters, epoch: currentEpoch() });
  }

  /** Search as you type: each pause sends the newest words; a cleared box clears the results. */
  function typed(query: string) {
    const next = { ...draft, query };
    setDraft(next);
    if (typing.current) clearTimeout(typing.current);
    if (!query.trim()) {
      latest.current!.cancel();
      setFieldError(null);
      searchStore.set({ filters: next, result: null, ran: null });
      return;
    }
    if (query.trim().length < MIN_TYPED) return;
    typing.current = setTimeout(() => run(undefined, next, true), TYPING_PAUSE_MS);
  }

  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const result = state.result;
  const caseTitle = new Map((cases.status === 'ready' ? cases.data : []).map((c) => [c.id, c.title]));

  return (
    <>
      <PageHeader title={t('documents.search.title')} />
      <form className="search-form" role="search" onSubmit={(e) => run(e)} noValidate>
        <div className="field search-box">
          <label htmlFor="search-query">{t('documents.search.label')}</label>
          <div className="search-box-row">
            <input
              ref={inputRef}
              id="search-query"
              type="search"
              value={draft.query}
              onChange={(e) => typed(e.target.value)}
              placeholder={t('documents.search.placeholder')}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? 'search-query-error' : 'search-query-hint'}
              autoComplete="off"
              spellCheck={false}
            />
            <button type="submit" className="button-primary">
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
            <EnumSelect id="search-type" value={draft.documentType} onChange={set('documentType')} values={DOCUMENT_TYPES} labels="documents.types" empty={t('documents.search.allTypes')} />
          </div>
          <div className="field">
            <label htmlFor="search-from">{t('documents.search.from')}</label>
            <DateInput
              id="search-from"
              value={draft.dateFrom}
              onChange={set('dateFrom')}
              onPick={(s) => setDraft((d) => ({ ...d, dateFrom: s }))}
              aria-invalid={dateErrors.from ? true : undefined}
              aria-describedby={dateErrors.from ? 'search-from-error' : undefined}
            />
            {dateErrors.from ? (
              <span className="field-error" id="search-from-error" role="alert">
                {t(dateErrors.from)}
              </span>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="search-to">{t('documents.search.to')}</label>
            <DateInput
              id="search-to"
              value={draft.dateTo}
              onChange={set('dateTo')}
              onPick={(s) => setDraft((d) => ({ ...d, dateTo: s }))}
              aria-invalid={dateErrors.to ? true : undefined}
              aria-describedby={dateErrors.to ? 'search-to-error' : undefined}
            />
            {dateErrors.to ? (
              <span className="field-error" id="search-to-error" role="alert">
                {t(dateErrors.to)}
              </span>
            ) : null}
          </div>
        </fieldset>
      </form>

      {failure ? <Notice kind="error">{failure}</Notice> : null}
      <div aria-live="polite" className="search-status">
        {/* The count of every match, known with the first screen of results; kept on screen while the next query runs. */}
        {result ? <p data-testid="search-total">{t('documents.search.total', { count: result.total })}</p> : null}
        {busy ? <p className="busy">{t('documents.search.searching')}</p> : null}
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
                      <button type="button" className="search-hit-title button-link" onClick={() => openHit(h, state.ran ?? '')}>
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
