/** The mupdf module's type; the module itself is ESM with top-level await, so it is only ever `import()`ed. */
export type MuPdf = typeof import('mupdf');

let loading: Promise<MuPdf> | null = null;

/**
 * Loads MuPDF's WebAssembly build once per process. A dynamic import, because the CLI is bundled to CommonJS
 * (which cannot `require` a module with top-level await) and keeps `mupdf` external (scripts/build.mjs).
 */
export function loadMuPdf(): Promise<MuPdf> {
  loading ??= import('mupdf');
  return loading;
}
