/**
 * An async iterable as a web ReadableStream that pulls one piece at a time: the decryption runs only as
 * fast as Chromium reads, and when the media element seeks away (cancelling the response) the generator
 * is closed, so no further chunk is decrypted.
 */
export function toWebStream(body: AsyncIterable<Buffer>): ReadableStream<Uint8Array> {
  const it = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await it.next();
          if (done) controller.close();
          else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        } catch {
          // An INTEGRITY failure mid-stream: the element sees a network error, never unauthenticated bytes.
          controller.error(new Error('media stream failed'));
        }
      },
      async cancel() {
        await it.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
