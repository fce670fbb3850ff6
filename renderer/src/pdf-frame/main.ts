/**
 * The isolated PDF viewer: runs on its own origin (app://pdfview in Electron), without the preload, so
 * nothing a document could make pdf.js do reaches `window.sakta`, the app's DOM or its storage.
 * It receives the decrypted bytes from the app by postMessage (transferred, never in a URL), shows the pages
 * one under the other, drawn as they come into view (page-stack.ts), with a text layer for selection, copy
 * and find (finder.ts), and answers with page counts, the page in view, find counts and copied text only.
 *
 * No annotation or form layer: links, forms and launch actions have nothing to act on; font programs are
 * never eval'd (`isEvalSupported: false`) and the scripting sandbox is never loaded. In redact mode an empty
 * overlay over each page takes the pointer (redact-layer.ts), and only a dragged rectangle's coordinates — page
 * number and PDF points — go back to the app.
 */
import { GlobalWorkerOptions, getDocument, type PDFDocumentLoadingTask, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { COPY_TEXT_MAX, FromFrameSchema, ToFrameSchema, type FromFrame } from '../../../shared/viewer-frame';
import { Finder, markPage, type Hit } from './finder';
import { PageStack } from './page-stack';
import { RedactLayer } from './redact-layer';
import './pdf-frame.css';

// Bundled as an asset of this origin: the frame's CSP allows workers from 'self' only.
GlobalWorkerOptions.workerSrc = workerUrl;

const root = document.getElementById('pages') as HTMLDivElement;
// Chromium tells a frame who embeds it; the frame answers only that origin, and only its parent window.
const parentOrigin = location.ancestorOrigins?.[0] ?? '';

let loading: PDFDocumentLoadingTask | null = null;
let pdf: PDFDocumentProxy | null = null;
let stack: PageStack | null = null;
let finder: Finder | null = null;
let current = 1;
let zoom = 1;
/** A hit asked to be shown whose page was not drawn yet: its mark is revealed when the page is. */
let pendingReveal: Hit | null = null;
const redact = new RedactLayer(root, (mark) => post({ type: 'mark', ...mark }));

function post(message: FromFrame): void {
  window.parent.postMessage(FromFrameSchema.parse(message), parentOrigin);
}

/** Marks on a page as the finder has them now; shows the current hit's mark if it was asked for. */
function remark(page: number): void {
  const text = stack?.textOf(page);
  if (!text || !finder) return;
  const { hits, current: cur } = finder.hitsOn(page);
  const mark = markPage(text.divs, text.strings, hits, cur);
  if (mark && pendingReveal && pendingReveal === cur) {
    pendingReveal = null;
    stack?.reveal(mark, page);
  }
}

async function open(bytes: ArrayBuffer, page: number, budget: number | null, highlight: string | undefined): Promise<void> {
  loading = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    enableXfa: false,
    useSystemFonts: false,
    disableAutoFetch: true,
    stopAtErrors: false,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await loading.promise;
  } catch (e) {
    return post({ type: 'failed', reason: (e as { name?: string }).name === 'PasswordException' ? 'password' : 'invalid' });
  }
  pdf = doc;
  const pages = new PageStack(root, doc, budget, {
    rendered: (n) => post({ type: 'rendered', page: n }),
    page: (n) => {
      current = n;
      post({ type: 'page', page: n });
    },
    slow: () => post({ type: 'failed', reason: 'slow' }),
    failed: () => post({ type: 'failed', reason: 'render' }),
    decorate: (n) => remark(n),
  });
  stack = pages;
  finder = new Finder(doc, pages.pages, {
    found: (query, at, total, searching) => post({ type: 'found', query, current: at, total, searching }),
    show: (hit) => {
      pendingReveal = hit;
      const text = stack?.textOf(hit.page);
      if (text) remark(hit.page);
      if (pendingReveal) stack?.goTo(hit.page);
    },
    remark: (list) => list.forEach(remark),
  });
  try {
    await pages.build();
  } catch {
    return post({ type: 'failed', reason: 'invalid' });
  }
  redact.attach(pages);
  post({ type: 'loaded', pages: doc.numPages });
  current = Math.min(Math.max(1, page), pages.pages);
  pages.goTo(current);
  // Opened from a search hit: its words marked, the view at the first page that has them.
  if (highlight) void finder.start(highlight, 'words', current);
}

function onKey(e: KeyboardEvent): void {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && (key === 'f' || key === 'а')) post({ type: 'key', key: 'find' });
  else if (e.key === 'F3' || (mod && (key === 'g' || key === 'п'))) post({ type: 'key', key: e.shiftKey ? 'previous' : 'next' });
  else if (e.key === 'Escape' && finder?.active) post({ type: 'key', key: 'escape' });
  else return;
  e.preventDefault();
}

/**
 * A copy of selected text goes through the app (and so the clipboard guard, which takes it back after 30 s
 * and at lock), never straight to the system clipboard from here.
 */
function onCopy(e: ClipboardEvent): void {
  const text = document.getSelection()?.toString().slice(0, COPY_TEXT_MAX) ?? '';
  e.preventDefault();
  if (text.trim()) post({ type: 'copy', text });
}

if (window.parent !== window && parentOrigin) {
  let opened = false;
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== parentOrigin) return;
    const msg = ToFrameSchema.safeParse(event.data);
    if (!msg.success) return;
    const m = msg.data;
    if (m.type === 'open') {
      // One document per frame: the app makes a new frame for every document (and for "Draw it anyway").
      if (opened) return;
      opened = true;
      void open(m.bytes, m.page, m.budgetMs, m.highlight);
    } else if (m.type === 'page') {
      if (m.page !== current) stack?.goTo(m.page);
    } else if (m.type === 'zoom') {
      if (m.zoom === zoom) return;
      zoom = m.zoom;
      stack?.setZoom(zoom);
    } else if (m.type === 'redact') {
      redact.show(m.on, m.marks);
    } else if (finder) {
      if (m.direction) finder.step(m.direction);
      else void finder.start(m.query, 'phrase', current);
    }
  });
  window.addEventListener('keydown', onKey);
  document.addEventListener('copy', onCopy);
  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => stack?.relayout(), 150);
  });
  window.addEventListener('pagehide', () => {
    stack?.stop();
    void pdf?.destroy();
    void loading?.destroy();
  });
  post({ type: 'ready' });
}
