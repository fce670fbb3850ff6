import type { Channel, EventName, SaktaApi } from '../../shared/ipc/contract';
import type { Result } from '../../shared/result';

/**
 * Builds `window.sakta` from the contract's channel and event names. Pure (no Electron) so it is
 * tested under Node; the preload passes in ipcRenderer-backed `invoke` and `subscribe`.
 * Only named methods cross the bridge — never ipcRenderer, never an IPC event object.
 */
export interface ApiTransport {
  invoke(channel: Channel, request: unknown): Promise<unknown>;
  /** Delivers only the payload; returns an unsubscribe function. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Path of a dropped File; absent where the platform has none (the test bridge). */
  pathForFile?(file: unknown): string;
  /** Where the isolated PDF viewer page is served (another origin than the app's). */
  viewerFrameUrl: string;
}

const transportFailure: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Sakta could not reach its background process. Restart the app.' },
};

export function buildSaktaApi(channels: readonly Channel[], eventNames: readonly EventName[], transport: ApiTransport): SaktaApi {
  const api: Record<string, Record<string, unknown>> = Object.create(null);
  for (const channel of channels) {
    const dot = channel.indexOf('.');
    const domain = channel.slice(0, dot);
    const method = channel.slice(dot + 1);
    if (dot <= 0 || !method || domain === 'on' || domain === 'pathForFile' || domain === 'viewerFrameUrl') throw new Error(`Malformed channel name "${channel}"`);
    const ns = (api[domain] ??= Object.create(null) as Record<string, unknown>);
    // Every call resolves to a Result, even when the IPC layer itself fails, so the renderer has one path.
    ns[method] = async (request?: unknown): Promise<unknown> => {
      try {
        return await transport.invoke(channel, request ?? {});
      } catch {
        return transportFailure;
      }
    };
  }
  const allowed = new Set<string>(eventNames);
  const on = (event: EventName, listener: (payload: never) => void): (() => void) => {
    if (typeof event !== 'string' || !allowed.has(event)) throw new TypeError(`Unknown event "${String(event)}"`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
    let active = true;
    const unsubscribe = transport.subscribe(event, (payload) => {
      if (active) listener(payload as never);
    });
    return () => {
      if (!active) return;
      active = false;
      unsubscribe();
    };
  };
  const pathForFile = (file: unknown): string | null => {
    try {
      return transport.pathForFile?.(file) || null;
    } catch {
      return null; // not a File, or a File made in the page rather than dropped from the OS
    }
  };
  for (const ns of Object.values(api)) Object.freeze(ns);
  return Object.freeze({ ...api, on, pathForFile, viewerFrameUrl: String(transport.viewerFrameUrl) }) as unknown as SaktaApi;
}
