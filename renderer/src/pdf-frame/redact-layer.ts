import type { PageStack } from './page-stack';

/** An area in PDF points from the page's top-left corner (pdf.js's viewport at scale 1), as the redaction expects. */
export interface PageMark {
  page: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A click is not a mark: at least this many points each way. */
const MIN_POINTS = 2;

/**
 * Redact mode over the page column. Every page slot has an overlay (page-stack.ts); in redact mode the overlays take
 * the pointer (the text layer stops taking it, see pdf-frame.css), a drag on one draws a rectangle, and on release
 * only its coordinates — the page number and the rectangle in that page's PDF points — go to `report`. The marks
 * the app holds come back with `show` and are drawn over their pages, sized from the page's `--total-scale-factor`
 * (CSS pixels per point), so they follow zoom and resizing without being drawn again.
 */
export class RedactLayer {
  private on = false;
  private marks: PageMark[] = [];
  /** Pages whose overlays show marks now: only those are cleared when the marks change. */
  private readonly marked = new Set<number>();
  private stack: PageStack | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly report: (mark: PageMark) => void,
  ) {
    this.listen();
  }

  /** The column is built: marks that came before it are drawn now. */
  attach(stack: PageStack): void {
    this.stack = stack;
    this.draw();
  }

  show(on: boolean, marks: PageMark[]): void {
    this.on = on;
    this.marks = marks;
    document.body.classList.toggle('redacting', on);
    // A selection made before would otherwise stay highlighted under the marks being drawn.
    if (on) document.getSelection()?.removeAllRanges();
    this.draw();
  }

  private draw(): void {
    const stack = this.stack;
    if (!stack) return;
    const byPage = new Map<number, PageMark[]>();
    for (const m of this.marks) byPage.set(m.page, [...(byPage.get(m.page) ?? []), m]);
    for (const n of this.marked) if (!byPage.has(n)) stack.overlayOf(n)?.replaceChildren();
    this.marked.clear();
    for (const [n, list] of byPage) {
      const overlay = stack.overlayOf(n);
      if (!overlay) continue;
      overlay.replaceChildren(...list.map((m) => markBox(m)));
      this.marked.add(n);
    }
  }

  private listen(): void {
    let drag: { overlay: HTMLDivElement; page: number; scale: number; start: { x: number; y: number }; ghost: HTMLDivElement } | null = null;
    const at = (overlay: HTMLElement, e: PointerEvent) => {
      const r = overlay.getBoundingClientRect();
      return { x: Math.min(Math.max(0, e.clientX - r.left), r.width), y: Math.min(Math.max(0, e.clientY - r.top), r.height) };
    };
    // In CSS pixels of the overlay while dragging; divided by the page's scale for the app.
    const rect = (a: { x: number; y: number }, b: { x: number; y: number }) => ({
      x: Math.min(a.x, b.x),
      y: Math.min(a.y, b.y),
      w: Math.abs(a.x - b.x),
      h: Math.abs(a.y - b.y),
    });
    this.root.addEventListener('pointerdown', (e) => {
      const stack = this.stack;
      if (!this.on || !stack || !(e.target instanceof HTMLDivElement)) return;
      const page = stack.pageOfOverlay(e.target);
      if (page === null) return;
      e.preventDefault();
      const overlay = e.target;
      overlay.setPointerCapture(e.pointerId);
      const start = at(overlay, e);
      const ghost = document.createElement('div');
      ghost.className = 'mark drawing';
      place(ghost, { ...start, w: 0, h: 0 });
      overlay.append(ghost);
      drag = { overlay, page, scale: stack.scale(), start, ghost };
    });
    this.root.addEventListener('pointermove', (e) => {
      if (drag) place(drag.ghost, rect(drag.start, at(drag.overlay, e)));
    });
    const end = (e: PointerEvent, keep: boolean) => {
      if (!drag) return;
      const { overlay, page, scale, start, ghost } = drag;
      drag = null;
      ghost.remove();
      const r = rect(start, at(overlay, e));
      const mark = { page, x: r.x / scale, y: r.y / scale, w: r.w / scale, h: r.h / scale };
      if (keep && mark.w >= MIN_POINTS && mark.h >= MIN_POINTS) this.report(mark);
    };
    this.root.addEventListener('pointerup', (e) => end(e, true));
    this.root.addEventListener('pointercancel', (e) => end(e, false));
  }
}

/** A mark in points, placed with the page's CSS pixels per point, so a zoom moves it with the page. */
function markBox(m: PageMark): HTMLDivElement {
  const d = document.createElement('div');
  d.className = 'mark';
  d.style.left = `calc(var(--total-scale-factor) * ${m.x}px)`;
  d.style.top = `calc(var(--total-scale-factor) * ${m.y}px)`;
  d.style.width = `calc(var(--total-scale-factor) * ${m.w}px)`;
  d.style.height = `calc(var(--total-scale-factor) * ${m.h}px)`;
  return d;
}

function place(d: HTMLDivElement, r: { x: number; y: number; w: number; h: number }): void {
  d.style.left = `${r.x}px`;
  d.style.top = `${r.y}px`;
  d.style.width = `${r.w}px`;
  d.style.height = `${r.h}px`;
}
