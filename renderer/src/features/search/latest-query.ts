/**
 * Search as you type sends a query per pause in typing, and the main process answers them one after another.
 * This keeps at most one query in flight and only the newest one waiting: a query typed over before it was
 * sent is never sent, and the answer to one superseded while in flight is dropped, so results never go back
 * to an older query and a fast typist does not queue up work behind her.
 */
export interface LatestQueryHandlers<I, O> {
  run(input: I): Promise<O>;
  deliver(output: O, input: I): void;
  fail(error: unknown, input: I): void;
  /** True while a query is in flight or waiting for one to end. */
  busy(busy: boolean): void;
}

export class LatestQuery<I, O> {
  private latest = 0;
  private waiting: { id: number; input: I } | null = null;
  private inFlight = false;

  constructor(private readonly h: LatestQueryHandlers<I, O>) {}

  submit(input: I): void {
    this.waiting = { id: ++this.latest, input };
    this.h.busy(true);
    void this.pump();
  }

  /** Drops the waiting query and the answer of the one in flight (the box was cleared, the page left). */
  cancel(): void {
    this.latest++;
    this.waiting = null;
    if (!this.inFlight) this.h.busy(false);
  }

  private async pump(): Promise<void> {
    if (this.inFlight || !this.waiting) return;
    const { id, input } = this.waiting;
    this.waiting = null;
    this.inFlight = true;
    try {
      const out = await this.h.run(input);
      if (id === this.latest) this.h.deliver(out, input);
    } catch (e) {
      if (id === this.latest) this.h.fail(e, input);
    } finally {
      this.inFlight = false;
      if (this.waiting) void this.pump();
      else this.h.busy(false);
    }
  }
}
