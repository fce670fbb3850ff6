import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../shared/schemas/document';
import type { RedactionMark } from '../../../../shared/schemas/redaction';
import { call, isApiError, type ApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { openDocument } from '../documents/navigation';

/**
 * The redact controls beside a viewer: the areas marked in the frame (coordinates only reach this page) and the
 * words whose every occurrence goes. "Make" asks the main process for a redacted version; the original stays.
 */
export function RedactPanel({
  doc,
  marks,
  onClear,
  kind,
}: {
  doc: DocumentInfo;
  marks: RedactionMark[];
  onClear: () => void;
  kind: 'pdf' | 'image';
}) {
  const { t } = useTranslation();
  const [words, setWords] = useState<string[]>([]);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [made, setMade] = useState<DocumentInfo | null>(null);

  const add = () => {
    const w = draft.trim();
    if (w && !words.includes(w)) setWords([...words, w]);
    setDraft('');
  };
  const make = async () => {
    setBusy(true);
    setError(null);
    setMade(null);
    try {
      const d = await call('documents.redact', { id: doc.id, marks, words });
      setMade(d);
      setWords([]);
      onClear();
    } catch (e) {
      if (isApiError(e)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="redact-panel" data-testid="redact-panel" aria-label={t('documents.redaction.button')}>
      <p className="field-hint">{t(kind === 'pdf' ? 'documents.redaction.hint' : 'documents.redaction.imageHint')}</p>
      <div className="redact-row">
        <span data-testid="redact-count">{t('documents.redaction.marked', { count: marks.length })}</span>
        <button type="button" className="button-quiet" onClick={onClear} disabled={!marks.length || busy}>
          {t('documents.redaction.clear')}
        </button>
      </div>
      {kind === 'pdf' ? (
        <div className="redact-words">
          <label htmlFor="redact-word">{t('documents.redaction.wordsLabel')}</label>
          <div className="redact-row">
            <input
              id="redact-word"
              value={draft}
              maxLength={200}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
            <button type="button" className="button-quiet" onClick={add} disabled={!draft.trim()}>
              {t('documents.redaction.add')}
            </button>
          </div>
          <p className="field-hint">{t('documents.redaction.wordsHint')}</p>
          {words.length ? (
            <ul className="redact-chips">
              {words.map((w) => (
                <li key={w}>
                  <span>{w}</span>
                  <button type="button" className="button-quiet" aria-label={t('documents.redaction.remove', { word: w })} onClick={() => setWords(words.filter((x) => x !== w))}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <button type="button" className="button-primary" onClick={() => void make()} disabled={busy || (!marks.length && !words.length)} data-testid="redact-make">
        {busy ? t('documents.redaction.making') : t('documents.redaction.make')}
      </button>
      {error ? <Notice kind="error">{errorText(t, error)}</Notice> : null}
      {made ? (
        <Notice kind="info" testId="redact-made">
          <p>{t('documents.redaction.made')}</p>
          <button type="button" className="button-quiet" onClick={() => openDocument(made.id)}>
            {t('documents.redaction.open')}
          </button>
        </Notice>
      ) : null}
    </section>
  );
}
