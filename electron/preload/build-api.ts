import type { Channel, EventName, SaktaApi } from '../../shared/ipc/contract';
import type { Result } from '../../shared/result';
import type { PickedFile } from '../../shared/schemas/picked';

/**
 * Builds `window.sakta` from the contract's channel and event names. Pure (no Electron) so it is
 * tested under Node; the preload passes in ipcRenderer-backed `invoke` and `subscribe`.
 * Only named methods cross the bridge — never ipcRenderer, never an IPC event object.
 */
export interface ApiTransport {
  invoke(channel: Channel, request: unknown): Promise<unknown>;
  /** Delivers only the payload; returns an unsubscribe function. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Import tokens for dropped Files; absent where the platform has no paths (the test bridge). */
  dropFiles?(files: readonly unknown[]): Promise<unknown>;
  /** Where the isolated PDF viewer page is served (another origin than the app's). */
  viewerFrameUrl: string;
  /** Where the isolated image, audio and video viewer page is served (a third origin). */
  mediaFrameUrl: string;
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
    if (dot <= 0 || !method || domain === 'on' || domain === 'dropFiles' || domain === 'viewerFrameUrl' || domain === 'mediaFrameUrl') throw new Error(`Malformed channel name "${channel}"`);
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
  const dropFiles = async (files: readonly unknown[]): Promise<PickedFile[]> => {
    try {
      const r = await transport.dropFiles?.(Array.from(files));
      // Checked by hand: the preload bundle stays free of zod.
      const ok = (x: unknown): x is PickedFile =>
        !!x && typeof x === 'object' && /^[0-9a-f]{64}$/.test(String((x as PickedFile).token)) && typeof (x as PickedFile).name === 'string';
      return Array.isArray(r) ? r.filter(ok).map((x) => ({ token: x.token, name: x.name })) : [];
    } catch {
      return []; // not Files, or Files made in the page rather than dropped from the OS
    }
  };
  for (const ns of Object.values(api)) Object.freeze(ns);
  return Object.freeze({ ...api, on, dropFiles, viewerFrameUrl: String(transport.viewerFrameUrl), mediaFrameUrl: String(transport.mediaFrameUrl) }) as unknown as SaktaApi;
}
