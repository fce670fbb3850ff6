/**
 * The isolated media viewer: runs on its own origin (app://mediaview in Electron), without the preload, so
 * nothing a crafted image, recording or video could make Chromium's decoders do reaches `window.sakta`, the
 * app's DOM or its storage. Its CSP allows no connections at all, images from this frame's blob: URLs only,
 * and media from this origin only, where `media/<token>` is the one stream the app granted.
 *
 * - An image arrives as bytes (transferred by postMessage): a blob: URL is made here, the header is read, an
 *   image over FRAME_IMAGE_MAX_PIXELS is refused before it is decoded, and the URL is revoked once decoded.
 *   Zoom (toolbar, Ctrl+wheel or pinch, + − 0 1 keys, double-click) and pan (drag, scroll, arrow keys) are
 *   done here; the app's toolbar is told the scale.
 * - Audio and video arrive as a capability token: the player asks this origin for byte ranges, which the main
 *   process decrypts chunk by chunk, so seeking near the end decrypts only what is played.
 *
 * One document per frame: the app makes a new frame for every document it shows.
 */
import { FRAME_IMAGE_MAX_PIXELS, FromMediaFrameSchema, ToMediaFrameSchema, type FromMediaFrame, type ToMediaFrame } from '../../../shared/media-frame';
import { MEDIA_PATH_PREFIX } from '../../../shared/origins';
import './media-frame.css';

const stage = document.getElementById('stage') as HTMLDivElement;
// Chromium tells a frame who embeds it; the frame answers only that origin, and only its parent window.
const parentOrigin = location.ancestorOrigins?.[0] ?? '';

function post(message: FromMediaFrame): void {
  window.parent.postMessage(FromMediaFrameSchema.parse(message), parentOrigin);
}

let opened = false;

// --- images --------------------------------------------------------------------------------------

/** Zoom stops, as a share of the image's own pixels; "fit" is wherever the frame's size puts it. */
const STEPS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.25, 1.5, 2, 3, 4, 6, 8];
/** Room around the picture (the plate's padding), so its edge is never glued to the frame's. */
const PAD = 16;

let img: HTMLImageElement | null = null;
let natW = 0;
let natH = 0;
let scale = 1;
let fitMode = true;
let lastReport = '';

const fitScale = () => Math.min(1, Math.max(1, stage.clientWidth - 2 * PAD) / natW, Math.max(1, stage.clientHeight - 2 * PAD) / natH);
/** Up to 800 %, and never an element wider than 32,000 CSS pixels (what Chromium paints without trouble). */
const maxScale = () => Math.max(1, Math.min(8, 32_000 / Math.max(natW, natH)));
const minScale = () => Math.min(STEPS[0]!, fitScale());

function report(): void {
  const m: FromMediaFrame = {
    type: 'zoom',
    percent: Math.max(0.1, Math.round(scale * 1000) / 10),
    fit: fitMode,
    canZoomIn: scale < maxScale() - 1e-6,
    canZoomOut: scale > minScale() + 1e-6,
  };
  const key = JSON.stringify(m);
  if (key === lastReport) return;
  lastReport = key;
  post(m);
}

function layout(): void {
  if (!img) return;
  img.style.width = `${Math.max(1, Math.round(natW * scale))}px`;
  img.style.height = `${Math.max(1, Math.round(natH * scale))}px`;
  img.classList.toggle('pixels', scale > 2);
  drawMarks();
  stage.classList.toggle('pannable', stage.scrollWidth > stage.clientWidth + 1 || stage.scrollHeight > stage.clientHeight + 1);
}

/** Sets the scale keeping the picture's point under `anchor` (frame coordinates; default its centre) in place. */
function zoomTo(next: number, anchor?: { x: number; y: number }): void {
  if (!img) return;
  const target = Math.min(maxScale(), Math.max(minScale(), next));
  const ax = anchor?.x ?? stage.clientWidth / 2;
  const ay = anchor?.y ?? stage.clientHeight / 2;
  const before = img.getBoundingClientRect();
  const px = (ax - before.left) / scale;
  const py = (ay - before.top) / scale;
  scale = target;
  layout();
  const after = img.getBoundingClientRect();
  stage.scrollLeft += after.left + px * scale - ax;
  stage.scrollTop += after.top + py * scale - ay;
  layout();
  report();
}

function fit(): void {
  fitMode = true;
  zoomTo(fitScale());
  stage.scrollLeft = 0;
  stage.scrollTop = 0;
  report();
}

