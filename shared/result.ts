import type { SaktaErrorShape } from './errors';

/** What every IPC call answers: the value, or a stable error code with a human message. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: SaktaErrorShape };
