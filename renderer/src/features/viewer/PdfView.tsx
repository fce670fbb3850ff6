import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../shared/schemas/document';
import type { RedactionMark } from '../../../../shared/schemas/redaction';
import { FromFrameSchema, PDF_PAGE_DRAW_BUDGET_MS, type ToFrame } from '../../../../shared/viewer-frame';
import { viewerFrameUrl } from '../../api/client';
import { Notice } from '../../components/Notice';
import { RedactPanel } from './RedactPanel';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
/** The frame's body pads the page by 4 px above and below (room for its shadow). */
const FRAME_PADDING = 8;

/**
 * A PDF, drawn by pdf.js inside an iframe of another origin that has no preload (see renderer/src/pdf-frame).
 * This component only keeps the toolbar and hands the decrypted bytes over: they are transferred, so once
 * the frame has them the app's copy is gone. The frame answers with page counts and sizes, parsed by zod.
 */
export function PdfView({ bytes, title, doc }: { bytes: Uint8Array; title: string; doc?: DocumentInfo }) {
  // A page over the drawing budget stops with an explanation; "Draw it anyway" opens it again without one.
  const [unlimited, setUnlimited] = useState(false);
  return <PdfFrameView key={unlimited ? 'unlimited' : 'budget'} bytes={bytes} title={title} doc={doc} budgetMs={unlimited ? null : PDF_PAGE_DRAW_BUDGET_MS} onDrawAnyway={() => setUnlimited(true)} />;
}

function PdfFrameView({ bytes, title, doc, budgetMs, onDrawAnyway }: { bytes: Uint8Array; title: string; doc?: DocumentInfo; budgetMs: number | null; onDrawAnyway: () => void }) {
  const { t } = useTranslation();
  const frameRef = useRef<HTMLIFrameElement>(null);
  const [pages, setPages] = useState(0);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState<number>(1);
  const [height, setHeight] = useState(0);
  const [rendered, setRendered] = useState(0);
  const [failed, setFailed] = useState<null | 'invalid' | 'password' | 'render' | 'slow'>(null);
  // Redact mode: the frame reports dragged areas (coordinates only); they are kept here until "Make".
  const [redacting, setRedacting] = useState(false);
  const [marks, setMarks] = useState<RedactionMark[]>([]);
  const src = viewerFrameUrl();
  const frameOrigin = src ? new URL(src).origin : '';

  // Talk to the frame: only messages from this iframe's window and its origin, in the frame protocol's shapes.
  useEffect(() => {
    const frame = frameRef.current;
    if (!frame || !src) return;
    let sent = false;
    const send = (m: ToFrame, transfer: Transferable[] = []) => frame.contentWindow?.postMessage(m, frameOrigin, transfer);
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || event.origin !== frameOrigin) return;
      const msg = FromFrameSchema.safeParse(event.data);
      if (!msg.success) return;
      const m = msg.data;
      if (m.type === 'ready' && !sent) {
        sent = true;
        // A copy for the frame, transferred: the caller's bytes stay valid for a re-mount, nothing is shared.
        const copy = bytes.slice();
        send({ type: 'open', bytes: copy.buffer, page: 1, budgetMs }, [copy.buffer]);
      } else if (m.type === 'loaded') setPages(m.pages);
      else if (m.type === 'rendered') {
        setHeight(m.height + FRAME_PADDING);
        setRendered((n) => n + 1);
      } else if (m.type === 'failed') setFailed(m.reason);
      else if (m.type === 'mark') {
        const { type: _type, ...mark } = m;
        setMarks((list) => [...list, mark]);
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [bytes, src, frameOrigin, budgetMs]);

  useEffect(() => {
    if (pages > 0) frameRef.current?.contentWindow?.postMessage({ type: 'page', page } satisfies ToFrame, frameOrigin);
  }, [page, pages, frameOrigin]);
  useEffect(() => {
    if (pages > 0) frameRef.current?.contentWindow?.postMessage({ type: 'zoom', zoom } satisfies ToFrame, frameOrigin);
  }, [zoom, pages, frameOrigin]);

  useEffect(() => {
    if (pages > 0) {
      const shown = marks.filter((m) => m.page === page).map(({ x, y, w, h }) => ({ x, y, w, h }));
      frameRef.current?.contentWindow?.postMessage({ type: 'redact', on: redacting, marks: shown } satisfies ToFrame, frameOrigin);
    }
  }, [redacting, marks, page, pages, frameOrigin, rendered]);

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
    <div className="pdf-view" data-testid="pdf-view" data-rendered={rendered > 0 ? 'true' : 'false'} data-page={page} data-pages={pages}>
      {pages > 0 ? (
        <div className="pdf-toolbar" role="toolbar" aria-label={title}>
          <button type="button" className="button-quiet" onClick={() => setPage((n) => Math.max(1, n - 1))} disabled={page <= 1} aria-label={t('documents.viewer.previousPage')}>
            ‹
          </button>
          <span aria-live="polite">{t('documents.viewer.page', { page, pages })}</span>
          <button type="button" className="button-quiet" onClick={() => setPage((n) => Math.min(pages, n + 1))} disabled={page >= pages} aria-label={t('documents.viewer.nextPage')}>
            ›
          </button>
          <span className="pdf-toolbar-gap" />
          <button type="button" className="button-quiet" onClick={() => setZoom(ZOOMS[Math.max(0, zi - 1)]!)} disabled={zi <= 0} aria-label={t('documents.viewer.zoomOut')}>
            −
          </button>
          <span>{t('documents.viewer.zoomLevel', { percent: Math.round(zoom * 100) })}</span>
          <button type="button" className="button-quiet" onClick={() => setZoom(ZOOMS[Math.min(ZOOMS.length - 1, zi + 1)]!)} disabled={zi >= ZOOMS.length - 1} aria-label={t('documents.viewer.zoomIn')}>
            +
          </button>
          <button type="button" className="button-quiet" onClick={() => setZoom(1)} disabled={zoom === 1}>
            {t('documents.viewer.fitWidth')}
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
      <iframe
        ref={frameRef}
        className="pdf-frame"
        src={src}
        title={t('documents.viewer.frameTitle', { title })}
        // Its own origin already keeps it from the app; the sandbox also takes away popups, forms,
        // top-level navigation, downloads and modal dialogs.
        sandbox="allow-scripts allow-same-origin"
        referrerPolicy="no-referrer"
        style={{ height: height > 0 ? `${height}px` : '60vh' }}
      />
    </div>
  );
}
