import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BundleDefinitionSchema, DEFAULT_SECTION_TITLES, type BundlePreview } from '../../../../shared/schemas/bundle';
import type { DocumentInfo } from '../../../../shared/schemas/document';
import { displayLang, formatPartialDate, partialDateSortKey } from '../../../../shared/partial-date';
import { fieldErrors } from '../../../../shared/zod-fields';
import { call, isApiError } from '../../api/client';
import { Notice } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { currentLanguage } from '../../i18n';
import { useQuery } from '../../state/store';
import './bundles.css';
import { BuildPanel } from './BuildPanel';
import { addDocument, includedIds, sectionLetter, type DatedDoc, type Definition } from './definition-edit';
import { OptionsPanel } from './OptionsPanel';
import { SavedDefinitions } from './SavedDefinitions';
import { SectionList } from './SectionList';
import { noticeKey, noticeText } from './notice-text';

interface Loaded {
  documents: DocumentInfo[];
  defaults: Definition;
  persons: { id: string; name: string }[];
}

/** The court bundle builder of one case: documents in sections, options, cover, saved definitions, build. */
export function BundleBuilder({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  // Live queries: a document trashed or edited elsewhere reloads them (data.changed), so the builder never
  // offers what is gone.
  const documents = useQuery('documents.list', { caseId, trash: false }, (r) => r.documents);
  const defaults = useQuery('bundles.defaults', { caseId });
  const overview = useQuery('cases.overview', { id: caseId });
  for (const q of [documents, defaults, overview]) {
    if (q.status === 'error') return <Notice kind="error">{errorText(t, q.error)}</Notice>;
  }
  if (documents.status !== 'ready' || defaults.status !== 'ready' || overview.status !== 'ready') return <p role="status">{t('common.loading')}</p>;
  const persons = [...new Map(overview.data.parties.map((p) => [p.person.id, { id: p.person.id, name: p.person.name }])).values()];
  return <Builder caseId={caseId} loaded={{ documents: documents.data, defaults: defaults.data, persons }} />;
}

function Builder({ caseId, loaded }: { caseId: string; loaded: Loaded }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  // The default section titles come from the schema in English; a new bundle starts in the UI language, its
  // pages too (Kyrgyz → Russian, the other language of the courts, until reviewed Kyrgyz wording exists).
  const [def, setDefState] = useState<Definition>(() => ({
    ...loaded.defaults,
    options: { ...loaded.defaults.options, language: displayLang(lng) },
    sections: loaded.defaults.sections.map((sec) => {
      const i = (DEFAULT_SECTION_TITLES as readonly string[]).indexOf(sec.title);
      return i < 0 ? sec : { ...sec, title: t(`bundles.defaultSections.${i}`) };
    }),
  }));
  const [current, setCurrent] = useState<{ id: string; name: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [addTo, setAddTo] = useState(0);
  const [preview, setPreview] = useState<{ data?: BundlePreview; error?: string } | null>(null);

  const rootRef = useRef<HTMLDivElement>(null);
  const footerRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  // Rows scrolled to (by focus or by the lawyer) stop above the sticky Build bar, whatever its height at the time.
  useEffect(() => {
    const footer = footerRef.current;
    const root = rootRef.current;
    if (!footer || !root || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => root.style.setProperty('--bundle-bar-height', `${footer.offsetHeight}px`));
    ro.observe(footer);
    return () => ro.disconnect();
  }, []);
  // The page-number check answers below the bar; at 1280×720 that is off-screen, so the answer is brought into view.
  useEffect(() => {
    if (!preview) return;
    const el = resultRef.current;
    if (!el) return;
    scrollToTop(el);
    el.focus({ preventScroll: true });
  }, [preview]);

  const setDef = (d: Definition) => {
    setDefState(d);
    setPreview(null);
    if (Object.keys(errors).length) setErrors({});
  };

  const docs = useMemo(() => new Map(loaded.documents.map((d) => [d.id, d])), [loaded.documents]);
  const dated = useMemo(
    () => new Map<string, DatedDoc>(loaded.documents.map((d) => [d.id, { id: d.id, sortKey: d.date ? partialDateSortKey(d.date) : null }])),
    [loaded.documents],
  );
  const included = includedIds(def);
  const outside = loaded.documents.filter((d) => !included.has(d.id));
  const target = Math.min(addTo, def.sections.length - 1);

  const validate = () => {
    const r = BundleDefinitionSchema.safeParse(def);
    if (r.success) return true;
    setErrors(fieldErrors(r.error));
    return false;
  };

  const runPreview = async () => {
    if (!validate()) return;
    try {
      setPreview({ data: await call('bundles.preview', { caseId, definition: def }) });
    } catch (e) {
      setPreview({ error: isApiError(e) ? e.message : t('errors.generic') });
    }
  };

  const defaultName = `${(current?.name ?? def.cover.title) || t('bundles.defaultFileName')}.pdf`.replace(/[\\/:*?"<>|]+/g, ' ');

  return (
    <div className="bundle-builder" data-testid="bundle-builder" ref={rootRef}>
      <div className="bundle-top">
        <h2>{current ? t('bundles.headingNamed', { name: current.name }) : t('bundles.heading')}</h2>
        <p className="lead bundle-lead">{t('bundles.lead')}</p>
      </div>

      <div className="bundle-columns">
        <div className="bundle-main">
          <h3>{t('bundles.sectionsHeading')}</h3>
          <p className="field-hint">{t('bundles.translationsHint')}</p>
          <SectionList def={def} onChange={setDef} docs={docs} dated={dated} errors={errors} />

          <div className="bundle-outside">
            <h3>{t('bundles.outside.heading', { count: outside.length })}</h3>
            {outside.length === 0 ? (
              <p className="field-hint">{loaded.documents.length === 0 ? t('bundles.outside.noDocuments') : t('bundles.outside.allIncluded')}</p>
            ) : (
              <>
                <label className="bundle-order">
                  <span>{t('bundles.outside.addTo')}</span>
                  <select value={target} onChange={(e) => setAddTo(Number(e.target.value))}>
                    {def.sections.map((s, i) => (
                      <option key={s.key} value={i}>{`${sectionLetter(i)}. ${s.title}`}</option>
                    ))}
                  </select>
                </label>
                <ul className="boxed-list bundle-outside-list">
                  {outside.map((d) => (
                    <li key={d.id}>
                      <span className="bundle-item-main">
                        <span className="bundle-item-title">{d.title}</span>
                        <span className="bundle-item-meta">
                          {d.date ? formatPartialDate(d.date, lng) : t('bundles.undated')} · {t(`bundles.kind.${d.kind}`, { defaultValue: d.kind.toUpperCase() })}
                        </span>
                      </span>
                      <button type="button" className="button-quiet" onClick={() => setDef(addDocument(def, d.id, target))} aria-label={t('bundles.outside.addNamed', { title: d.title })}>
                        {t('bundles.outside.add')}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        </div>

        <aside className="bundle-side" aria-label={t('bundles.options.heading')}>
          <SavedDefinitions
            caseId={caseId}
            def={def}
            current={current}
            onLoaded={(s) => {
              setDefState(s.definition);
              setCurrent({ id: s.id, name: s.name });
              setErrors({});
              setPreview(null);
            }}
            onSaved={setCurrent}
            onDeleted={(id) => setCurrent((c) => (c?.id === id ? null : c))}
            onDefinitionErrors={setErrors}
          />

          <h3>{t('bundles.options.heading')}</h3>
          <OptionsPanel def={def} onChange={setDef} persons={loaded.persons} errors={errors} />
        </aside>
      </div>

      {/* Above the bar, so the sticky bar stays at the window's foot while the answer is read. */}
      <div ref={resultRef} tabIndex={-1} className="bundle-result" data-testid="bundle-check-result">
        {preview?.error ? <Notice kind="error">{preview.error}</Notice> : null}
        {preview?.data ? <PreviewTable preview={preview.data} /> : null}
      </div>
      <div className="bundle-footer" ref={footerRef} data-testid="bundle-footer">
        <button type="button" className="button-quiet" onClick={() => void runPreview()}>
          {t('bundles.preview.button')}
        </button>
        <BuildPanel caseId={caseId} def={def} defaultName={defaultName} onDefinitionErrors={setErrors} validate={validate} />
      </div>

    </div>
  );
}

/**
 * Scrolls only the nearest scrolling ancestor: Element.scrollIntoView also scrolls the app shell itself, which
 * then slides up under the window and leaves the sidebar cut off.
 */
function scrollToTop(el: HTMLElement): void {
  let box = el.parentElement;
  while (box && !/(auto|scroll)/.test(getComputedStyle(box).overflowY)) box = box.parentElement;
  if (!box) return;
  box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 16;
}

function PreviewTable({ preview }: { preview: BundlePreview }) {
  const { t } = useTranslation();
  return (
    <div className="bundle-preview" data-testid="bundle-preview">
      <h3>{t('bundles.preview.heading', { count: preview.totalPages, volumes: preview.volumes.length })}</h3>
      {preview.notices.map((n, i) => (
        <p key={noticeKey(n, i)} className="notice notice-warning" data-testid="bundle-notice">
          {noticeText(t, n)}
        </p>
      ))}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('bundles.preview.tab')}</th>
            <th scope="col">{t('bundles.preview.document')}</th>
            <th scope="col">{t('bundles.preview.date')}</th>
            <th scope="col">{t('bundles.preview.pages')}</th>
          </tr>
        </thead>
        {preview.sections.map((s) => (
          <tbody key={s.letter}>
            <tr className="bundle-preview-section">
              <th scope="rowgroup" colSpan={4}>{`${s.letter}. ${s.title}`}</th>
            </tr>
            {s.documents.map((d) => (
              <tr key={d.documentId}>
                <td>{d.tab}</td>
                <td>{d.title}</td>
                <td>{d.date}</td>
                <td className="mono">{d.firstPage === d.lastPage ? d.firstPage : `${d.firstPage}–${d.lastPage}`}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
