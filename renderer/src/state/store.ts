/**
 * The one module wrapping renderer state. Every store created here holds session data unless marked
 * `keepOnLock`, and `dropSessionState()` resets them all at once when the vault locks: nothing a
 * screen loaded may outlive the unlock that allowed it.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Channel, EventPayload, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import { isAffected } from '../../../shared/ipc/reads';
import { ApiError, call, isApiError } from '../api/client';

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
  pendingChanges = [];
  for (const reset of sessionResets) reset();
}

export function currentEpoch(): number {
  return epoch;
}

// ---- live queries: answers of read channels, reloaded when the main process says their data changed ----

type Entry = {
  channel: Channel;
  request: unknown;
  /** Bumped per fetch, so only the newest answer lands. */
  generation: number;
  loading: boolean;
  /** Out of date: shown until the reload answers, so an open form is never torn down mid-edit. */
  stale: boolean;
  done: boolean;
  value?: unknown;
  error?: ApiError;
};
const queryCache = new Map<string, Entry>();
const queryListeners = new Set<Listener>();
const notify = () => queryListeners.forEach((l) => l());

/** The key of a query: its channel and its request, with object keys in a stable order. */
export function queryKey(channel: Channel, request: unknown): string {
  const stable = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, stable((v as Record<string, unknown>)[k])]))
      : Array.isArray(v)
        ? v.map(stable)
        : v;
  return `${channel} ${JSON.stringify(stable(request ?? {}))}`;
}

/**
 * Marks every cached answer the change may affect as stale (shared/ipc/reads.ts says which); mounted
 * queries reload. The app calls this for each `data.changed` event from the main process: no screen
 * names another screen's data to refresh it.
 */
export function applyDataChange(change: EventPayload<'data.changed'>): void {
  pendingChanges.push(change);
  // Coalesced: a burst of writes (an import of many files, a script making thousands of records) costs
  // one pass and one reload per affected query, not one per write.
  pendingTimer ??= setTimeout(flushDataChanges, 25);
}

let pendingChanges: EventPayload<'data.changed'>[] = [];
let pendingTimer: ReturnType<typeof setTimeout> | null = null;

function flushDataChanges(): void {
  const changes = pendingChanges;
  pendingChanges = [];
  pendingTimer = null;
  let any = false;
  for (const e of queryCache.values()) {
    if (changes.some((c) => isAffected(e.channel, e.request, c))) {
      e.stale = true;
      any = true;
    }
  }
  if (any) notify();
}

function fetchEntry(key: string, channel: Channel, request: unknown): void {
  const e: Entry = queryCache.get(key) ?? { channel, request, generation: 0, loading: false, stale: false, done: false };
  queryCache.set(key, e);
  const started = epoch;
  const generation = ++e.generation;
  e.loading = true;
  e.stale = false;
  call(channel, request as never).then(
    (value) => {
      if (generation !== e.generation) return;
      e.value = value;
      e.error = undefined;
    },
    (err: unknown) => {
      if (generation !== e.generation) return;
      e.error = isApiError(err) ? err : new ApiError({ code: 'INTERNAL', message: 'Sakta could not load this.' });
    },
  ).finally(() => {
    if (generation !== e.generation) return;
    e.loading = false;
    e.done = true;
    // Locked meanwhile: the cache was cleared and this answer belongs to nobody.
    if (started === epoch && queryCache.get(key) === e) notify();
  });
}

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: T };

/**
 * The answer of `channel` to `request`, shared between screens, loaded once per unlock and reloaded when a
 * `data.changed` event says it may be out of date. `select` picks the part a screen shows (not part of the key).
 */
export function useQuery<C extends Channel, T = ResponseOf<C>>(
  channel: C,
  request: RequestOf<C>,
  select?: (value: ResponseOf<C>) => T,
): QueryState<T> & { reload(): void } {
  const [, force] = useState(0);
  const key = queryKey(channel, request);
  const requestRef = useRef(request);
  requestRef.current = request;

  useEffect(() => {
    const l = () => force((n) => n + 1);
    queryListeners.add(l);
    return () => {
      queryListeners.delete(l);
    };
  }, []);

  const entry = queryCache.get(key);
  // Checked after every render, not only when a "needs fetch" flag flips: a change can mark the entry stale
  // while its previous reload is in flight, and if that reload answers before React renders again, two
  // renders in a row see "stale, not loading" and an effect keyed on that flag would never fire — the
  // screen kept the older answer (a person added but missing from the table until the next change).
  // Every transition to "stale, not loading" notifies, so a render and this check always follow it.
  useEffect(() => {
    // Read from the cache, not from this render: another screen may have started the fetch already.
    const e = queryCache.get(key);
    if (!e || (e.stale && !e.loading)) fetchEntry(key, channel, requestRef.current);
  });

  const reload = useCallback(() => {
    const e = queryCache.get(key);
    if (e) e.stale = true;
    notify();
  }, [key]);
  if (!entry || !entry.done) return { status: 'loading', reload };
  if (entry.error) return { status: 'error', error: entry.error, reload };
  const value = entry.value as ResponseOf<C>;
  return { status: 'ready', data: select ? select(value) : (value as unknown as T), reload };
}
