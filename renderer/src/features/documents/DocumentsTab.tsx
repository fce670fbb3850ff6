import { useEffect, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../shared/schemas/document';
import { formatPartialDate } from '../../../../shared/partial-date';
import { call, isApiError, onEvent } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { useQuery } from '../../state/store';
import '../../styles/documents.css';
import { BulkEdit } from './BulkEdit';
import { filesFromDrop } from './drop-paths';
import { languageLabel, TypeSuggestion } from './intake';
import { formatSize } from '../../lib/sizes';
import { formatTimestamp } from './format';
import { openDocument } from '../../router/document-routes';
import { useImport } from './use-import';

/** A case's documents: import (dialog or drop) with progress and cancel, the list, trash and restore. */
export function DocumentsTab({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [showTrash, setShowTrash] = useState(false);
  const [message, setMessage] = useState<{ kind: 'info' | 'error' | 'warning'; text: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const imp = useImport(caseId);
  const pages = useExtractPages();
  const q = useQuery('documents.list', { caseId, trash: showTrash }, (r) => r.documents);
  // Ticked for a bulk edit; only documents still in the list count (one trashed meanwhile drops out).
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());

  async function chooseFiles() {
    setMessage(null);
    try {
      const { files } = await call('dialog.openFiles', { purpose: 'import-documents' });
      await imp.start(files.map((f) => f.token));
    } catch (e) {
      if (isApiError(e)) setMessage({ kind: 'error', text: errorText(t, e) });
    }
  }

  async function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    setMessage(null);
    const files = await filesFromDrop(e.dataTransfer.files);
    if (files.length === 0) setMessage({ kind: 'warning', text: t('documents.dropUnsupported') });
    else void imp.start(files.map((f) => f.token));
  }

  async function toggleTrash(doc: DocumentInfo) {
    setMessage(null);
    try {
      await call(doc.deletedAt ? 'documents.restore' : 'documents.trash', { id: doc.id });
      setMessage({ kind: 'info', text: t(doc.deletedAt ? 'documents.restored' : 'documents.trashed', { title: doc.title }) });
    } catch (err) {
      if (isApiError(err)) setMessage({ kind: 'error', text: errorText(t, err) });
    }
  }

  const o = imp.outcome;
  const docs = q.status === 'ready' ? q.data : [];
  const selectable = showTrash ? [] : docs;
  const selected = selectable.filter((d) => ticked.has(d.id)).map((d) => d.id);
  const allTicked = selectable.length > 0 && selected.length === selectable.length;
  const tick = (id: string, on: boolean) =>
    setTicked((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  // Text is extracted in the background after import; each document that settles sends data.changed.

  return (
    <section className="documents-tab" aria-labelledby="documents-tab-title" data-testid="documents-tab">
      <div className="documents-toolbar">
        <h2 id="documents-tab-title">{showTrash ? t('documents.showTrash') : t('documents.tabTitle')}</h2>
        <div className="documents-toolbar-actions">
          <button type="button" className="button-quiet" onClick={() => setShowTrash((v) => !v)} aria-pressed={showTrash}>
            {showTrash ? t('documents.showActive') : t('documents.showTrash')}
          </button>
          <button type="button" className="button-primary" onClick={() => void chooseFiles()} disabled={imp.running !== null}>
            {t('documents.import')}
          </button>
        </div>
      </div>

      {!showTrash ? (
        <div
          className={`documents-drop${dragging ? ' is-dragging' : ''}`}
          data-testid="documents-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => void onDrop(e)}
        >
          {t('documents.dropHint')}
        </div>
      ) : (
        <p className="field-hint">{t('documents.trashHint')}</p>
      )}

      {imp.running ? (
        <div className="documents-progress" data-testid="import-progress">
          <label className="documents-progress-label" htmlFor="import-progress-bar">
            {imp.running.total > 0
              ? t('documents.importingBytes', { done: formatSize(t, imp.running.done, lng), total: formatSize(t, imp.running.total, lng) })
              : t('documents.importing', { done: 0, total: '…' })}
            {imp.running.label ? <span className="documents-progress-file"> — {imp.running.label}</span> : null}
          </label>
          <progress id="import-progress-bar" max={imp.running.total || 1} value={imp.running.total ? imp.running.done : undefined} />
          <button type="button" className="button-quiet" onClick={() => void imp.cancel()}>
            {t('documents.cancel')}
          </button>
        </div>
      ) : null}

      <div aria-live="polite" className="documents-messages">
        {o?.kind === 'done' ? (
          <Notice kind="info" testId="import-result">
            <p>{t('documents.imported', { count: o.result.documents.length })}</p>
            {o.result.linkedDuplicates.map((d) => (
              <p key={d.documentId} data-testid="import-duplicate">
                {t('documents.duplicate', { name: d.originalName })}
              </p>
            ))}
          </Notice>
        ) : null}
        {o?.kind === 'cancelled' ? <Notice kind="info">{t('documents.cancelled')}</Notice> : null}
        {o?.kind === 'error' ? <Notice kind="error">{errorText(t, o.error)}</Notice> : null}
        {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      </div>

      {q.status === 'loading' ? <p className="busy">{t('documents.loading')}</p> : null}
      {q.status === 'error' ? <Notice kind="error">{errorText(t, q.error)}</Notice> : null}
      {q.status === 'ready' && docs.length === 0 ? (
        <EmptyState title={showTrash ? t('documents.trashEmpty') : t('documents.empty')} hint={showTrash ? undefined : t('documents.emptyHint')} />
      ) : null}
      {selected.length > 0 ? (
        <BulkEdit
          caseId={caseId}
          ids={selected}
          onClear={() => setTicked(new Set())}
          onDone={(count) => {
            setTicked(new Set());
            setMessage({ kind: 'info', text: t('documents.bulk.done', { count }) });
          }}
        />
      ) : null}
      {docs.length > 0 ? (
        <table className="documents-table" data-testid="documents-table">
          <thead>
            <tr>
              {!showTrash ? (
                <th scope="col" className="documents-tick">
                  <input
                    type="checkbox"
                    checked={allTicked}
                    onChange={(e) => setTicked(e.target.checked ? new Set(selectable.map((d) => d.id)) : new Set())}
                    aria-label={t('documents.bulk.selectAll')}
                  />
                </th>
              ) : null}
              <th scope="col">{t('documents.columns.title')}</th>
              <th scope="col">{t('documents.columns.type')}</th>
              <th scope="col">{t('documents.columns.date')}</th>
              <th scope="col" className="num">
                {t('documents.columns.size')}
              </th>
              <th scope="col">{t('documents.columns.exhibit')}</th>
              <th scope="col">{t('documents.columns.language')}</th>
              <th scope="col">{t('documents.columns.text')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('documents.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id} data-testid="document-row" data-document-id={d.id}>
                {!showTrash ? (
                  <td className="documents-tick">
                    <input type="checkbox" checked={ticked.has(d.id)} onChange={(e) => tick(d.id, e.target.checked)} aria-label={t('documents.bulk.select', { title: d.title })} />
                  </td>
                ) : null}
                <th scope="row" className="documents-title-cell">
                  {d.deletedAt ? (
                    <span>{d.title}</span>
                  ) : (
                    <button type="button" className="button-link" onClick={() => openDocument(d.id)} aria-label={t('documents.openNamed', { title: d.title })}>
                      {d.title}
                    </button>
                  )}
                  {d.redactedFrom ? (
                    <span className="document-redacted-label" data-testid="redacted-label">
                      {t('documents.redaction.label')}
                    </span>
                  ) : null}
                  {d.title !== d.originalName ? <span className="documents-original">{d.originalName}</span> : null}
                  {d.deletedAt ? <span className="documents-original">{t('documents.inTrashSince', { date: formatTimestamp(d.deletedAt, lng) })}</span> : null}
                </th>
                <td>
                  {t(`documents.types.${d.type}`)}
                  <TypeSuggestion doc={d} />
                </td>
                <td>{d.date ? formatPartialDate(d.date, lng) : '—'}</td>
                <td className="num">{formatSize(t, d.size, lng)}</td>
                <td>{d.exhibitNo ?? '—'}</td>
                <td>{languageLabel(t, d.language, lng)}</td>
                <td>
                  <span className={`documents-text-status status-${d.textStatus}`}>
                    {d.textStatus === 'pending' && pages[d.id]
                      ? t('documents.textStatus.pendingPages', pages[d.id])
                      : t(`documents.textStatus.${d.textStatus}`)}
                  </span>
                  {d.textStatus === 'done' && d.textFromOcr ? (
                    <span className="documents-original" data-testid="text-ocr" title={t('documents.textSource.ocrHint')}>
                      {t('documents.textSource.ocrShort')}
                    </span>
                  ) : null}
                </td>
                <td className="documents-row-actions">
                  <button type="button" className="button-quiet" onClick={() => void toggleTrash(d)}>
                    {d.deletedAt ? t('documents.restore') : t('documents.trash')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/**
 * Page progress of the document whose text is being read, by document id: a scanned PDF is read by OCR at a
 * second or two per page, so "page 12 of 30" says it is moving. One document is read at a time, so one entry;
 * single pages are left out.
 */
function useExtractPages(): Record<string, { done: number; total: number }> {
  const [pages, setPages] = useState<Record<string, { done: number; total: number }>>({});
  useEffect(
    () =>
      onEvent('job.progress', (p) => {
        if (p.kind !== 'extract.pages' || !p.label || p.total < 2) return;
        const id = p.label;
        setPages(() => ({ [id]: { done: Math.min(p.done + 1, p.total), total: p.total } }));
      }),
    [],
  );
  return pages;
}
