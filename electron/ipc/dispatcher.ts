import v8 from 'node:v8';
import { contract, MAX_PAYLOAD_BYTES, type Channel, type ParsedRequestOf, type ResponseOf } from '../../shared/ipc/contract';
import { isSaktaError, type SaktaError, type SaktaErrorShape } from '../../shared/errors';
import type { Result } from '../../shared/result';
import { fieldErrors } from '../../shared/zod-fields';
import { escapeUnsafeKeepLayout, hasUnsafeChars } from '../../shared/safe-text';

/**
 * The single gate of every IPC call, with no dependency on Electron so the test bridge runs the very
 * same checks: sender → size → strict schema → service → response schema → Result.
 * No stack trace, secret or raw exception text ever crosses.
 */
export interface Caller {
  /** Origin of the calling frame, e.g. "app://sakta". */
  origin: string;
  /** False for iframes (the PDF viewer) and anything that is not the top-level document. */
  isMainFrame: boolean;
}

export type Handler<C extends Channel> = (req: ParsedRequestOf<C>, caller: Caller) => Promise<ResponseOf<C>> | ResponseOf<C>;
export type Handlers = { [C in Channel]: Handler<C> };

export interface DispatcherOptions {
  allowedOrigins: readonly string[];
  maxPayloadBytes?: number;
  /** Receives only codes and channel names, never payloads or messages that could hold case data. */
  logFailure?: (entry: { channel: string; code: string }) => void;
  /**
   * Turns a failure the services did not raise as a SaktaError (a refused SQLite write, a full disk) into
   * one with a stable code; anything it does not know becomes INTERNAL. The composition passes the
   * database's `knownDbError`, so this gate depends on no storage module.
   */
  mapError?: (e: unknown) => SaktaError | null;
}

const err = (code: SaktaErrorShape['code'], message: string, fields?: Record<string, string>): Result<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

/**
 * The size of what actually crossed: Electron's IPC carries a structured clone (V8's serializer), so a Map,
 * a Set or a typed array arrives whole. JSON.stringify turns a 10 MB Map into "{}" and would let it pass.
 */
export function serializedSize(payload: unknown): number | null {
  try {
    return v8.serialize(payload ?? null).length;
  } catch {
    return null; // functions, symbols: not something IPC can carry
  }
}

/**
 * Every string the window receives with control and bidirectional characters shown as `\uXXXX`: the schemas
 * refuse them in new input, but a vault written before that (or a document's own text) may hold a U+202E that
 * would flip how a name reads on screen. Plain objects and arrays are walked; bytes and other values pass as is.
 */
export function neutraliseStrings(value: unknown): unknown {
  if (typeof value === 'string') return hasUnsafeChars(value) ? escapeUnsafeKeepLayout(value) : value;
  if (Array.isArray(value)) return value.map(neutraliseStrings);
  if (value && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = neutraliseStrings(v);
    return out;
  }
  return value;
}

export function createDispatcher(handlers: Handlers, opts: DispatcherOptions) {
  const max = opts.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
  const log = opts.logFailure ?? (() => {});

  return async function dispatch(channel: unknown, payload: unknown, caller: Caller): Promise<Result<unknown>> {
    const name = typeof channel === 'string' ? channel.slice(0, 80) : '?';
    const fail = (r: Result<never>) => {
      if (!r.ok) log({ channel: name, code: r.error.code });
      return r;
    };
    if (!caller || !opts.allowedOrigins.includes(caller.origin) || caller.isMainFrame !== true) {
      return fail(err('FORBIDDEN_SENDER', 'This request did not come from the Sakta window.'));
    }
    if (typeof channel !== 'string' || !Object.prototype.hasOwnProperty.call(contract, channel)) {
      return fail(err('UNKNOWN_CHANNEL', 'Unknown request.'));
    }
    const size = serializedSize(payload);
    if (size === null) return fail(err('BAD_REQUEST', 'The request could not be read.'));
    if (size > max) return fail(err('PAYLOAD_TOO_LARGE', 'The request is too large.'));

    const c = channel as Channel;
    const spec = contract[c];
    const parsed = spec.request.safeParse(payload ?? {});
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      const first = Object.entries(fields)[0];
      return fail(err('BAD_REQUEST', `The request is not valid${first ? ` (${first[0]}: ${first[1]})` : ''}.`, fields));
    }
    const handler = handlers[c] as Handler<Channel>;
    try {
      const value = await handler(parsed.data as never, caller);
      const out = spec.response.safeParse(value);
      if (!out.success) {
        log({ channel: name, code: 'INTERNAL' });
        return err('INTERNAL', 'Something went wrong inside Sakta; nothing was changed.');
      }
      return { ok: true, value: neutraliseStrings(out.data) };
    } catch (e) {
      if (isSaktaError(e)) return fail({ ok: false, error: e.toShape() });
      const known = opts.mapError?.(e);
      if (known) return fail({ ok: false, error: known.toShape() });
      // Unknown errors may carry file paths or data in their text: report only that it happened.
      log({ channel: name, code: 'INTERNAL' });
      return err('INTERNAL', 'Something went wrong inside Sakta; nothing was changed.');
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
