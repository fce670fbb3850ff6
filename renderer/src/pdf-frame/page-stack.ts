import { TextLayer, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';

/**
 * The pages of one PDF, one under the other, scrolled continuously. Every page has a placeholder of its size
 * from the start (so the scroll bar is right), but a page is drawn only when it comes near the view
 * (IntersectionObserver), one at a time, and its canvas is let go again when it is far away: a 500-page
 * file draws the few pages being read, never all of them.
 *
 * Each drawn page gets pdf.js's text layer (transparent text over the canvas) for selection, copy and find
 * marks. Still no annotation or form layer: links and forms have nothing to act on.
 */

/** Space around and between pages, in CSS pixels. */
const GAP = 12;
/** Drawn pages out of view are kept this many pages either side of the page being read; farther ones are let go. */
const KEEP_DISTANCE = 3;
/** More placeholders than this would only slow the page down; a file claiming more shows its first ones. */
export const MAX_PAGES_SHOWN = 50_000;

interface Slot {
  el: HTMLDivElement;
  /** Redaction marks over the page (redact-layer.ts); kept while the page's drawing is let go, so marks stay. */
  overlay: HTMLDivElement;
  /** The scale the page is drawn at now; 0 when it is not drawn. */
  drawnAt: number;
  text: HTMLDivElement | null;
  textDivs: HTMLElement[];
  textStrings: string[];
}

export interface StackEvents {
  rendered(page: number): void;
  page(page: number): void;
  slow(): void;
  failed(): void;
  /** A page's text layer is in place (drawn anew): find marks go on it. */
  decorate(page: number, divs: HTMLElement[], strings: string[]): void;
}

export class PageStack {
  private readonly slots: Slot[] = [];
  private readonly visible = new Set<number>();
  private readonly drawn = new Set<number>();
  private readonly sizes = new Map<number, { w: number; h: number }>();
  private base = { w: 612, h: 792 };
  private zoomLevel = 1;
  private current = 1;
  private busy = false;
  private stopped = false;
  private task: RenderTask | null = null;
  private readonly near: IntersectionObserver;
  private scrollFrame = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly doc: PDFDocumentProxy,
    private readonly budgetMs: number | null,
    private readonly on: StackEvents,
  ) {
    // Pages within half a screen of the view are drawn; drawn pages farther than KEEP_DISTANCE are let go.
    this.near = new IntersectionObserver((entries) => this.onNear(entries), { rootMargin: '50% 0px' });
    window.addEventListener('scroll', this.onScroll, { passive: true });
  }

  get pages(): number {
    return Math.min(this.doc.numPages, MAX_PAGES_SHOWN);
  }

  async build(): Promise<void> {
    const first = await this.doc.getPage(1);
    const vp = first.getViewport({ scale: 1 });
    this.base = { w: vp.width, h: vp.height };
    this.sizes.set(1, this.base);
    const frag = document.createDocumentFragment();
    for (let n = 1; n <= this.pages; n++) {
      const el = document.createElement('div');
      el.className = 'page';
      el.dataset.page = String(n);
      const overlay = document.createElement('div');
      overlay.className = 'marks';
      el.append(overlay);
      frag.append(el);
      this.slots.push({ el, overlay, drawnAt: 0, text: null, textDivs: [], textStrings: [] });
    }
    this.root.replaceChildren(frag);
    this.layout();
    for (const s of this.slots) this.near.observe(s.el);
  }

  /** CSS pixels per PDF unit (point): the first page's width fits the frame at zoom 1. */
  scale(): number {
    return ((Math.max(200, document.documentElement.clientWidth) - 2 * GAP) * this.zoomLevel) / this.base.w;
  }

  private layout(): void {
    const scale = this.scale();
    for (let n = 1; n <= this.slots.length; n++) {
      const { w, h } = this.sizes.get(n) ?? this.base;
      const el = this.slots[n - 1]!.el;
      el.style.width = `${Math.floor(w * scale)}px`;
      el.style.height = `${Math.floor(h * scale)}px`;
      el.style.setProperty('--total-scale-factor', String(scale));
    }
  }

  /** A new zoom (or frame width): the page in view stays in view; pages near it are drawn again. */
  setZoom(zoom: number): void {
    if (zoom !== this.zoomLevel) this.zoomLevel = zoom;
    this.relayout();
  }

  relayout(): void {
    const keep = this.current;
    this.task?.cancel();
    this.layout();
    this.goTo(keep);
    this.pump();
  }

  goTo(page: number): void {
    const slot = this.slots[Math.min(Math.max(1, page), this.slots.length) - 1];
    if (!slot) return;
    window.scrollTo({ top: slot.el.offsetTop - GAP, behavior: 'instant' });
    this.setCurrent(page);
  }

  /**
   * Brings an element of a drawn page (a find mark) to the upper third of the view, where the page counter reads
   * the page from, so the counter names the mark's page. By hand, not scrollIntoView, which would scroll the
   * app's page around the frame as well.
   */
  reveal(el: Element, page: number): void {
    const r = el.getBoundingClientRect();
    const left = r.left < 0 || r.right > window.innerWidth ? window.scrollX + r.left - window.innerWidth / 3 : window.scrollX;
    window.scrollTo({ top: window.scrollY + r.top + r.height / 2 - window.innerHeight / 3, left, behavior: 'instant' });
    this.setCurrent(page);
  }

  /** The redaction overlay of a page (there is one on every page slot, drawn or not). */
  overlayOf(page: number): HTMLDivElement | null {
    return this.slots[page - 1]?.overlay ?? null;
  }

  /** The page of a slot's overlay, or null when `el` is not one. */
  pageOfOverlay(el: Element): number | null {
    const slot = el.closest('.page');
    const n = slot instanceof HTMLElement ? Number(slot.dataset.page) : NaN;
    return Number.isInteger(n) && this.slots[n - 1]?.overlay === el ? n : null;
  }

  /** The text layer of a drawn page, for marks; null when the page is not drawn now. */
  textOf(page: number): { divs: HTMLElement[]; strings: string[] } | null {
    const s = this.slots[page - 1];
    return s && s.text ? { divs: s.textDivs, strings: s.textStrings } : null;
  }

  stop(): void {
    this.stopped = true;
    this.task?.cancel();
    this.near.disconnect();
    window.removeEventListener('scroll', this.onScroll);
  }

  private setCurrent(page: number): void {
    if (page === this.current) return;
    this.current = page;
    this.on.page(page);
  }

  /**
   * The page under the upper third of the view: what a reader is looking at. At the end of the column, where the
   * last pages cannot scroll any higher, the last page whose top is in view.
   */
  private readonly onScroll = () => {
    cancelAnimationFrame(this.scrollFrame);
    this.scrollFrame = requestAnimationFrame(() => {
      const atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
      const y = window.scrollY + (atEnd ? window.innerHeight - GAP : window.innerHeight / 3);
      let lo = 0;
      let hi = this.slots.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.slots[mid]!.el.offsetTop <= y) lo = mid;
        else hi = mid - 1;
      }
      this.setCurrent(lo + 1);
    });
  };

  private onNear(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      const n = Number((e.target as HTMLElement).dataset.page);
      if (e.isIntersecting) this.visible.add(n);
      else this.visible.delete(n);
    }
    this.pump();
  }

  /** Lets a far page's canvas and text go; its placeholder keeps its size. */
  private release(n: number): void {
    const s = this.slots[n - 1];
    if (!s || s.drawnAt === 0) return;
    s.el.replaceChildren(s.overlay);
    this.drawn.delete(n);
    s.drawnAt = 0;
    s.text = null;
    s.textDivs = [];
    s.textStrings = [];
  }

  /** Draws the visible page nearest the one being read that is not drawn at the current scale; one at a time. */
  private pump(): void {
    if (this.busy || this.stopped) return;
    const scale = this.scale();
    const next = [...this.visible].sort((a, b) => Math.abs(a - this.current) - Math.abs(b - this.current)).find((n) => this.slots[n - 1]!.drawnAt !== scale);
    if (next === undefined) return;
    this.busy = true;
    void this.draw(next, scale).finally(() => {
      this.busy = false;
      this.pump();
    });
  }

  private async draw(n: number, scale: number): Promise<void> {
    const slot = this.slots[n - 1]!;
    try {
      const page = await this.doc.getPage(n);
      if (this.stopped) return;
      const own = page.getViewport({ scale: 1 });
      if (!this.sizes.has(n) && (Math.abs(own.width - this.base.w) > 0.5 || Math.abs(own.height - this.base.h) > 0.5)) {
        this.sizes.set(n, { w: own.width, h: own.height });
        this.layout();
      }
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: scale * ratio });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      const task = page.render({ canvas, canvasContext: ctx, viewport });
      this.task = task;
      // Past the budget the render is cancelled (pdf.js then stops building its operator list in the worker).
      let slow = false;
      const watchdog = this.budgetMs === null ? 0 : window.setTimeout(() => {
        slow = true;
        task.cancel();
      }, this.budgetMs);
      try {
        await task.promise;
      } catch (e) {
        if (slow) {
          this.stop();
          return this.on.slow();
        }
        throw e;
      } finally {
        clearTimeout(watchdog);
        this.task = null;
      }
      if (this.stopped || scale !== this.scale()) return;
      const text = document.createElement('div');
      text.className = 'textLayer';
      const layer = new TextLayer({ textContentSource: await page.getTextContent(), container: text, viewport: page.getViewport({ scale }) });
      await layer.render();
      if (this.stopped || scale !== this.scale()) return;
      slot.el.replaceChildren(canvas, text, slot.overlay);
      slot.drawnAt = scale;
      this.drawn.add(n);
      // Memory stays bounded however far one scrolls: the drawn pages farthest from the view are let go.
      for (const d of [...this.drawn]) if (!this.visible.has(d) && Math.abs(d - this.current) > KEEP_DISTANCE) this.release(d);
      slot.text = text;
      slot.textDivs = layer.textDivs;
      slot.textStrings = layer.textContentItemsStr;
      this.on.decorate(n, slot.textDivs, slot.textStrings);
      this.on.rendered(n);
      page.cleanup();
    } catch (e) {
      // A cancelled render is a newer request (zoom, a resize) taking over, not a failure.
      if ((e as { name?: string }).name === 'RenderingCancelledException' || this.stopped) return;
      this.stop();
      this.on.failed();
    }
  }
}
