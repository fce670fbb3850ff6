import { describe, expect, it } from 'vitest';
import { parseHash, toHash } from '../router/router';
import { createStore, currentEpoch, dropSessionState } from './store';

describe('session state', () => {
  it('dropSessionState resets session stores but keeps those marked keepOnLock', () => {
    const caseList = createStore<string[]>([]);
    const language = createStore('en', { keepOnLock: true });
    caseList.set(['Case 12/2024 — detention']);
    language.set('ru');
    let notified = 0;
    caseList.subscribe(() => notified++);
    const before = currentEpoch();

    dropSessionState();

    expect(caseList.get()).toEqual([]);
    expect(language.get()).toBe('ru');
    expect(notified).toBe(1);
    // Answers to requests sent before the lock are recognisably stale.
    expect(currentEpoch()).toBe(before + 1);
  });
});

describe('routes', () => {
  it('round-trip through their hash form, including non-Latin params', () => {
    const r = { name: 'case', params: { id: 'c-1', tab: 'хронология' } };
    expect(parseHash(toHash(r))).toEqual(r);
    expect(parseHash('#/cases')).toEqual({ name: 'cases', params: {} });
    expect(parseHash('nonsense')).toBeNull();
    expect(parseHash('#/%E0%A4%A')).toBeNull();
  });
});
