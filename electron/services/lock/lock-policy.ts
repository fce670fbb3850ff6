import type { LockReason } from '../../../shared/ipc/events';
import type { Clock } from './clock';

/** The reasons this policy locks for, out of the one LockReason (the others are a request, or the app closing). */
export type PolicyLockReason = Extract<LockReason, 'idle' | 'suspend' | 'screen-lock' | 'panic'>;
export type SystemEvent = 'suspend' | 'lock-screen' | 'panic';

export interface LockPolicyDeps {
  clock: Clock;
  idleMs: number;
  /** Does the locking (VaultService.lock and clearing the renderer); called once per armed period. */
  lock(reason: PolicyLockReason): void;
}

/**
 * When to lock, and nothing else: the main process feeds it user activity (input events in the window),
 * power-monitor events and the panic shortcut, and arms it on unlock. It never touches the vault itself.
 *
 * Idle is measured on the injected clock's wall time, not by counting timer ticks: timers stop while a
 * laptop sleeps, so after a resume the first check sees the whole gap and locks.
 */
export class LockPolicy {
  private armed = false;
  private lastActivity = 0;
  private timer: unknown = null;
  private idleMs: number;

  constructor(private readonly deps: LockPolicyDeps) {
    this.idleMs = LockPolicy.checkIdle(deps.idleMs);
  }

  private static checkIdle(ms: number): number {
    if (!Number.isFinite(ms) || ms < 1000) throw new RangeError('idle timeout must be at least one second');
    return ms;
  }

  get isArmed(): boolean {
    return this.armed;
  }

  /** Milliseconds until an idle lock, or null when not armed. */
  remainingMs(): number | null {
    if (!this.armed) return null;
    return Math.max(0, this.lastActivity + this.idleMs - this.deps.clock.now());
  }

  /** The vault was unlocked: start counting idle time from now. */
  arm(): void {
    this.armed = true;
    this.lastActivity = this.deps.clock.now();
    this.schedule(this.idleMs);
  }

  /** The vault was locked by any route: stop counting. */
  disarm(): void {
    this.armed = false;
    this.cancelTimer();
  }

  /** A key press, click or scroll in the window. Cheap: it only records the time. */
  activity(): void {
    if (!this.armed) return;
    this.lastActivity = this.deps.clock.now();
  }

  /** Suspend, screen lock and panic lock at once. */
  event(e: SystemEvent): void {
    if (!this.armed) return;
    this.fire(e === 'lock-screen' ? 'screen-lock' : e);
  }

  /** A new auto-lock setting takes effect from the last activity, as if it had always been set. */
  setIdleMs(ms: number): void {
    this.idleMs = LockPolicy.checkIdle(ms);
    if (this.armed) this.check();
  }

  /** Re-checks idle time now (the main process may call it on resume or on window focus). */
  check(): void {
    if (!this.armed) return;
    const remaining = this.remainingMs()!;
    if (remaining <= 0) this.fire('idle');
    else this.schedule(remaining);
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.deps.clock.setTimer(() => {
      this.timer = null;
      this.check();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.deps.clock.clearTimer(this.timer);
    this.timer = null;
  }

  private fire(reason: PolicyLockReason): void {
    this.disarm();
    this.deps.lock(reason);
  }
}
