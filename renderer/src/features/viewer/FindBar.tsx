import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface FindState {
  query: string;
  /** 1-based; 0 when there is no current hit. */
  current: number;
  total: number;
  searching: boolean;
}

/** Typing pauses this long before the frame is asked to find (a long file is read page by page). */
const TYPE_PAUSE_MS = 250;

/** Find in the document: the words, hit n of N, previous and next (Enter, Shift+Enter), close (Escape). */
export function FindBar({ state, focus, onQuery, onStep, onClose }: { state: FindState; focus: number; onQuery(q: string): void; onStep(d: 'next' | 'previous'): void; onClose(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(state.query);
  const input = useRef<HTMLInputElement>(null);
  const asked = useRef(state.query);
  // The latest callback, without restarting the pause on every re-render (find counts arrive while typing).
  const ask = useRef(onQuery);
  ask.current = onQuery;

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focus]);

  useEffect(() => {
    if (text === asked.current) return;
    const timer = window.setTimeout(() => {
      asked.current = text;
      ask.current(text);
    }, TYPE_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const status = !state.query.trim()
    ? ''
    : state.total === 0
      ? t(state.searching ? 'documents.viewer.findSearching' : 'documents.viewer.findNone')
      : t('documents.viewer.findCount', { current: state.current, total: state.total }) + (state.searching ? ' …' : '');
  return (
    <div className="viewer-toolbar pdf-find" role="search" data-testid="pdf-find">
      <input
        ref={input}
        type="search"
        className="pdf-find-input"
        value={text}
        aria-label={t('documents.viewer.findLabel')}
        placeholder={t('documents.viewer.findLabel')}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            // Words typed but not yet sent: find them now; otherwise step to the next hit.
            if (text !== asked.current) {
              asked.current = text;
              onQuery(text);
            } else onStep(e.shiftKey ? 'previous' : 'next');
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      />
      <span className="viewer-meta nowrap" aria-live="polite" data-testid="pdf-find-status">
        {status}
      </span>
      <button type="button" className="button-quiet viewer-tool" onClick={() => onStep('previous')} disabled={state.total === 0} aria-label={t('documents.viewer.findPrevious')} title={t('documents.viewer.findPrevious')}>
        ↑
      </button>
      <button type="button" className="button-quiet viewer-tool" onClick={() => onStep('next')} disabled={state.total === 0} aria-label={t('documents.viewer.findNext')} title={t('documents.viewer.findNext')}>
        ↓
      </button>
      <button type="button" className="button-quiet viewer-tool" onClick={onClose} aria-label={t('documents.viewer.findClose')} title={t('documents.viewer.findClose')}>
        ×
      </button>
    </div>
  );
}
