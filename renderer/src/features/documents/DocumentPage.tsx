import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../shared/schemas/document';
import { formatPartialDate } from '../../../../shared/partial-date';
import { call, isApiError, type ApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import type { Route } from '../../router/router';
import { createStore, currentEpoch, useStore } from '../../state/store';
import '../../styles/documents.css';
import { DocumentViewer } from '../viewer/DocumentViewer';
import { DocumentDeadlines } from '../deadlines/DocumentDeadlines';
import { CustodyPanel } from './CustodyPanel';
import { ExportButton } from './ExportButton';
import { formatSize } from '../../lib/sizes';
import { formatTimestamp } from './format';
import { MetadataForm } from './MetadataForm';
import { languageLabel, TypeSuggestion } from './intake';
import { goToCaseDocuments, goToSearch, openDocument } from '../../router/document-routes';

/** Whether the details column is folded away (for a wider page); kept while moving between documents. */
const detailsStore = createStore<{ folded: boolean }>({ folded: false });

/**
 * One document: the viewer (decrypted in memory), its details and edit form, and its chain of custody.
 * Opening the page is the "view" recorded in the custody log (`documents.open`).
 */
export function DocumentPage({ route }: { route: Route }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const id = route.params['id'] ?? '';
  // Opened from the search results: the words to mark, and Back returns to the results.
  const query = route.params['from'] === 'search' ? route.params['q'] : undefined;
  const { folded } = useStore(detailsStore);
  const [doc, setDoc] = useState<DocumentInfo | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState(false);
  const [custodyVersion, setCustodyVersion] = useState(0);

  useEffect(() => {
    let live = true;
    const epoch = currentEpoch();
    setDoc(null);
    setError(null);
    call('documents.open', { id }).then(
      (d) => {
        if (live && epoch === currentEpoch()) {
          setDoc(d);
          setCustodyVersion((v) => v + 1);
        }
      },
      (e: unknown) => {
        if (live && isApiError(e)) setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

  if (error) {
    return (
      <div className="document-page">
        <Notice kind="error">{errorText(t, error)}</Notice>
      </div>
    );
  }
  if (!doc) return <p className="busy">{t('documents.viewer.loading')}</p>;

  const facts: [string, string][] = [
    [t('documents.columns.type'), t(`documents.types.${doc.type}`)],
    [t('documents.columns.date'), doc.date ? formatPartialDate(doc.date, lng) : '—'],
    [t('documents.columns.exhibit'), doc.exhibitNo ?? '—'],
    [t('documents.columns.language'), languageLabel(t, doc.language, lng)],
    [t('documents.facts.originalName'), doc.originalName],
    [t('documents.facts.kind'), `${doc.kind} (${doc.mime})`],
    [t('documents.facts.size'), formatSize(t, doc.size, lng)],
    [t('documents.facts.importedAt'), formatTimestamp(doc.importedAt, lng)],
    // Where the searchable text came from: OCR text may contain misread words, which matters when quoting it.
    [
      t('documents.columns.text'),
      doc.textStatus !== 'done'
        ? t(`documents.textStatus.${doc.textStatus}`)
        : doc.textFromOcr
          ? t('documents.textSource.ocr')
          : t('documents.textSource.file'),
    ],
  ];
  if (doc.source) facts.push([t('documents.facts.source'), doc.source]);
  if (doc.collectedBy) facts.push([t('documents.facts.collectedBy'), doc.collectedBy]);
  if (doc.collectedOn) facts.push([t('documents.facts.collectedOn'), formatPartialDate(doc.collectedOn, lng)]);

  return (
    <div className="document-page" data-testid="document-page">
      <header className="document-header">
        {query !== undefined ? (
          <button type="button" className="button-quiet" onClick={goToSearch}>
            ← {t('documents.backToResults')}
          </button>
        ) : (
          <button type="button" className="button-quiet" onClick={() => goToCaseDocuments(doc.caseId)}>
            ← {t('documents.back')}
          </button>
        )}
        <h1>
          {doc.title}
          {doc.redactedFrom ? <span className="document-redacted-label">{t('documents.redaction.label')}</span> : null}
        </h1>
        <ExportButton doc={doc} onExported={() => setCustodyVersion((v) => v + 1)} />
        <button type="button" className="button-quiet" aria-expanded={!folded} aria-controls="document-side" onClick={() => detailsStore.set({ folded: !folded })}>
          {folded ? t('documents.showDetails') : t('documents.hideDetails')}
        </button>
      </header>
      <div className={`document-body${folded ? ' is-folded' : ''}`}>
        <div className="document-view">
          <DocumentViewer doc={doc} highlight={query} />
        </div>
        <aside className="document-side" id="document-side" hidden={folded}>
          <section className="panel document-details" aria-labelledby="document-details-title">
            <div className="document-side-head">
              <h2 id="document-details-title">{t('documents.details')}</h2>
              {!editing ? (
                <button type="button" className="button-quiet" onClick={() => setEditing(true)}>
                  {t('documents.edit')}
                </button>
              ) : null}
            </div>
            {!editing ? (
              <TypeSuggestion
                doc={doc}
                onSaved={(d) => {
                  setDoc(d);
                  setCustodyVersion((v) => v + 1);
                }}
              />
            ) : null}
            {editing ? (
              <MetadataForm
                doc={doc}
                onSaved={(d) => {
                  setDoc(d);
                  setEditing(false);
                  setCustodyVersion((v) => v + 1);
                }}
                onCancel={() => setEditing(false)}
              />
            ) : (
              <dl className="document-facts">
                {facts.map(([k, v]) => (
                  <div key={k} className={v.length > 28 ? 'wide' : undefined}>
                    <dt>{k}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
                <div className="wide">
                  <dt>{doc.redactedFrom ? t('documents.redaction.sha256') : t('documents.facts.sha256')}</dt>
                  <dd className="mono document-hash">{doc.sha256}</dd>
                </div>
                {doc.redactedFrom ? (
                  <div className="wide" data-testid="redacted-from">
                    <dt>{t('documents.redaction.versionOf')}</dt>
                    <dd>
                      <button type="button" className="button-link" onClick={() => openDocument(doc.redactedFrom!)}>
                        {doc.title}
                      </button>
                    </dd>
                  </div>
                ) : null}
                {doc.redactedVersions.length ? (
                  <div className="wide" data-testid="redacted-versions">
                    <dt>{t('documents.redaction.versions')}</dt>
                    <dd>
                      {doc.redactedVersions.map((v, i) => (
                        <button key={v} type="button" className="button-link" onClick={() => openDocument(v)}>
                          {`${t('documents.redaction.label')} ${i + 1}`}
                        </button>
                      ))}
                    </dd>
                  </div>
                ) : null}
                {doc.tags.length ? (
                  <div className="wide">
                    <dt>{t('documents.form.tags')}</dt>
                    <dd>
                      {doc.tags.map((tag) => (
                        <span key={tag} className="document-tag">
                          {tag}
                        </span>
                      ))}
                    </dd>
                  </div>
                ) : null}
              </dl>
            )}
          </section>
          {/* Keyed by the saved details: a type or date just set decides whether deadlines can be proposed. */}
          <DocumentDeadlines key={`${doc.type}|${JSON.stringify(doc.date)}`} doc={doc} />
          <CustodyPanel documentId={doc.id} version={custodyVersion} />
        </aside>
      </div>
    </div>
  );
}
