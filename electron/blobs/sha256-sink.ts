import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * The plaintext SHA-256 of a blob being written. On a big file it runs in a worker thread so that hashing
 * (~1.5 GB/s) and encryption (~1.2 GB/s) use both cores instead of adding up on one. The worker reads the
 * caller's SharedArrayBuffer-backed batch in place (no copy); `update` resolves once it is done with it, and
 * only then may the caller refill that batch.
 */
export interface Sha256Sink {
  update(bytes: Uint8Array): Promise<void>;
  digest(): Promise<string>;
  /** Stops the worker; safe to call twice and after a failure. */
  close(): Promise<void>;
}

export function inlineSha256(): Sha256Sink {
  const h = createHash('sha256');
  return {
    update(bytes) {
      h.update(bytes);
      return Promise.resolve();
    },
    digest: () => Promise.resolve(h.digest('hex')),
    close: () => Promise.resolve(),
  };
}

// Inline source so the worker survives bundling (dist/cli.cjs, the Electron main bundle) without a second
// entry file. It only ever sees plaintext in shared memory and sends back acknowledgements and the digest.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const h = require('node:crypto').createHash('sha256');
parentPort.on('message', (m) => {
  if (m === 'digest') parentPort.postMessage({ digest: h.digest('hex') });
  else { h.update(m); parentPort.postMessage(0); }
});
`;

export function workerSha256(): Sha256Sink {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const waiting: { resolve(v: unknown): void; reject(e: unknown): void }[] = [];
  let failed: Error | null = null;
  const fail = (e: Error) => {
    failed ??= e;
    for (const w of waiting.splice(0)) w.reject(failed);
  };
  worker.on('message', (m: unknown) => waiting.shift()?.resolve(m));
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('the hashing thread stopped')));
  const ask = (msg: unknown): Promise<unknown> => {
    if (failed) return Promise.reject(failed);
    return new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.postMessage(msg);
    });
  };
  let closed: Promise<void> | null = null;
  return {
    async update(bytes) {
      if (!(bytes.buffer instanceof SharedArrayBuffer)) throw new Error('workerSha256 needs shared memory');
      await ask(bytes);
    },
    async digest() {
      return ((await ask('digest')) as { digest: string }).digest;
    },
    close() {
      closed ??= worker.terminate().then(() => undefined);
      return closed;
    },
  };
}
