import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClipboardGuard, type ClipboardLike } from '../../electron/services/clipboard/clipboard-guard';
import { systemClock } from '../../electron/services/lock/clock';

class FakeClipboard implements ClipboardLike {
  text = '';
  clears = 0;
  readText = () => this.text;
  writeText = (t: string) => void (this.text = t);
  clear = () => {
    this.text = '';
    this.clears++;
  };
}

const VICTIM = 'Эргашев Бахтиёр, d.o.b. 12.03.1987';

describe('ClipboardGuard (clear after 30 s, and at lock, only if still ours)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const make = () => {
    const clipboard = new FakeClipboard();
    return { clipboard, guard: new ClipboardGuard({ clipboard, clock: systemClock }) };
  };

  it('clears what Sakta copied after 30 seconds, not before', () => {
    const { clipboard, guard } = make();
    guard.copy(VICTIM);
    expect(clipboard.text).toBe(VICTIM);
    vi.advanceTimersByTime(29_999);
    expect(clipboard.text).toBe(VICTIM);
    vi.advanceTimersByTime(1);
    expect(clipboard.text).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', () => {
    const { clipboard, guard } = make();
    guard.copy(VICTIM);
    clipboard.writeText('the user’s own text');
    vi.advanceTimersByTime(30_000);
    expect(clipboard.text).toBe('the user’s own text');
    expect(clipboard.clears).toBe(0);
  });

  it('clears at lock at once, and the later timer does nothing more', () => {
    const { clipboard, guard } = make();
    guard.copy(VICTIM);
    vi.advanceTimersByTime(5_000);
    guard.onLock();
    expect(clipboard.text).toBe('');
    clipboard.writeText('copied after the lock');
    vi.advanceTimersByTime(60_000);
    expect(clipboard.text).toBe('copied after the lock');
    expect(clipboard.clears).toBe(1);
  });

  it('a second copy restarts the 30 s for the new text', () => {
    const { clipboard, guard } = make();
    guard.copy('first');
    vi.advanceTimersByTime(20_000);
    guard.copy('second');
    vi.advanceTimersByTime(20_000);
    expect(clipboard.text).toBe('second');
    vi.advanceTimersByTime(10_000);
    expect(clipboard.text).toBe('');
  });

  it('at lock with a clipboard the user has since changed, nothing is cleared', () => {
    const { clipboard, guard } = make();
    guard.copy(VICTIM);
    clipboard.writeText('mine');
    guard.onLock();
    expect(clipboard.text).toBe('mine');
  });
});
