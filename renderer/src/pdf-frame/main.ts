/**
 * The isolated PDF viewer: runs on its own origin (app://pdfview in Electron), without the preload, so
 * nothing a document could make pdf.js do reaches `window.sakta`, the app's DOM or its storage.
 * It receives the decrypted bytes from the app by postMessage (transferred, never in a URL), draws one
 * page at a time to a canvas, and answers with page counts and sizes only.
 *
 * Only the canvas renderer is used: no annotation, form or text layer, so links, forms and launch
 * actions have nothing to act on; font programs are never eval'd (`isEvalSupported: false`) and the
 * scripting sandbox is never loaded.
 */
import { GlobalWorkerOptions, getDocument, type PDFDocumentLoadingTask, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { FromFrameSchema, ToFrameSchema, type FromFrame } from '../../../shared/viewer-frame';
import './pdf-frame.css';

// Bundled as an asset of this origin: the frame's CSP allows workers from 'self' only.
GlobalWorkerOptions.workerSrc = workerUrl;

const canvas = document.getElementById('page') as HTMLCanvasElement;
// Chromium tells a frame who embeds it; the frame answers only that origin, and only its parent window.
const parentOrigin = location.ancestorOrigins?.[0] ?? '';

let loading: PDFDocumentLoadingTask | null = null;
let pdf: PDFDocumentProxy | null = null;
let pageNo = 1;
let zoom = 1;
let rendering: RenderTask | null = null;
let generation = 0;
let budgetMs: number | null = null;

function post(message: FromFrame): void {
  window.parent.postMessage(FromFrameSchema.parse(message), parentOrigin);
}

async function open(bytes: ArrayBuffer, page: number, budget: number | null): Promise<void> {
  const mine = ++generation;
  budgetMs = budget;
  await close();
  loading = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    enableXfa: false,
    useSystemFonts: false,
    disableAutoFetch: true,
    stopAtErrors: false,
  });
  try {
    const doc = await loading.promise;
    if (mine !== generation) return void doc.destroy();
    pdf = doc;
    pageNo = Math.min(Math.max(1, page), doc.numPages);
    post({ type: 'loaded', pages: doc.numPages });
    await draw();
  } catch (e) {
    if (mine === generation) post({ type: 'failed', reason: (e as { name?: string }).name === 'PasswordException' ? 'password' : 'invalid' });
  }
}

async function close(): Promise<void> {
  rendering?.cancel();
  rendering = null;
  const doc = pdf;
  const task = loading;
  pdf = null;
  loading = null;
  await doc?.destroy();
  await task?.destroy();
}

let drawing: Promise<void> | null = null;
let drawAgain = false;

/**
 * One render at a time: pdf.js refuses two render() calls on the same canvas, and page or zoom requests can
 * arrive while a page is being drawn. A request during a render cancels it and draws once more after it.
 */
function draw(): Promise<void> {
  if (drawing) {
    drawAgain = true;
    rendering?.cancel();
    return drawing;
  }
  drawing = (async () => {
    do {
      drawAgain = false;
      await drawOnce();
    } while (drawAgain);
  })().finally(() => (drawing = null));
  return drawing;
}

async function drawOnce(): Promise<void> {
  const doc = pdf;
  if (!doc) return;
  const mine = generation;
  try {
    const p = await doc.getPage(pageNo);
    if (mine !== generation || doc !== pdf || drawAgain) return;
    const base = p.getViewport({ scale: 1 });
    const cssWidth = Math.max(200, document.documentElement.clientWidth) * zoom;
    const scale = cssWidth / base.width;
    const ratio = window.devicePixelRatio || 1;
    const viewport = p.getViewport({ scale: scale * ratio });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
    canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const task = p.render({ canvas, canvasContext: ctx, viewport });
    rendering = task;
    // Past the budget the render is cancelled (pdf.js then stops building its operator list in the worker).
    let slow = false;
    const watchdog = budgetMs === null ? 0 : window.setTimeout(() => {
      slow = true;
      task.cancel();
    }, budgetMs);
    try {
      await task.promise;
    } catch (e) {
      if (slow && mine === generation) return void post({ type: 'failed', reason: 'slow' });
      throw e;
    } finally {
      clearTimeout(watchdog);
    }
    rendering = null;
    if (mine === generation && !drawAgain) post({ type: 'rendered', page: pageNo, height: Math.ceil(viewport.height / ratio) });
  } catch (e) {
    rendering = null;
    // A cancelled render is a newer request taking over, not a failure.
    if ((e as { name?: string }).name !== 'RenderingCancelledException' && mine === generation && !drawAgain) post({ type: 'failed', reason: 'render' });
  }
}

if (window.parent !== window && parentOrigin) {
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== parentOrigin) return;
    const msg = ToFrameSchema.safeParse(event.data);
    if (!msg.success) return;
    const m = msg.data;
    if (m.type === 'open') void open(m.bytes, m.page, m.budgetMs);
    else if (m.type === 'page') {
      const next = pdf ? Math.min(m.page, pdf.numPages) : m.page;
      if (next === pageNo) return;
      pageNo = next;
      void draw();
    } else {
      if (m.zoom === zoom) return;
      zoom = m.zoom;
      void draw();
    }
  });
  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => void draw(), 150);
  });
  post({ type: 'ready' });
}
