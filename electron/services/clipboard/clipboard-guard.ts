import { createHash } from 'node:crypto';
import type { Clock } from '../lock/clock';

/**
 * The slice of Electron's clipboard the guard needs; tests pass a fake. Since Electron 45 `readText` and
 * `writeText` return promises (modelled on the W3C clipboard API), so the guard awaits both.
 */
export interface ClipboardLike {
  readText(): string | Promise<string>;
  writeText(text: string): void | Promise<void>;
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

  async copy(text: string): Promise<void> {
    await this.deps.clipboard.writeText(text);
    this.ownHash = digest(text);
    if (this.timer !== null) this.deps.clock.clearTimer(this.timer);
    this.timer = this.deps.clock.setTimer(() => {
      this.timer = null;
      void this.clearIfOurs();
    }, this.clearAfterMs);
  }

  /** At lock: take back what we copied, now. */
  onLock(): Promise<void> {
    if (this.timer !== null) this.deps.clock.clearTimer(this.timer);
    this.timer = null;
    return this.clearIfOurs();
  }

  /** True when the clipboard still holds the last text Sakta copied. */
  async holdsOurs(): Promise<boolean> {
    if (this.ownHash === null) return false;
    let current: string;
    try {
      current = await this.deps.clipboard.readText();
    } catch {
      return false;
    }
    return digest(current) === this.ownHash;
  }

  /** The hash is dropped before the read, so a copy made meanwhile is not cleared by this older check. */
  private async clearIfOurs(): Promise<void> {
    const ours = this.ownHash;
    if (ours === null) return;
    let current: string;
    try {
      current = await this.deps.clipboard.readText();
    } catch {
      return;
    }
    if (this.ownHash !== ours) return;
    this.ownHash = null;
    if (digest(current) === ours) this.deps.clipboard.clear();
  }
}
