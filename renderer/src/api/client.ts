/**
 * The only module that touches window.sakta. Everything else in the renderer imports from here, so
 * the preload's shape, error handling and the "not running inside Sakta" case live in one place.
 */
import type { Channel, EventName, EventPayload, RequestOf, ResponseOf, SaktaApi } from '../../../shared/ipc/contract';
import type { ErrorCode, SaktaErrorShape } from '../../../shared/errors';
import type { Result } from '../../../shared/result';
import type { PickedFile } from '../../../shared/schemas/picked';

declare global {
  interface Window {
    /** Defined by the preload (Electron) or by the test bridge's preload script; absent in a plain browser. */
    readonly sakta?: SaktaApi;
  }
}

/** A failed call, carrying the stable code so screens can choose their own wording. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  constructor(shape: SaktaErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.fields = shape.fields;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Import tokens for files dropped on the window (Electron only; the page never sees their paths); [] elsewhere. */
export async function dropFiles(files: readonly File[]): Promise<PickedFile[]> {
  return (await window.sakta?.dropFiles(files)) ?? [];
}

/** The isolated PDF viewer page (another origin, no preload), or null outside Sakta's window. */
export function viewerFrameUrl(): string | null {
  return window.sakta?.viewerFrameUrl ?? null;
}

/** The isolated image, audio and video viewer page (a third origin, no preload), or null outside Sakta's window. */
export function mediaFrameUrl(): string | null {
  return window.sakta?.mediaFrameUrl ?? null;
}

export function hasApi(): boolean {
  return typeof window !== 'undefined' && window.sakta !== undefined;
}

function api(): SaktaApi {
  const s = window.sakta;
  if (!s) throw new ApiError({ code: 'UNSUPPORTED', message: 'Sakta is not running inside its own window.' });
  return s;
}

type Method = (req: unknown) => Promise<Result<unknown>>;

/** Calls a channel and returns its Result unchanged (for screens that branch on the error code). */
export async function callResult<C extends Channel>(channel: C, req: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  const dot = channel.indexOf('.');
  const domain = channel.slice(0, dot);
  const method = channel.slice(dot + 1);
  const ns = (api() as unknown as Record<string, Record<string, Method> | undefined>)[domain];
  const fn = ns?.[method];
  if (typeof fn !== 'function') return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown request.' } };
  try {
    return (await fn(req)) as Result<ResponseOf<C>>;
  } catch {
    // The transport itself failed (the main process went away): never show raw exception text.
    return { ok: false, error: { code: 'INTERNAL', message: 'Sakta could not complete the request.' } };
  }
}

/** Calls a channel and returns its value, or throws ApiError. */
export async function call<C extends Channel>(channel: C, req: RequestOf<C>): Promise<ResponseOf<C>> {
  const r = await callResult(channel, req);
  if (!r.ok) throw new ApiError(r.error);
  return r.value;
}

/** Subscribes to a main → renderer event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  if (!hasApi()) return () => {};
  return api().on(event, listener);
}
