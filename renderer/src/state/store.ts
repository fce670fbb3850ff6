/**
 * The one module wrapping renderer state. Every store created here holds session data unless marked
 * `keepOnLock`, and `dropSessionState()` resets them all at once when the vault locks: nothing a
 * screen loaded may outlive the unlock that allowed it.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError, isApiError } from '../api/client';

type Listener = () => void;

export interface Store<T> {
  get(): T;
  set(next: T | ((prev: T) => T)): void;
  subscribe(listener: Listener): () => void;
  reset(): void;
}

const sessionResets = new Set<() => void>();
/** Bumped on every lock so that answers to requests sent before the lock are thrown away. */
let epoch = 0;

export function createStore<T>(initial: T, opts: { keepOnLock?: boolean } = {}): Store<T> {
  let value = initial;
  const listeners = new Set<Listener>();
  const emit = () => listeners.forEach((l) => l());
  const store: Store<T> = {
    get: () => value,
    set(next) {
      const v = typeof next === 'function' ? (next as (p: T) => T)(value) : next;
      if (Object.is(v, value)) return;
      value = v;
      emit();
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    reset() {
      value = initial;
      emit();
    },
  };
  if (!opts.keepOnLock) sessionResets.add(store.reset);
  return store;
}

export function useStore<T>(store: Store<T>): T;
export function useStore<T, S>(store: Store<T>, select: (v: T) => S): S;
export function useStore<T, S>(store: Store<T>, select?: (v: T) => S): T | S {
  const get = () => (select ? select(store.get()) : store.get());
  return useSyncExternalStore(store.subscribe, get, get);
}

/** Resets every session store and the query cache. Called on `vault.locked` and on Lock. */
export function dropSessionState(): void {
  epoch += 1;
  queryCache.clear();
  for (const reset of sessionResets) reset();
}

export function currentEpoch(): number {
  return epoch;
}

// ---- a small query cache for screens that load data through the client ----

type Entry = { promise?: Promise<unknown>; done: boolean; value?: unknown; error?: ApiError; epoch: number };
const queryCache = new Map<string, Entry>();
const queryListeners = new Set<Listener>();

/** Marks cached answers whose key starts with `prefix` as stale; mounted queries reload. */
export function invalidate(prefix = ''): void {
  for (const k of [...queryCache.keys()]) if (k.startsWith(prefix)) queryCache.delete(k);
  queryListeners.forEach((l) => l());
}

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: T };

/**
 * Loads `key` once per unlock and shares the answer between screens. The fetcher goes through the
 * client (`call(...)`); errors arrive as ApiError with a stable code.
 */
export function useQuery<T>(key: string, fetcher: () => Promise<T>): QueryState<T> & { reload(): void } {
  const [, force] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    const l = () => force((n) => n + 1);
    queryListeners.add(l);
    return () => {
      queryListeners.delete(l);
    };
  }, []);

  const entry = queryCache.get(key);
  useEffect(() => {
    if (queryCache.has(key)) return;
    const started = epoch;
    const e: Entry = { done: false, epoch: started };
    queryCache.set(key, e);
    e.promise = fetcherRef
      .current()
      .then(
        (value) => {
          e.value = value;
        },
        (err: unknown) => {
          e.error = isApiError(err) ? err : new ApiError({ code: 'INTERNAL', message: 'Sakta could not load this.' });
        },
      )
      .finally(() => {
        e.done = true;
        // Locked meanwhile: the cache was cleared and this answer belongs to nobody.
        if (started === epoch && queryCache.get(key) === e) queryListeners.forEach((l) => l());
      });
  }, [key, entry]);

  const reload = useCallback(() => invalidate(key), [key]);
  if (!entry || !entry.done) return { status: 'loading', reload };
  if (entry.error) return { status: 'error', error: entry.error, reload };
  return { status: 'ready', data: entry.value as T, reload };
}
