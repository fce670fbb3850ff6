import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * The plaintext SHA-256 of a blob being written. On a big file it runs in a worker thread so that hashing
 * (~1.5 GB/s) and encryption (~1.2 GB/s) use both cores instead of adding up on one.
 *
 * `update` takes ownership of a batch buffer (it must span its whole ArrayBuffer) and hands it back, same
 * memory, once hashed: the worker gets it by transfer, not by copy. Not shared memory: sodium-native silently
 * encrypts zeros from a SharedArrayBuffer view, so the buffer is encrypted first and hashed after.
 */
export interface Sha256Sink {
  update(batch: Buffer, length: number): Promise<Buffer>;
  digest(): Promise<string>;
  /** Stops the worker; safe to call twice and after a failure. */
  close(): Promise<void>;
}

export function inlineSha256(): Sha256Sink {
  const h = createHash('sha256');
  return {
    update(batch, length) {
      h.update(batch.subarray(0, length));
      return Promise.resolve(batch);
    },
    digest: () => Promise.resolve(h.digest('hex')),
    close: () => Promise.resolve(),
  };
}

// Inline source so the worker survives bundling (dist/cli.cjs, the Electron main bundle) without a second
// entry file. Messages are handled in order, so the hash sees the batches in stream order.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const h = require('node:crypto').createHash('sha256');
parentPort.on('message', (m) => {
  if (m === 'digest') return parentPort.postMessage(h.digest('hex'));
  h.update(new Uint8Array(m.buffer, 0, m.length));
  parentPort.postMessage(m.buffer, [m.buffer]);
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
  const ask = (msg: unknown, transfer: ArrayBuffer[] = []): Promise<unknown> => {
    if (failed) return Promise.reject(failed);
    return new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.postMessage(msg, transfer);
    });
  };
  let closed: Promise<void> | null = null;
  return {
    async update(batch, length) {
      const ab = batch.buffer;
      if (!(ab instanceof ArrayBuffer) || batch.byteOffset !== 0 || batch.byteLength !== ab.byteLength) {
        throw new Error('workerSha256 needs a buffer that owns its whole ArrayBuffer');
      }
      return Buffer.from((await ask({ buffer: ab, length }, [ab])) as ArrayBuffer);
    },
    async digest() {
      return (await ask('digest')) as string;
    },
    close() {
      closed ??= worker.terminate().then(() => undefined);
      return closed;
    },
  };
}
