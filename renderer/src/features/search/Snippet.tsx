import type { SnippetSegment } from '../../../../shared/schemas/search';

/** Hits become <mark> elements and everything else text nodes: no HTML from a document is ever parsed. */
export function Snippet({ segments }: { segments: readonly SnippetSegment[] }) {
  return (
    <p className="search-snippet" data-testid="search-snippet">
      {segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </p>
  );
}
