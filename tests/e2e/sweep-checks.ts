/**
 * Checks run inside the page by the screen sweep. Each is passed to page.evaluate, so each is self-contained:
 * no imports, no outer variables.
 */

export interface Overflow {
  /** A short CSS-like path to the element, and its text, so a failure says where to look. */
  where: string;
  text: string;
  kind: 'wider-than-box' | 'outside-parent';
  by: number;
}

/**
 * Elements whose content is wider than their box (scrollWidth > clientWidth) where the box neither scrolls nor
 * ends in an intended ellipsis, and in-flow elements that stick out of their parent's box to the right or left.
 */
export function findOverflow(): Overflow[] {
  const out: Overflow[] = [];
  const describe = (el: Element): string => {
    const parts: string[] = [];
    let e: Element | null = el;
    for (let i = 0; e && i < 4; i++, e = e.parentElement) {
      const cls = typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).slice(0, 2).join('.') : '';
      const tid = e.getAttribute('data-testid');
      parts.unshift(`${e.tagName.toLowerCase()}${tid ? `[data-testid=${tid}]` : cls}`);
    }
    return parts.join(' > ');
  };
  const visible = (el: Element, cs: CSSStyleDeclaration, r: DOMRect): boolean =>
    cs.display !== 'none' && cs.visibility !== 'hidden' && r.width > 0 && r.height > 0 && el.getClientRects().length > 0;
  // Screen-reader-only text is clipped to 1 px on purpose.
  const clippedAway = (cs: CSSStyleDeclaration, r: DOMRect): boolean =>
    (cs.clip && cs.clip !== 'auto') || (cs.clipPath && cs.clipPath !== 'none') || (r.width <= 1 && r.height <= 1);
  const scrolls = (v: string) => v === 'auto' || v === 'scroll';
  const insideScroller = (el: Element): boolean => {
    for (let e = el.parentElement; e; e = e.parentElement) if (scrolls(getComputedStyle(e).overflowX)) return true;
    return false;
  };

  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    if (el instanceof SVGElement && !(el instanceof SVGSVGElement)) continue;
    if (el.closest('[aria-hidden="true"], iframe, canvas, option, script, style')) continue;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (!visible(el, cs, r) || clippedAway(cs, r)) continue;
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);

    if (cs.display !== 'inline' && el.clientWidth > 0 && !scrolls(cs.overflowX) && cs.textOverflow !== 'ellipsis') {
      // Form controls report their own inner scroll width (a long value in an input is expected to scroll).
      const control = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
      const by = el.scrollWidth - el.clientWidth;
      if (!control && by > 1) out.push({ where: describe(el), text, kind: 'wider-than-box', by });
    }

    const parent = el.parentElement;
    if (!parent || parent === document.body || cs.position === 'absolute' || cs.position === 'fixed') continue;
    const pcs = getComputedStyle(parent);
    if (scrolls(pcs.overflowX) || pcs.display === 'contents' || insideScroller(el)) continue;
    const pr = parent.getBoundingClientRect();
    const by = Math.max(r.right - pr.right, pr.left - r.left);
    if (by > 1) out.push({ where: describe(el), text, kind: 'outside-parent', by: Math.round(by) });
  }
  // Report each place once: an element that sticks out usually makes its parents too wide as well.
  const seen = new Set<string>();
  return out.filter((o) => (seen.has(o.where + o.kind) ? false : (seen.add(o.where + o.kind), true))).slice(0, 40);
}

/**
 * English words left on a Russian screen: visible text and the labels a screen reader or tooltip shows.
 * The allowlist is product and format names that are the same in Russian usage.
 */
export function findEnglish(): string[] {
  const ALLOW = new Set([
    'sakta', 'pdf', 'sha', 'ocr', 'utf', 'png', 'jpeg', 'jpg', 'usb', 'id', 'ctrl', 'alt', 'shift', 'cmd', 'enter', 'esc', 'a4', 'letter',
    'syncthing', 'markdown', 'ics', 'json', 'csv', 'tiff', 'gif', 'webp', 'mp3', 'mp4', 'wav', 'ogg', 'webm', 'un', 'ohchr', 'english', 'azamat', 'tursunov',
    'mib', 'kib', 'gib', 'mb', 'kb', 'gb', 'aes', 'xchacha', 'argon', 'tab', 'bm',
    // Systems and tools named in the travel-safety and backup advice: their names are not translated.
    'bitlocker', 'filevault', 'luks', 'linux', 'windows', 'macos', 'shred', 'ssd', 'apfs', 'zfs', 'btrfs', 'time', 'machine',
  ]);
  // Hashes (hex) and media types (application/pdf) are identifiers, not words.
  const strip = (s: string) => s.replace(/\b[0-9a-f]{12,}\b/gi, ' ').replace(/\b(application|image|audio|video|text)\/[\w.+-]+/g, ' ');
  const words = new Set<string>();
  const take = (s: string | null | undefined) => {
    for (const m of strip(s ?? '').matchAll(/[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]/g)) {
      const w = m[0];
      if (w.length < 2 || ALLOW.has(w.toLowerCase())) continue;
      words.add(w);
    }
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script, style, [aria-hidden="true"], code, kbd')) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    take(n.textContent);
  }
  for (const el of Array.from(document.querySelectorAll('[placeholder], [title], [aria-label], option'))) {
    take(el.getAttribute('placeholder'));
    take(el.getAttribute('title'));
    take(el.getAttribute('aria-label'));
    if (el instanceof HTMLOptionElement) take(el.textContent);
  }
  take(document.title);
  return [...words].sort();
}
