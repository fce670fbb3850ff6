import { describe, expect, it } from 'vitest';
import { LatestQuery } from '../../renderer/src/features/search/latest-query';

/** A query whose answer the test releases by hand, to order answers as a slow main process would. */
function harness() {
  const sent: string[] = [];
  const release = new Map<string, (v: string) => void>();
  const shown: string[] = [];
  const busy: boolean[] = [];
  const q = new LatestQuery<string, string>({
    run: (input) => {
      sent.push(input);
      return new Promise((resolve) => release.set(input, (v) => resolve(v)));
    },
    deliver: (out) => shown.push(out),
    fail: () => shown.push('failed'),
    busy: (b) => busy.push(b),
  });
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { q, sent, release, shown, busy, tick };
}

describe('search as you type: only the newest query counts', () => {
  it('queries typed over while one is in flight are never sent; the newest is, after it', async () => {
    const { q, sent, release, shown, tick } = harness();
    q.submit('пы');
    q.submit('пыт');
    q.submit('пытк');
    q.submit('пытка');
    expect(sent).toEqual(['пы']);
    release.get('пы')!('answer пы');
    await tick();
    // «пы» was superseded while in flight: its answer is not shown; only «пытка» was sent next.
    expect(shown).toEqual([]);
    expect(sent).toEqual(['пы', 'пытка']);
    release.get('пытка')!('answer пытка');
    await tick();
    expect(shown).toEqual(['answer пытка']);
  });

  it('clearing the box drops the answer in flight and reports idle when it ends', async () => {
    const { q, release, shown, busy, tick } = harness();
    q.submit('court');
    q.cancel();
    release.get('court')!('answer court');
    await tick();
    expect(shown).toEqual([]);
    expect(busy.at(-1)).toBe(false);
  });

  it('an answer that is still the newest is shown, and errors of the newest are reported', async () => {
    const h = harness();
    h.q.submit('torture');
    h.release.get('torture')!('answer torture');
    await h.tick();
    expect(h.shown).toEqual(['answer torture']);
    expect(h.busy).toEqual([true, false]);
  });
});
