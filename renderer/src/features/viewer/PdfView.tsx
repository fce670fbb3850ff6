import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../shared/schemas/document';
import type { RedactionMark } from '../../../../shared/schemas/redaction';
import { FromFrameSchema, PDF_PAGE_DRAW_BUDGET_MS, type FromFrame, type ToFrame } from '../../../../shared/viewer-frame';
import { call, isApiError, viewerFrameUrl } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { FindBar, type FindState } from './FindBar';
import { RedactPanel } from './RedactPanel';
import { useIsolatedFrame } from './use-isolated-frame';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/**
 * A PDF, drawn by pdf.js inside an iframe of another origin that has no preload (see renderer/src/pdf-frame):
 * the pages one under the other, with a text layer to select and copy, and find (Ctrl+F). This component keeps
 * the toolbar and hands the decrypted bytes over: they are transferred, so once the frame has them the app's
 * copy is gone. `highlight`: the words of a search hit being opened, marked and scrolled to.
 */
export function PdfView({ bytes, title, highlight, doc }: { bytes: Uint8Array; title: string; highlight?: string; doc?: DocumentInfo }) {
  // A page over the drawing budget stops with an explanation; "Draw it anyway" opens it again without one.
  const [unlimited, setUnlimited] = useState(false);
  return (
    <PdfFrameView
      key={unlimited ? 'unlimited' : 'budget'}
      bytes={bytes}
      title={title}
      highlight={highlight}
      doc={doc}
      budgetMs={unlimited ? null : PDF_PAGE_DRAW_BUDGET_MS}
      onDrawAnyway={() => setUnlimited(true)}
    />
  );
}

type Failure = Extract<FromFrame, { type: 'failed' }>['reason'];

