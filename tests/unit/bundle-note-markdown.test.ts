import { describe, expect, it } from 'vitest';
import { noteBlocks } from '../../electron/services/bundles/note-markdown';

describe('case notes printed in a bundle', () => {
  it('turns Markdown into headings and plain paragraphs, without the markup', () => {
    const blocks = noteBlocks('## **Встреча с клиентом**\n\nКлиент *подтвердил* побои, см. `акт 318`.\n\n- первый пункт\n- второй **важный** пункт\n  - вложенный\n\n1. Raise the appeal\n2. File [the complaint](https://example.org)\n\n> quoted line\n\n<script>alert(1)</script>\n\n---');
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Встреча с клиентом' },
      { kind: 'text', text: 'Клиент подтвердил побои, см. акт 318.' },
      { kind: 'text', text: '• первый пункт' },
      { kind: 'text', text: '• второй важный пункт' },
      { kind: 'text', text: '– вложенный' },
      { kind: 'text', text: '1. Raise the appeal' },
      { kind: 'text', text: '2. File the complaint' },
      { kind: 'text', text: '| quoted line' },
      { kind: 'text', text: '* * *' },
    ]);
    const all = blocks.map((b) => b.text).join('\n');
    expect(all).not.toMatch(/##|\*\*|<script/);
  });

  it('keeps plain text notes as their paragraphs', () => {
    expect(noteBlocks('First paragraph\nstill first.\n\nSecond.')).toEqual([
      { kind: 'text', text: 'First paragraph\nstill first.' },
      { kind: 'text', text: 'Second.' },
    ]);
  });
});
