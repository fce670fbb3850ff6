import type { EventName, EventPayload } from '../../shared/ipc/events';

type AnyListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/**
 * The one place services announce what happened (the vault locked, a job moved on, data changed). The
 * Electron main process and the test bridge forward every event to the renderer; tests and the CLI listen
 * to the ones they need. Names and payloads are those of shared/ipc/events.ts.
 */
export class AppEvents {
  private readonly byName = new Map<EventName, Set<(payload: never) => void>>();
  private readonly any = new Set<AnyListener>();

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.byName.get(name);
    if (!set) this.byName.set(name, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Every event, in order: what the main process sends to the window. */
  onAny(listener: AnyListener): () => void {
    this.any.add(listener);
    return () => this.any.delete(listener);
  }

  /**
   * A listener's failure must not turn a committed change into a reported error ("nothing was changed"
   * would then be false), so listeners are isolated from the emitter and from each other.
   */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.byName.get(name) ?? []) {
      try {
        (l as (p: EventPayload<E>) => void)(payload);
      } catch {
        /* see above */
      }
    }
    for (const l of this.any) {
      try {
        l(name, payload);
      } catch {
        /* see above */
      }
    }
  }
}
