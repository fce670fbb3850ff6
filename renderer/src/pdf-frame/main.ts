/**
 * The isolated PDF viewer: runs on its own origin (app://pdfview in Electron), without the preload, so
 * nothing a document could make pdf.js do reaches `window.sakta`, the app's DOM or its storage.
 * It receives the decrypted bytes from the app by postMessage (transferred, never in a URL), draws one
 * page at a time to a canvas, and answers with page counts and sizes only.
 *
 * Only the canvas renderer is used: no annotation, form or text layer, so links, forms and launch
 * actions have nothing to act on (in redact mode an empty layer over the canvas takes the pointer, and only the
 * dragged rectangle's coordinates go back to the app); font programs are never eval'd (`isEvalSupported: false`) and the
 * scripting sandbox is never loaded.
 */
import { GlobalWorkerOptions, getDocument, type PDFDocumentLoadingTask, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { FromFrameSchema, ToFrameSchema, type FromFrame } from '../../../shared/viewer-frame';
import './pdf-frame.css';

// Bundled as an asset of this origin: the frame's CSP allows workers from 'self' only.
GlobalWorkerOptions.workerSrc = workerUrl;

const canvas = document.getElementById('page') as HTMLCanvasElement;
const overlay = document.getElementById('marks') as HTMLDivElement;
// Chromium tells a frame who embeds it; the frame answers only that origin, and only its parent window.
const parentOrigin = location.ancestorOrigins?.[0] ?? '';

let loading: PDFDocumentLoadingTask | null = null;
let pdf: PDFDocumentProxy | null = null;
let pageNo = 1;
let zoom = 1;
let rendering: RenderTask | null = null;
let generation = 0;
let budgetMs: number | null = null;
/** CSS pixels per PDF point of the page drawn last: marks go back to the app in points. */
let cssScale = 1;
let redactOn = false;
let shownMarks: { x: number; y: number; w: number; h: number }[] = [];

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
    cssScale = scale;
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
    drawMarks();
    if (mine === generation && !drawAgain) post({ type: 'rendered', page: pageNo, height: Math.ceil(viewport.height / ratio) });
  } catch (e) {
    rendering = null;
    // A cancelled render is a newer request taking over, not a failure.
    if ((e as { name?: string }).name !== 'RenderingCancelledException' && mine === generation && !drawAgain) post({ type: 'failed', reason: 'render' });
  }
}

function box(r: { x: number; y: number; w: number; h: number }, cls: string): HTMLDivElement {
  const d = document.createElement('div');
  d.className = cls;
  d.style.left = `${r.x * cssScale}px`;
  d.style.top = `${r.y * cssScale}px`;
  d.style.width = `${r.w * cssScale}px`;
  d.style.height = `${r.h * cssScale}px`;
  return d;
}

/** The marks of the shown page, at the current zoom. */
function drawMarks(): void {
  overlay.classList.toggle('redacting', redactOn);
  overlay.replaceChildren(...shownMarks.map((m) => box(m, 'mark')));
}

/** Dragging in redact mode: the rectangle follows the pointer; on release it goes to the app in PDF points. */
function listenForMarks(): void {
  let start: { x: number; y: number } | null = null;
  let ghost: HTMLDivElement | null = null;
  const at = (e: PointerEvent) => {
    const r = overlay.getBoundingClientRect();
    return { x: Math.min(Math.max(0, e.clientX - r.left), r.width), y: Math.min(Math.max(0, e.clientY - r.top), r.height) };
  };
  const rect = (a: { x: number; y: number }, b: { x: number; y: number }) => ({
    x: Math.min(a.x, b.x) / cssScale,
    y: Math.min(a.y, b.y) / cssScale,
    w: Math.abs(a.x - b.x) / cssScale,
    h: Math.abs(a.y - b.y) / cssScale,
  });
  overlay.addEventListener('pointerdown', (e) => {
    if (!redactOn) return;
    overlay.setPointerCapture(e.pointerId);
    start = at(e);
    ghost = box({ ...rect(start, start) }, 'mark drawing');
    overlay.append(ghost);
  });
  overlay.addEventListener('pointermove', (e) => {
    if (!start || !ghost) return;
    const r = rect(start, at(e));
    ghost.style.left = `${r.x * cssScale}px`;
    ghost.style.top = `${r.y * cssScale}px`;
    ghost.style.width = `${r.w * cssScale}px`;
    ghost.style.height = `${r.h * cssScale}px`;
  });
  overlay.addEventListener('pointerup', (e) => {
    if (!start) return;
    const r = rect(start, at(e));
    start = null;
    ghost?.remove();
    ghost = null;
    // A click is not a mark: at least 2 points each way.
    if (r.w >= 2 && r.h >= 2) post({ type: 'mark', page: pageNo, ...r });
  });
}

if (window.parent !== window && parentOrigin) {
  listenForMarks();
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== parentOrigin) return;
    const msg = ToFrameSchema.safeParse(event.data);
    if (!msg.success) return;
    const m = msg.data;
    if (m.type === 'open') void open(m.bytes, m.page, m.budgetMs);
    else if (m.type === 'redact') {
      redactOn = m.on;
      shownMarks = m.marks;
      drawMarks();
    } else if (m.type === 'page') {
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
