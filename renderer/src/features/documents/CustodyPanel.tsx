import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustodyEntry } from '../../../../shared/schemas/document';
import { call, isApiError, type ApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { actionSlug, changedFieldNames, fieldLabels } from '../../lib/activity-labels';
import { formatTimestamp } from './format';

/** The document's chain of custody, oldest first: import, views, changes, exports, trash. */
export function CustodyPanel({ documentId, version }: { documentId: string; version: number }) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<CustodyEntry[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    call('documents.custody', { id: documentId }).then(
      (r) => live && setEntries(r.entries),
      (e: unknown) => live && isApiError(e) && setError(e),
    );
    return () => {
      live = false;
    };
  }, [documentId, version]);

  return (
    <section className="panel custody" aria-labelledby="custody-title" data-testid="custody">
      <h2 id="custody-title">{t('documents.custody.title')}</h2>
      <p className="field-hint">{t('documents.custody.hint')}</p>
      {error ? <Notice kind="error">{errorText(t, error)}</Notice> : null}
      {!entries && !error ? <p className="busy">{t('documents.custody.loading')}</p> : null}
      {entries && entries.length === 0 ? <p>{t('documents.custody.empty')}</p> : null}
      {entries && entries.length > 0 ? (
        <ol className="custody-list">
          {entries.map((e) => (
            <li key={e.seq} data-testid="custody-entry" data-action={e.action}>
              <span className="custody-action">{t(`documents.custody.actions.${actionSlug(e.action)}`, { defaultValue: e.action })}</span>
              <time dateTime={e.at} className="custody-time">
                {formatTimestamp(e.at, i18n.language)}
              </time>
              <CustodyDetail entry={e} />
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function CustodyDetail({ entry }: { entry: CustodyEntry }) {
  const { t } = useTranslation();
  const d = entry.detail;
  const changed = changedFieldNames(d);
  if (entry.action === 'document.update' && changed.length) {
    // The same words as the case's Activity tab; the entry's before/after values are not shown.
    const fields = fieldLabels({ t }, 'document', changed);
    return <span className="custody-detail">{t('documents.custody.fields', { fields: fields.join(', ') })}</span>;
  }
  if (entry.action === 'document.export' && typeof d['to'] === 'string') {
    return <span className="custody-detail">{t('documents.custody.exportedTo', { path: d['to'] })}</span>;
  }
  if (entry.action === 'document.redact' && Array.isArray(d['marks'])) {
    return <span className="custody-detail">{t('documents.custody.redactMarks', { count: d['marks'].length })}</span>;
  }
  if (entry.action === 'document.import' && typeof d['originalName'] === 'string') {
    return <span className="custody-detail">{d['originalName']}</span>;
  }
  return null;
}
