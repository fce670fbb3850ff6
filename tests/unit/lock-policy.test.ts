import { describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/services/lock/clock';
import { LockPolicy, type PolicyLockReason } from '../../electron/services/lock/lock-policy';

/** A clock whose time only moves when the test says so; due timers fire as it moves. */
class FakeClock implements Clock {
  t = 1_000_000;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  now = () => this.t;
  setTimer = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimer = (h: unknown) => void this.timers.delete(h as number);
  /** Moves time forward, firing due timers in order (as a laptop that stays awake would). */
  advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
  }
  /** Moves time without firing timers: a suspended laptop, whose timers do not run. */
  jumpWithoutTimers(ms: number) {
    this.t += ms;
  }
  get pending() {
    return this.timers.size;
  }
}

const MIN = 60_000;

function setup(idleMs = 5 * MIN) {
  const clock = new FakeClock();
  const locks: PolicyLockReason[] = [];
  const policy = new LockPolicy({ clock, idleMs, lock: (r) => locks.push(r) });
  return { clock, locks, policy };
}

describe('LockPolicy (idle, suspend, screen lock, panic)', () => {
  it('locks after exactly N idle minutes, not a moment before', () => {
    const { clock, locks, policy } = setup();
    policy.arm();
    clock.advance(5 * MIN - 1);
    expect(locks).toEqual([]);
    clock.advance(1);
    expect(locks).toEqual(['idle']);
    expect(policy.isArmed).toBe(false);
  });

  it('activity postpones the lock: idle is counted from the last key press', () => {
    const { clock, locks, policy } = setup();
    policy.arm();
    clock.advance(4 * MIN);
    policy.activity();
    clock.advance(4 * MIN);
    expect(locks).toEqual([]);
    expect(policy.remainingMs()).toBe(1 * MIN);
    clock.advance(1 * MIN);
    expect(locks).toEqual(['idle']);
  });

  it('suspend, screen lock and panic lock at once, with their own reason', () => {
    for (const [event, reason] of [
      ['suspend', 'suspend'],
      ['lock-screen', 'screen-lock'],
      ['panic', 'panic'],
    ] as const) {
      const { locks, policy, clock } = setup();
      policy.arm();
      policy.event(event);
      expect(locks).toEqual([reason]);
      expect(clock.pending).toBe(0);
    }
  });

  it('after a sleep during which timers did not run, the first check locks', () => {
    const { clock, locks, policy } = setup();
    policy.arm();
    clock.jumpWithoutTimers(30 * MIN);
    expect(locks).toEqual([]);
    policy.check();
    expect(locks).toEqual(['idle']);
  });

  it('does nothing while locked, and locks only once per unlock', () => {
    const { clock, locks, policy } = setup();
    policy.event('panic');
    policy.activity();
    clock.advance(60 * MIN);
    expect(locks).toEqual([]);
    policy.arm();
    policy.event('panic');
    policy.event('suspend');
    clock.advance(60 * MIN);
    expect(locks).toEqual(['panic']);
  });

  it('disarm (the vault was locked by hand) cancels the idle timer', () => {
    const { clock, locks, policy } = setup();
    policy.arm();
    policy.disarm();
    clock.advance(60 * MIN);
    expect(locks).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('a shorter setting takes effect from the last activity; a test override in seconds works the same', () => {
    const { clock, locks, policy } = setup();
    policy.arm();
    clock.advance(3 * MIN);
    policy.setIdleMs(2 * MIN);
    expect(locks).toEqual(['idle']);
    policy.arm();
    policy.setIdleMs(3000);
    clock.advance(2999);
    expect(locks).toEqual(['idle']);
    clock.advance(1);
    expect(locks).toEqual(['idle', 'idle']);
  });

  it('refuses a timeout under one second', () => {
    expect(() => setup(500)).toThrow(RangeError);
  });
});