function PdfFrameView({
  bytes,
  title,
  highlight,
  doc,
  budgetMs,
  onDrawAnyway,
}: {
  bytes: Uint8Array;
  title: string;
  highlight?: string;
  doc?: DocumentInfo;
  budgetMs: number | null;
  onDrawAnyway: () => void;
}) {
  const { t } = useTranslation();
  const [pages, setPages] = useState(0);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState<number>(1);
  const [rendered, setRendered] = useState(0);
  const [failed, setFailed] = useState<Failure | null>(null);
  const [find, setFind] = useState<FindState | null>(highlight ? { query: highlight, current: 0, total: 0, searching: true } : null);
  const [focusFind, setFocusFind] = useState(0);
  const [copied, setCopied] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const sent = useRef(false);
  // Redact mode: the frame reports dragged areas (coordinates only, on any page); they are kept here until "Make".
  const [redacting, setRedacting] = useState(false);
  const [marks, setMarks] = useState<RedactionMark[]>([]);
  const src = viewerFrameUrl();

  const openFind = () => {
    setFind((f) => f ?? { query: '', current: 0, total: 0, searching: false });
    setFocusFind((n) => n + 1);
  };

  const { frameRef, send } = useIsolatedFrame<FromFrame, ToFrame>(
    src,
    FromFrameSchema,
    (m, answer) => {
      if (m.type === 'ready' && !sent.current) {
        sent.current = true;
        // A copy for the frame, transferred: the caller's bytes stay valid for a re-mount, nothing is shared.
        const copy = bytes.slice();
        answer({ type: 'open', bytes: copy.buffer, page: 1, budgetMs, ...(highlight ? { highlight } : {}) }, [copy.buffer]);
      } else if (m.type === 'loaded') setPages(m.pages);
      else if (m.type === 'rendered') setRendered((n) => n + 1);
      else if (m.type === 'page') setPage(m.page);
      else if (m.type === 'found') setFind((f) => (f ? { ...f, current: m.current, total: m.total, searching: m.searching } : f));
      else if (m.type === 'key') {
        if (m.key === 'find') openFind();
        else if (m.key === 'escape') closeFind();
        else answer({ type: 'find', query: find?.query ?? '', direction: m.key });
      } else if (m.type === 'copy') {
        // Through the clipboard guard, as every copy from Sakta: it takes the text back after 30 s and at lock.
        call('protection.copy', { text: m.text }).then(
          (r) => setCopied({ kind: 'info', text: t('documents.viewer.copied', { seconds: r.clearsInSeconds }) }),
          (e: unknown) => setCopied({ kind: 'error', text: isApiError(e) ? errorText(t, e) : t('documents.viewer.copyFailed') }),
        );
      } else if (m.type === 'failed') setFailed(m.reason);
      else if (m.type === 'mark') {
        const { type: _type, ...mark } = m;
        setMarks((list) => [...list, mark]);
      }
    },
    !failed,
  );

  function closeFind() {
    setFind(null);
    send({ type: 'find', query: '' });
  }

  // Ctrl+F while the app page (not the frame) has the focus: the same find box.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && (e.key.toLowerCase() === 'f' || e.key.toLowerCase() === 'а')) {
        e.preventDefault();
        openFind();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const go = (n: number) => {
    const next = Math.min(Math.max(1, n), pages);
    setPage(next);
    send({ type: 'page', page: next });
  };
  const zoomTo = (z: number) => {
    setZoom(z);
    send({ type: 'zoom', zoom: z });
  };

  // The frame draws every mark over its own page (each page slot has its overlay), so all of them go, whatever page is in view.
  useEffect(() => {
    if (pages > 0) send({ type: 'redact', on: redacting, marks });
  }, [redacting, marks, pages, send]);

  if (!src) return <Notice kind="error">{t('documents.viewer.pdfFailed')}</Notice>;
  if (failed === 'slow')
    return (
      <Notice kind="error" testId="pdf-slow">
        <p>{t('documents.viewer.pdfSlow', { seconds: Math.round(PDF_PAGE_DRAW_BUDGET_MS / 1000) })}</p>
        <button type="button" className="button-quiet" onClick={onDrawAnyway}>
          {t('documents.viewer.drawAnyway')}
        </button>
      </Notice>
    );
  if (failed) return <Notice kind="error">{t(failed === 'password' ? 'documents.viewer.pdfPassword' : 'documents.viewer.pdfFailed')}</Notice>;
  const zi = ZOOMS.indexOf(zoom as (typeof ZOOMS)[number]);
  return (
    <div
      className="pdf-view"
      data-testid="pdf-view"
      data-rendered={rendered > 0 ? 'true' : 'false'}
      data-page={page}
      data-pages={pages}
      data-find-current={find?.current ?? ''}
      data-find-total={find?.total ?? ''}
    >
      {pages > 0 ? (
        <div className="pdf-toolbar viewer-toolbar" role="toolbar" aria-label={title}>
          <button type="button" className="button-quiet viewer-tool" onClick={() => go(page - 1)} disabled={page <= 1} aria-label={t('documents.viewer.previousPage')}>
            ‹
          </button>
          <span className="nowrap" aria-live="polite">
            {t('documents.viewer.page', { page, pages })}
          </span>
          <button type="button" className="button-quiet viewer-tool" onClick={() => go(page + 1)} disabled={page >= pages} aria-label={t('documents.viewer.nextPage')}>
            ›
          </button>
          <span className="viewer-toolbar-gap" />
          <button type="button" className="button-quiet viewer-tool" onClick={() => zoomTo(ZOOMS[Math.max(0, zi - 1)]!)} disabled={zi <= 0} aria-label={t('documents.viewer.zoomOut')}>
            −
          </button>
          <span className="nowrap">{t('documents.viewer.zoomLevel', { percent: Math.round(zoom * 100) })}</span>
          <button type="button" className="button-quiet viewer-tool" onClick={() => zoomTo(ZOOMS[Math.min(ZOOMS.length - 1, zi + 1)]!)} disabled={zi >= ZOOMS.length - 1} aria-label={t('documents.viewer.zoomIn')}>
            +
          </button>
          <button type="button" className="button-quiet nowrap" onClick={() => zoomTo(1)} aria-pressed={zoom === 1}>
            {t('documents.viewer.fitWidth')}
          </button>
          <span className="viewer-toolbar-fill" />
          <button type="button" className="button-quiet nowrap" onClick={openFind} aria-pressed={find !== null} title={t('documents.viewer.findShortcut')}>
            {t('documents.viewer.find')}
          </button>
          {doc ? (
            <button type="button" className="button-quiet" aria-pressed={redacting} onClick={() => setRedacting((r) => !r)} data-testid="redact-toggle">
              {redacting ? t('documents.redaction.close') : t('documents.redaction.button')}
            </button>
          ) : null}
        </div>
      ) : (
        <p className="busy">{t('documents.viewer.loading')}</p>
      )}
      {doc && redacting ? <RedactPanel doc={doc} kind="pdf" marks={marks} onClear={() => setMarks([])} /> : null}
      {find ? (
        <FindBar
          state={find}
          focus={focusFind}
          onQuery={(query) => {
            setFind({ query, current: 0, total: 0, searching: query.trim() !== '' });
            send({ type: 'find', query });
          }}
          onStep={(direction) => send({ type: 'find', query: find.query, direction })}
          onClose={closeFind}
        />
      ) : null}
      {copied ? (
        <p className={copied.kind === 'error' ? 'field-error' : 'viewer-meta'} role="status" data-testid="pdf-copied">
          {copied.text}
        </p>
      ) : null}
      <iframe
        ref={frameRef}
        className="pdf-frame"
        src={src}
        title={t('documents.viewer.frameTitle', { title })}
        // Its own origin already keeps it from the app; the sandbox also takes away popups, forms,
        // top-level navigation, downloads and modal dialogs.
        sandbox="allow-scripts allow-same-origin"
        referrerPolicy="no-referrer"
      />
    </div>
  );
}
