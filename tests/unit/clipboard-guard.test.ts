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

  it('clears what Sakta copied after 30 seconds, not before', async () => {
    const { clipboard, guard } = make();
    await guard.copy(VICTIM);
    expect(clipboard.text).toBe(VICTIM);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(clipboard.text).toBe(VICTIM);
    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.text).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const { clipboard, guard } = make();
    await guard.copy(VICTIM);
    clipboard.writeText('the user’s own text');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(clipboard.text).toBe('the user’s own text');
    expect(clipboard.clears).toBe(0);
  });

  it('clears at lock at once, and the later timer does nothing more', async () => {
    const { clipboard, guard } = make();
    await guard.copy(VICTIM);
    await vi.advanceTimersByTimeAsync(5_000);
    await guard.onLock();
    expect(clipboard.text).toBe('');
    clipboard.writeText('copied after the lock');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(clipboard.text).toBe('copied after the lock');
    expect(clipboard.clears).toBe(1);
  });

  it('a second copy restarts the 30 s for the new text', async () => {
    const { clipboard, guard } = make();
    await guard.copy('first');
    await vi.advanceTimersByTimeAsync(20_000);
    await guard.copy('second');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(clipboard.text).toBe('second');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(clipboard.text).toBe('');
  });

  it('at lock with a clipboard the user has since changed, nothing is cleared', async () => {
    const { clipboard, guard } = make();
    await guard.copy(VICTIM);
    clipboard.writeText('mine');
    await guard.onLock();
    expect(clipboard.text).toBe('mine');
  });

  it('works with a clipboard whose reads and writes are promises, as Electron 45\'s are', async () => {
    let text = '';
    let clears = 0;
    const clipboard: ClipboardLike = {
      readText: () => Promise.resolve(text),
      writeText: (t) => Promise.resolve().then(() => void (text = t)),
      clear: () => void ((text = ''), clears++),
    };
    const guard = new ClipboardGuard({ clipboard, clock: systemClock });
    await guard.copy(VICTIM);
    expect(text).toBe(VICTIM);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(text).toBe('');
    expect(clears).toBe(1);
  });
});