function zoomStep(direction: 'in' | 'out', anchor?: { x: number; y: number }): void {
  fitMode = false;
  const next = direction === 'in' ? (STEPS.find((s) => s > scale * 1.001) ?? maxScale()) : ([...STEPS].reverse().find((s) => s < scale / 1.001) ?? minScale());
  zoomTo(next, anchor);
}

function zoom(action: Extract<ToMediaFrame, { type: 'zoom' }>['action']): void {
  if (!img) return;
  if (action === 'fit') return fit();
  if (action === 'actual') {
    fitMode = false;
    return zoomTo(1);
  }
  zoomStep(action);
}

async function showImage(bytes: ArrayBuffer, mime: string, label: string): Promise<void> {
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const el = new Image();
  el.alt = label;
  el.draggable = false;
  el.decoding = 'async';
  el.dataset.testid = 'image-view';
  try {
    // `load` means the header was read (the size is known) but not yet that the pixels were decoded.
    await new Promise<void>((resolve, reject) => {
      el.onload = () => resolve();
      el.onerror = () => reject(new Error('invalid'));
      el.src = url;
    });
    const w = el.naturalWidth;
    const h = el.naturalHeight;
    if (!w || !h) return post({ type: 'failed', reason: 'invalid' });
    if (w * h > FRAME_IMAGE_MAX_PIXELS) return post({ type: 'failed', reason: 'large', width: Math.min(w, 1_000_000), height: Math.min(h, 1_000_000) });
    await el.decode();
    natW = w;
    natH = h;
  } catch {
    return post({ type: 'failed', reason: 'invalid' });
  } finally {
    // The decoded picture stays with the element; the URL (and the blob behind it) need not outlive the decode.
    URL.revokeObjectURL(url);
  }
  document.body.classList.add('image');
  const plate = document.createElement('div');
  plate.id = 'plate';
  const sheet = document.createElement('div');
  sheet.id = 'sheet';
  sheet.append(el, overlay);
  plate.append(sheet);
  stage.append(plate);
  stage.tabIndex = 0;
  stage.setAttribute('role', 'group');
  stage.setAttribute('aria-label', label);
  img = el;
  scale = fitScale();
  fitMode = true;
  layout();
  post({ type: 'image', width: natW, height: natH });
  report();
  installImageControls();
}

// --- redact mode (images) ---------------------------------------------------------------------------

const overlay = document.createElement('div');
overlay.id = 'marks';
let redactOn = false;
let shownMarks: { x: number; y: number; w: number; h: number }[] = [];

function box(r: { x: number; y: number; w: number; h: number }, cls: string): HTMLDivElement {
  const d = document.createElement('div');
  d.className = cls;
  d.style.left = `${r.x * scale}px`;
  d.style.top = `${r.y * scale}px`;
  d.style.width = `${r.w * scale}px`;
  d.style.height = `${r.h * scale}px`;
  return d;
}

function drawMarks(): void {
  overlay.classList.toggle('redacting', redactOn);
  overlay.replaceChildren(...shownMarks.map((m) => box(m, 'mark')));
}

/** In redact mode a drag over the picture marks an area (in its own pixels) instead of panning. */
function installMarking(): void {
  let start: { x: number; y: number } | null = null;
  let ghost: HTMLDivElement | null = null;
  const at = (e: PointerEvent) => {
    const r = overlay.getBoundingClientRect();
    return { x: Math.min(Math.max(0, e.clientX - r.left), r.width) / scale, y: Math.min(Math.max(0, e.clientY - r.top), r.height) / scale };
  };
  const rect = (a: { x: number; y: number }, b: { x: number; y: number }) => ({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) });
  overlay.addEventListener('pointerdown', (e) => {
    if (!redactOn || e.button !== 0) return;
    // Not a pan: the stage below must not see this press.
    e.stopPropagation();
    overlay.setPointerCapture(e.pointerId);
    start = at(e);
    ghost = box(rect(start, start), 'mark drawing');
    overlay.append(ghost);
  });
  overlay.addEventListener('pointermove', (e) => {
    if (!start || !ghost) return;
    const r = rect(start, at(e));
    ghost.style.left = `${r.x * scale}px`;
    ghost.style.top = `${r.y * scale}px`;
    ghost.style.width = `${r.w * scale}px`;
    ghost.style.height = `${r.h * scale}px`;
  });
  overlay.addEventListener('pointerup', (e) => {
    if (!start) return;
    e.stopPropagation();
    const r = rect(start, at(e));
    start = null;
    ghost?.remove();
    ghost = null;
    // A click is not a mark: at least 2 pixels each way.
    if (r.w >= 2 && r.h >= 2) post({ type: 'mark', ...r });
  });
}

