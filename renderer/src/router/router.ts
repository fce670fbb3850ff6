/**
 * A tiny in-memory router. A route is a name plus string params, written as a hash-style path
 * ("#/cases/abc") only for display and tests; it never touches location or history, so nothing
 * about what the user looked at survives a reload or lingers in the window's history.
 */
import { createStore, useStore } from '../state/store';

export interface Route {
  name: string;
  params: Readonly<Record<string, string>>;
}

export const DEFAULT_ROUTE: Route = { name: 'dashboard', params: {} };

/** Session state: reset to the default on lock (the lock handler remembers the name separately). */
export const routeStore = createStore<Route>(DEFAULT_ROUTE);

export function navigate(name: string, params: Record<string, string> = {}): void {
  routeStore.set({ name, params });
}

export function useRoute(): Route {
  return useStore(routeStore);
}

export function toHash(route: Route): string {
  const rest = Object.entries(route.params)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `#/${encodeURIComponent(route.name)}${rest ? `?${rest}` : ''}`;
}

export function parseHash(hash: string): Route | null {
  const m = /^#\/([^?]+)(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  try {
    const params: Record<string, string> = {};
    for (const part of (m[2] ?? '').split('&').filter(Boolean)) {
      const [k = '', v = ''] = part.split('=');
      params[decodeURIComponent(k)] = decodeURIComponent(v);
    }
    return { name: decodeURIComponent(m[1] ?? ''), params };
  } catch {
    return null;
  }
}
