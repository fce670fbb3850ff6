import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { Notice } from '../../components/Notice';

// Bundled as a same-origin asset: CSP `script-src 'self'` (the fallback for workers) allows it.
GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * A PDF drawn to a canvas, one page at a time. Only the canvas renderer is used: no annotation or
 * text layer, so links, forms and launch actions have nothing to act on; pdf.js never evals font
 * programs (`isEvalSupported: false`) and its scripting sandbox is never loaded.
 */
export function PdfView({ bytes, title }: { bytes: Uint8Array; title: string }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [failed, setFailed] = useState(false);
  const [rendered, setRendered] = useState(0);

  useEffect(() => {
    let live = true;
    // pdf.js transfers the buffer to its worker: give it a copy so the caller's bytes stay usable.
    const task = getDocument({
      data: bytes.slice(),
      isEvalSupported: false,
      enableXfa: false,
      useSystemFonts: false,
      disableAutoFetch: true,
      stopAtErrors: false,
    });
    task.promise.then(
      (doc) => {
        if (live) setPdf(doc);
        else void doc.destroy();
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      void task.destroy();
    };
  }, [bytes]);

  useEffect(() => {
    if (!pdf || !canvasRef.current) return;
    let task: RenderTask | null = null;
    let live = true;
    const canvas = canvasRef.current;
    void pdf.getPage(page).then(
      (p) => {
        if (!live) return;
        const base = p.getViewport({ scale: 1 });
        const width = Math.min(canvas.parentElement?.clientWidth ?? 900, 1100);
        const ratio = window.devicePixelRatio || 1;
        const viewport = p.getViewport({ scale: (width / base.width) * ratio });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        const ctx = canvas.getContext('2d');
        if (!ctx) return;
        task = p.render({ canvas, canvasContext: ctx, viewport });
        task.promise.then(
          () => live && setRendered((n) => n + 1),
          () => undefined,
        );
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      task?.cancel();
    };
  }, [pdf, page]);

  useEffect(() => () => void pdf?.destroy(), [pdf]);

  if (failed) return <Notice kind="error">{t('documents.viewer.pdfFailed')}</Notice>;
  const pages = pdf?.numPages ?? 0;
  return (
    <div className="pdf-view" data-testid="pdf-view" data-rendered={rendered > 0 ? 'true' : 'false'} data-page={page}>
      {pages > 0 ? (
        <div className="pdf-toolbar">
          <button type="button" className="button-quiet" onClick={() => setPage((n) => Math.max(1, n - 1))} disabled={page <= 1} aria-label="←">
            ‹
          </button>
          <span aria-live="polite">{t('documents.viewer.page', { page, pages })}</span>
          <button type="button" className="button-quiet" onClick={() => setPage((n) => Math.min(pages, n + 1))} disabled={page >= pages} aria-label="→">
            ›
          </button>
        </div>
      ) : (
        <p className="busy">{t('documents.viewer.loading')}</p>
      )}
      <div className="pdf-page">
        <canvas ref={canvasRef} role="img" aria-label={`${title} — ${t('documents.viewer.pageLabel', { page })}`} />
      </div>
    </div>
  );
}