function installImageControls(): void {
  installMarking();
  // Ctrl+wheel (and a touchpad pinch, which Chromium sends as Ctrl+wheel) zooms at the pointer; a plain wheel scrolls.
  stage.addEventListener(
    'wheel',
    (e) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      fitMode = false;
      const factor = Math.min(2, Math.max(0.5, Math.exp(-e.deltaY * 0.002)));
      zoomTo(scale * factor, { x: e.clientX, y: e.clientY });
    },
    { passive: false },
  );

  // Drag to pan when the picture is larger than the frame.
  let drag: { id: number; x: number; y: number; left: number; top: number } | null = null;
  stage.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || !stage.classList.contains('pannable')) return;
    // A press on a scrollbar (outside the client area) drags the scrollbar, not the picture.
    if (e.clientX >= stage.clientWidth || e.clientY >= stage.clientHeight) return;
    drag = { id: e.pointerId, x: e.clientX, y: e.clientY, left: stage.scrollLeft, top: stage.scrollTop };
    stage.setPointerCapture(e.pointerId);
    stage.classList.add('panning');
  });
  stage.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    stage.scrollLeft = drag.left - (e.clientX - drag.x);
    stage.scrollTop = drag.top - (e.clientY - drag.y);
  });
  const endDrag = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.id) return;
    drag = null;
    stage.classList.remove('panning');
    if (stage.hasPointerCapture(e.pointerId)) stage.releasePointerCapture(e.pointerId);
  };
  stage.addEventListener('pointerup', endDrag);
  stage.addEventListener('pointercancel', endDrag);

  // Double-click: from "fit" to the image's own pixels (or twice that, for a small image) at that point; back again.
  stage.addEventListener('dblclick', (e) => {
    const at = { x: e.clientX, y: e.clientY };
    if (!fitMode) return fit();
    fitMode = false;
    zoomTo(fitScale() < 1 ? 1 : 2, at);
  });

  // Keys while the frame has focus; the arrows and Page Up/Down scroll the stage as usual.
  stage.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const action = { '+': 'in', '=': 'in', '-': 'out', _: 'out', '0': 'fit', '1': 'actual' }[e.key] as 'in' | 'out' | 'fit' | 'actual' | undefined;
    if (!action) return;
    e.preventDefault();
    zoom(action);
  });

  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => (fitMode ? fit() : (layout(), report())), 100);
  });
}

// --- audio and video -----------------------------------------------------------------------------

function showStream(kind: 'audio' | 'video', token: string, label: string): void {
  const el = document.createElement(kind);
  el.controls = true;
  el.preload = 'metadata';
  // No casting to TVs or speakers on the network, no download button, no picture-in-picture window.
  el.disableRemotePlayback = true;
  // No fullscreen either: the window refuses the permission, so the button would only sit there disabled.
  el.setAttribute('controlsList', 'nodownload noremoteplayback nofullscreen');
  if (el instanceof HTMLVideoElement) el.disablePictureInPicture = true;
  el.setAttribute('aria-label', label);
  el.dataset.testid = 'media-view';
  let failed = false;
  el.addEventListener(
    'loadedmetadata',
    () => {
      const video = el instanceof HTMLVideoElement ? el : null;
      post({
        type: 'stream',
        kind,
        duration: Number.isFinite(el.duration) ? Math.min(el.duration, 1e9) : null,
        width: Math.min(video?.videoWidth ?? 0, 1_000_000),
        height: Math.min(video?.videoHeight ?? 0, 1_000_000),
      });
    },
    { once: true },
  );
  el.addEventListener('error', () => {
    if (failed) return;
    failed = true;
    post({ type: 'failed', reason: 'unplayable' });
  });
  document.body.classList.add(kind);
  // This origin's own path: the token is all the frame was given, and its CSP allows no other media source.
  el.src = `${MEDIA_PATH_PREFIX}${token}`;
  stage.append(el);
}

// --- the channel to the app ----------------------------------------------------------------------

if (window.parent !== window && parentOrigin) {
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== parentOrigin) return;
    const msg = ToMediaFrameSchema.safeParse(event.data);
    if (!msg.success) return;
    const m = msg.data;
    if (m.type === 'zoom') return zoom(m.action);
    if (m.type === 'redact') {
      redactOn = m.on;
      shownMarks = m.marks;
      return drawMarks();
    }
    if (opened) return;
    opened = true;
    if (m.type === 'image') void showImage(m.bytes, m.mime, m.label);
    else showStream(m.kind, m.token, m.label);
  });
  post({ type: 'ready' });
}
