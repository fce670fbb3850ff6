import fs from 'node:fs';
import { SaktaError } from '../../shared/errors';

export type BlobSource = string | AsyncIterable<Uint8Array>;

/** A failure of the user's file (not of the vault), already worded for the user. */
export class SourceFailure {
  constructor(readonly error: SaktaError) {}
}

/** Source read failures are about the user's file, not the vault: say so. */
function sourceError(e: unknown): SaktaError {
  if (e instanceof SaktaError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new SaktaError('NOT_FOUND', 'The file to add was not found.');
  if (code === 'EISDIR') return new SaktaError('VALIDATION', 'That is a folder, not a file.');
  if (code === 'EACCES' || code === 'EPERM') return new SaktaError('IO_ERROR', 'The file to add cannot be read (permission denied).');
  return new SaktaError('IO_ERROR', `The file to add could not be read (${code ?? 'unknown error'}).`);
}

/**
 * Plaintext arriving in whole batches. `fill` copies into the caller's buffer until it is full or the source
 * ends, so a short fill means the end: the writer relies on that to put the FINAL tag on the true last chunk.
 */
export interface BatchSource {
  /** Size from stat for a path (it may still change while being read); undefined for a stream. */
  readonly sizeHint: number | undefined;
  fill(into: Buffer): Promise<number>;
  close(): Promise<void>;
}

export async function openBatchSource(source: BlobSource): Promise<BatchSource> {
  return typeof source === 'string' ? openFile(source) : fromIterable(source);
}

async function openFile(file: string): Promise<BatchSource> {
  let fh: fs.promises.FileHandle;
  let size: number;
  try {
    fh = await fs.promises.open(file, 'r');
  } catch (e) {
    throw new SourceFailure(sourceError(e));
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    await fh.close().catch(() => undefined);
    throw new SourceFailure(sourceError(e));
  }
  return {
    sizeHint: size,
    async fill(into) {
      let n = 0;
      try {
        while (n < into.length) {
          const { bytesRead } = await fh.read(into, n, into.length - n, null);
          if (bytesRead === 0) break;
          n += bytesRead;
        }
      } catch (e) {
        throw new SourceFailure(sourceError(e));
      }
      return n;
    },
    close: () => fh.close(),
  };
}

function fromIterable(source: AsyncIterable<Uint8Array>): BatchSource {
  const it = source[Symbol.asyncIterator]();
  // The unconsumed rest of the last piece. Safe to keep as a view: the next piece is only asked for once this
  // one is used up, and a producer may reuse its buffer only after that.
  let rest: Uint8Array | null = null;
  let ended = false;
  return {
    sizeHint: undefined,
    async fill(into) {
      let n = 0;
      while (n < into.length) {
        if (!rest || rest.byteLength === 0) {
          if (ended) break;
          let r: IteratorResult<Uint8Array>;
          try {
            r = await it.next();
          } catch (e) {
            throw e instanceof SaktaError ? e : new SourceFailure(sourceError(e));
          }
          if (r.done) {
            ended = true;
            break;
          }
          rest = r.value;
          continue;
        }
        const take = Math.min(rest.byteLength, into.length - n);
        into.set(rest.subarray(0, take), n);
        rest = rest.subarray(take);
        n += take;
      }
      return n;
    },
    async close() {
      rest = null;
      if (!ended) await it.return?.().catch(() => undefined);
    },
  };
}
