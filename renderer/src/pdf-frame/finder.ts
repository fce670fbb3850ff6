import type { PDFDocumentProxy } from 'pdfjs-dist';

/**
 * Find in the document (Ctrl+F) and the marks of a search hit being opened. The text is pdf.js's text items
 * page by page, the same strings its text layer shows, so a hit counted here is a hit marked there: each hit
 * is (page, item, offset). A hit across two items (a line break) is not found; a phrase within a line is.
 *
 * Two ways to match: a phrase (Ctrl+F: the words as typed, in that order) or any of the words (a search hit:
 * the search box's words wherever they stand, as the search itself found them). Case and ё/е are ignored.
 */
export interface Hit {
  page: number;
  item: number;
  start: number;
  length: number;
}

export interface FinderEvents {
  /** The count changed or the current hit moved; `searching` while pages are still being read. */
  found(query: string, current: number, total: number, searching: boolean): void;
  /** Show this hit: scroll to its page (and its mark once the page is drawn). */
  show(hit: Hit): void;
  /** Marks changed on these pages: draw them again where the page is drawn. */
  remark(pages: readonly number[]): void;
}

/** Case and ё folded without changing a string's length, so offsets stay those of the text layer. */
export function fold(s: string): string {
  const lower = s.toLowerCase();
  return (lower.length === s.length ? lower : s).replace(/ё/g, 'е');
}

/** The words of a search box query, without its operators ("OR", quotes, a trailing *), two letters or more. */
export function searchWords(query: string): string[] {
  return [
    ...new Set(
      query
        .replace(/["*()]/g, ' ')
        .split(/\s+/)
        .filter((w) => w.length >= 2 && !/^(OR|AND|NOT|NEAR)$/.test(w))
        .map(fold),
    ),
  ];
}

function matchItem(text: string, needles: readonly string[], page: number, item: number, out: Hit[]): void {
  const hay = fold(text);
  const found: Hit[] = [];
  for (const n of needles) {
    for (let at = hay.indexOf(n); at >= 0; at = hay.indexOf(n, at + n.length)) found.push({ page, item, start: at, length: n.length });
  }
  found.sort((a, b) => a.start - b.start);
  // Overlapping hits of two words ("суд", "судебн") keep the first.
  let end = -1;
  for (const h of found) {
    if (h.start < end) continue;
    out.push(h);
    end = h.start + h.length;
  }
}

export class Finder {
  private readonly strings = new Map<number, string[]>();
  private hits: Hit[] = [];
  private current = -1;
  private query = '';
  private needles: string[] = [];
  private run = 0;
  private searching = false;

  constructor(
    private readonly doc: PDFDocumentProxy,
    private readonly pages: number,
    private readonly on: FinderEvents,
  ) {}

  /** Starts a find; the first hit at or after `fromPage` becomes the current one, and is shown. */
  async start(query: string, mode: 'phrase' | 'words', fromPage: number): Promise<void> {
    const mine = ++this.run;
    const before = new Set(this.hits.map((h) => h.page));
    this.query = query;
    this.needles = mode === 'phrase' ? [fold(query.trim().replace(/\s+/g, ' '))].filter((n) => n.length > 0) : searchWords(query);
    this.hits = [];
    this.current = -1;
    this.on.remark([...before]);
    if (this.needles.length === 0) return void this.on.found(query, 0, 0, false);
    this.searching = true;
    let reported = 0;
    for (let page = 1; page <= this.pages; page++) {
      const strings = await this.textOf(page);
      if (mine !== this.run) return;
      const from = this.hits.length;
      strings.forEach((s, item) => matchItem(s, this.needles, page, item, this.hits));
      if (this.hits.length > from) this.on.remark([page]);
      if (this.current < 0 && page >= fromPage && this.hits.length > from) this.select(from);
      // Tell the count as it grows, without a message per page of a long file.
      if (this.hits.length !== reported && (page % 25 === 0 || this.current >= 0)) {
        reported = this.hits.length;
        this.report();
      }
    }
    this.searching = false;
    if (this.current < 0 && this.hits.length > 0) this.select(0);
    else this.report();
  }

  step(direction: 'next' | 'previous'): void {
    if (this.hits.length === 0) return;
    const n = this.hits.length;
    this.select(this.current < 0 ? 0 : (this.current + (direction === 'next' ? 1 : -1) + n) % n);
  }

  get active(): boolean {
    return this.needles.length > 0;
  }

  /** The hits on one page (for its marks) and which of them is the current one. */
  hitsOn(page: number): { hits: Hit[]; current: Hit | null } {
    const cur = this.hits[this.current] ?? null;
    return { hits: this.hits.filter((h) => h.page === page), current: cur && cur.page === page ? cur : null };
  }

  private select(index: number): void {
    const old = this.hits[this.current];
    this.current = index;
    const hit = this.hits[index]!;
    this.on.remark(old && old.page !== hit.page ? [old.page, hit.page] : [hit.page]);
    this.report();
    this.on.show(hit);
  }

  private report(): void {
    this.on.found(this.query, this.current + 1, this.hits.length, this.searching);
  }

  private async textOf(page: number): Promise<string[]> {
    const known = this.strings.get(page);
    if (known) return known;
    const p = await this.doc.getPage(page);
    const content = await p.getTextContent();
    // The items the text layer makes a span of: those with a string (marked-content items have none).
    const strings = content.items.flatMap((i) => ('str' in i ? [i.str] : []));
    this.strings.set(page, strings);
    return strings;
  }
}

/**
 * Marks the hits on a drawn page's text layer: each text span holding a hit is rebuilt as text and <mark>
 * nodes (its text stays the same, so selection and copy are unchanged). Returns the current hit's mark.
 */
export function markPage(divs: readonly HTMLElement[], strings: readonly string[], hits: readonly Hit[], current: Hit | null): HTMLElement | null {
  const byItem = new Map<number, Hit[]>();
  for (const h of hits) byItem.set(h.item, [...(byItem.get(h.item) ?? []), h]);
  let currentMark: HTMLElement | null = null;
  divs.forEach((div, item) => {
    const own = byItem.get(item);
    const marked = div.dataset.marked === '1';
    if (!own && !marked) return;
    const text = strings[item] ?? '';
    if (!own) {
      div.textContent = text;
      delete div.dataset.marked;
      return;
    }
    const parts: Node[] = [];
    let at = 0;
    for (const h of own) {
      if (h.start > at) parts.push(document.createTextNode(text.slice(at, h.start)));
      const mark = document.createElement('mark');
      mark.className = h === current ? 'hit current' : 'hit';
      mark.textContent = text.slice(h.start, h.start + h.length);
      if (h === current) currentMark = mark;
      parts.push(mark);
      at = h.start + h.length;
    }
    if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
    div.replaceChildren(...parts);
    div.dataset.marked = '1';
  });
  return currentMark;
}
