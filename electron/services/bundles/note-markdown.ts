import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, RootContent } from 'mdast';

/** One block of a note as the notes part prints it: a bold heading line or a paragraph of plain text. */
export interface NoteBlock {
  kind: 'heading' | 'text';
  text: string;
}

/**
 * Notes are written in Markdown (the Notes tab renders them with react-markdown, which parses with the same
 * mdast-util-from-markdown). The court must read the note, not its markup: headings become bold lines,
 * list items get a bullet or their number, emphasis keeps its words without the asterisks, and raw HTML is
 * dropped exactly as the Notes tab drops it.
 */
export function noteBlocks(markdown: string): NoteBlock[] {
  const out: NoteBlock[] = [];
  for (const node of fromMarkdown(markdown).children) block(node, out, '');
  return out.filter((b) => b.text.trim() !== '');
}

/** `prefix` is what the first line of the block starts with (a quote bar, a bullet); `depth` is the list nesting. */
function block(node: RootContent, out: NoteBlock[], prefix: string, depth = 0): void {
  switch (node.type) {
    case 'heading':
      out.push({ kind: 'heading', text: prefix + inline(node) });
      return;
    case 'paragraph':
      out.push({ kind: 'text', text: prefix + inline(node) });
      return;
    case 'list': {
      const start = node.start ?? 1;
      // The line wrapper collapses leading spaces, so nesting shows in the marker: •, then –, then ·.
      const bullet = ['•', '–', '·'][Math.min(depth, 2)]!;
      node.children.forEach((item, i) => {
        const marker = `${prefix}${node.ordered ? `${start + i}.` : bullet} `;
        // The item's first paragraph carries the marker; further paragraphs and nested lists follow it unmarked.
        item.children.forEach((child, ci) => block(child, out, ci === 0 ? marker : prefix, depth + 1));
      });
      return;
    }
    case 'blockquote':
      for (const child of node.children) block(child, out, `${prefix}| `, depth);
      return;
    case 'code':
      for (const line of node.value.split('\n')) out.push({ kind: 'text', text: prefix + line });
      return;
    case 'table':
      for (const row of node.children) out.push({ kind: 'text', text: prefix + row.children.map(inline).join(' | ') });
      return;
    case 'thematicBreak':
      out.push({ kind: 'text', text: '* * *' });
      return;
    default:
      // html (never rendered), definitions and footnote definitions print nothing.
      return;
  }
}

function inline(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'image':
      return node.alt ?? '';
    case 'html':
      return '';
    default:
      return 'children' in node ? node.children.map((c: Nodes) => inline(c)).join('') : '';
  }
}
