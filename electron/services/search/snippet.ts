import type { SnippetSegment } from '../../../shared/schemas/search';
import { wordMatches, type QueryGroup } from './normalize';

const WORD = /[\p{L}\p{N}\p{M}'’‘`ʼ]+/gu;
const WINDOW = 220;
const LEAD = 60;
/** Hits considered when choosing the window; enough to find a dense one without scanning megabytes. */
const MAX_HITS = 200;

interface Hit {
  start: number;
  end: number;
  group: number;
}

function findHits(text: string, groups: QueryGroup[]): Hit[] {
  const hits: Hit[] = [];
  const seenGroups = new Set<number>();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    // A light fold (no NFC pass) per word: this loop runs over every word up to the hits.
    const folded = m[0].toLowerCase().replace(/ё/g, 'е').replace(/['’‘`ʼ]/g, 'ʻ');
    for (let g = 0; g < groups.length; g++) {
      if (wordMatches(folded, groups[g]!)) {
        hits.push({ start: m.index, end: m.index + m[0].length, group: g });
        seenGroups.add(g);
        break;
      }
    }
    // Once every word of the query has been seen and we have plenty, a better window is unlikely.
    if (hits.length >= MAX_HITS || (seenGroups.size === groups.length && hits.length >= groups.length * 4)) break;
  }
  return hits;
}

/** The densest short window of `text` around the query's words, as plain segments. */
export function makeSnippet(text: string, groups: QueryGroup[]): SnippetSegment[] {
  const flat = text.replace(/\s+/g, ' ');
  const hits = findHits(flat, groups);
  if (hits.length === 0) {
    const head = flat.slice(0, WINDOW).trim();
    return head ? [{ text: head + (flat.length > WINDOW ? '…' : ''), hit: false }] : [];
  }
  // Choose the hit whose window covers the most distinct query words, then the most hits.
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < hits.length; i++) {
    const from = hits[i]!.start;
    const groupsIn = new Set<number>();
    let n = 0;
    for (let j = i; j < hits.length && hits[j]!.end <= from + WINDOW - LEAD; j++) (groupsIn.add(hits[j]!.group), n++);
    const score = groupsIn.size * 1000 + n;
    if (score > bestScore) (bestScore = score, (best = i));
  }
  let start = Math.max(0, hits[best]!.start - LEAD);
  if (start > 0) {
    const sp = flat.indexOf(' ', start);
    if (sp !== -1 && sp < hits[best]!.start) start = sp + 1;
  }
  let end = Math.min(flat.length, start + WINDOW);
  if (end < flat.length) {
    const sp = flat.lastIndexOf(' ', end);
    if (sp > hits[best]!.end) end = sp;
  }
  const segments: SnippetSegment[] = [];
  const push = (t: string, hit: boolean) => {
    if (!t) return;
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += t;
    else segments.push({ text: t, hit });
  };
  if (start > 0) push('…', false);
  let pos = start;
  for (const h of hits) {
    if (h.start < start || h.end > end) continue;
    push(flat.slice(pos, h.start), false);
    push(flat.slice(h.start, h.end), true);
    pos = h.end;
  }
  push(flat.slice(pos, end), false);
  if (end < flat.length) push('…', false);
  return segments;
}
