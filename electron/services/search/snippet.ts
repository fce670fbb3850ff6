import type { SnippetSegment } from '../../../shared/schemas/search';
import { wordMatches, type QueryGroup } from './normalize';

const WINDOW = 220;
const LEAD = 60;
/** Hits considered when choosing the window; enough to find a dense one without scanning megabytes. */
const MAX_HITS = 200;

interface Hit {
  start: number;
  end: number;
  group: number;
}

const WORD_AT = /[\p{L}\p{N}\p{M}'’‘`ʼ]+/uy;
const WORD_CHAR = /[\p{L}\p{N}\p{M}'’‘`ʼ]/u;
const APOSTROPHES = "['’‘`ʼʻ]";
const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where a word that may match starts: one whose folded form begins with the first two letters of a term of some
 * group, the same cheap test `wordMatches` applies first. Jumping from one such start to the next skips the
 * thousands of words of a long text that cannot match, which the loop below used to fold one by one.
 */
function candidateStarts(groups: QueryGroup[]): RegExp {
  const prefixes = new Set<string>();
  for (const g of groups) {
    prefixes.add(g.word.slice(0, 2));
    for (const e of g.exact) prefixes.add(e.slice(0, 2));
  }
  const pattern = (p: string) => [...p].map((c) => (c === 'е' ? '[её]' : c === 'ʻ' ? APOSTROPHES : escape(c))).join('');
  return new RegExp([...prefixes].map(pattern).join('|'), 'giu');
}

function findHits(text: string, groups: QueryGroup[]): Hit[] {
  const hits: Hit[] = [];
  const seenGroups = new Set<number>();
  const starts = candidateStarts(groups);
  for (let c = starts.exec(text); c; c = starts.exec(text)) {
    // Inside a word: not where one starts (a lookbehind in the pattern costs more than this test).
    if (c.index > 0 && WORD_CHAR.test(text[c.index - 1]!)) {
      WORD_AT.lastIndex = c.index;
      starts.lastIndex = c.index + (WORD_AT.exec(text)?.[0].length ?? 1);
      continue;
    }
    WORD_AT.lastIndex = c.index;
    const m = WORD_AT.exec(text)!;
    starts.lastIndex = c.index + m[0].length;
    // A light fold (no NFC pass) per word, as at index time less the normalisation.
    const folded = m[0].toLowerCase().replace(/ё/g, 'е').replace(/['’‘`ʼ]/g, 'ʻ');
    for (let g = 0; g < groups.length; g++) {
      if (wordMatches(folded, groups[g]!)) {
        hits.push({ start: c.index, end: c.index + m[0].length, group: g });
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
