import { createHash } from 'node:crypto';
import type { Clock } from '../lock/clock';

/** The slice of Electron's clipboard the guard needs; tests pass a fake. */
export interface ClipboardLike {
  readText(): string;
  writeText(text: string): void;
  clear(): void;
}

export const CLIPBOARD_CLEAR_MS = 30_000;

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * Copies text for the user and takes it back: after 30 s, and at lock, the clipboard is cleared, but only
 * if it still holds what Sakta put there (the user may have copied something of their own since).
 * Only a hash of the copied text is kept, so the guard does not hold a second copy of case data.
 */
export class ClipboardGuard {
  private ownHash: string | null = null;
  private timer: unknown = null;

  constructor(
    private readonly deps: { clipboard: ClipboardLike; clock: Clock; clearAfterMs?: number },
  ) {}

  get clearAfterMs(): number {
    return this.deps.clearAfterMs ?? CLIPBOARD_CLEAR_MS;
  }

  copy(text: string): void {
    this.deps.clipboard.writeText(text);
    this.ownHash = digest(text);
    if (this.timer !== null) this.deps.clock.clearTimer(this.timer);
    this.timer = this.deps.clock.setTimer(() => {
      this.timer = null;
      this.clearIfOurs();
    }, this.clearAfterMs);
  }

  /** At lock: take back what we copied, now. */
  onLock(): void {
    if (this.timer !== null) this.deps.clock.clearTimer(this.timer);
    this.timer = null;
    this.clearIfOurs();
  }

  /** True when the clipboard still holds the last text Sakta copied. */
  holdsOurs(): boolean {
    if (this.ownHash === null) return false;
    let current: string;
    try {
      current = this.deps.clipboard.readText();
    } catch {
      return false;
    }
    return digest(current) === this.ownHash;
  }

  private clearIfOurs(): void {
    if (this.holdsOurs()) this.deps.clipboard.clear();
    this.ownHash = null;
  }
}
