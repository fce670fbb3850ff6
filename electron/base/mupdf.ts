/** MuPDF, loaded once per process for the bundle engine and redaction. */
import { SaktaError } from '../../shared/errors';

export type Mupdf = typeof import('mupdf');

let loading: Promise<Mupdf> | null = null;

/**
 * MuPDF (Artifex's WebAssembly build) is an ES module with top-level await, so the CommonJS bundles
 * (dist/cli.cjs, dist/main.cjs) cannot require() it: it stays external (scripts/build.mjs) and is
 * imported dynamically, once per process. Compiling the WebAssembly is the slow part, so the promise is kept.
 */
export function loadMupdf(): Promise<Mupdf> {
  loading ??= import('mupdf')
    .then((m) => {
      // MuPDF reports repairs of a damaged file on stderr; the bundle turns failures into coded errors, and
      // a warning may quote a file's text, which has no place in a log.
      m.setLog({ error: () => undefined, warning: () => undefined });
      return m;
    })
    .catch((e: unknown) => {
    loading = null;
    throw new SaktaError('INTERNAL', `The PDF engine (mupdf) could not be loaded: ${(e as Error)?.message ?? e}`);
  });
  return loading;
}
