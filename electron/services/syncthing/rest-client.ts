import type { z } from 'zod';
import { SyncEngineError } from './problems';

/** Syncthing's REST API on 127.0.0.1 with its API key; every answer parsed by a zod schema before use. */
export class SyncthingRest {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async get<S extends z.ZodType>(pathAndQuery: string, schema: S, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<z.infer<S>> {
    return schema.parse(await this.call('GET', pathAndQuery, undefined, opts)) as z.infer<S>;
  }

  async send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', pathAndQuery: string, body?: unknown, timeoutMs?: number): Promise<void> {
    await this.call(method, pathAndQuery, body, timeoutMs === undefined ? {} : { timeoutMs });
  }

  private async call(method: string, pathAndQuery: string, body: unknown, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<unknown> {
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
    const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
    const res = await fetch(this.baseUrl + pathAndQuery, {
      method,
      headers: { 'X-API-Key': this.apiKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    const text = await res.text();
    if (!res.ok) {
      // Syncthing's error text may name a folder path; the path is random, never a case name.
      throw new SyncEngineError('ENGINE_FAILED', `${method} ${pathAndQuery.split('?')[0]}: HTTP ${res.status} ${text.trim().slice(0, 200)}`);
    }
    return text ? (JSON.parse(text) as unknown) : null;
  }
}
