/** MuPDF, loaded once per process for the bundle engine and redaction. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SaktaError } from '../../shared/errors';

export type Mupdf = typeof import('mupdf');

/** The WebAssembly API as used here: Node has it, but the ES2023 and Node typings this project compiles with do not declare it. */
type WasmModule = object;
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  Instance: new (module: WasmModule, imports: object) => object;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The hook mupdf-wasm.js (an Emscripten module) reads from this global when mupdf.js first runs. */
type EmscriptenHooks = { instantiateWasm(imports: object, done: (instance: object, module: WasmModule) => void): object };
const HOOKS_GLOBAL = '$libmupdf_wasm_Module';

const require = createRequire(import.meta.url);

let loading: Promise<Mupdf> | null = null;

/**
 * Compiles MuPDF's WebAssembly (~10 MiB) from a buffer that is dropped as soon as it is compiled.
 * Emscripten's own loader keeps a copy alive after instantiating: in the bundle bench's child that was ~19 MiB
 * more RSS once the engine had loaded. V8 compiles lazily, so this is quick; functions compile on first call.
 */
async function compileMupdfWasm(): Promise<WasmModule> {
  const wasmFile = path.join(path.dirname(require.resolve('mupdf')), 'mupdf-wasm.wasm');
  const bytes = fs.readFileSync(wasmFile);
  try {
    return await wasmApi.compile(bytes);
  } finally {
    // WebAssembly.compile took its own copy. Detaching frees this one now rather than at some later
    // collection, which a small JavaScript heap may not run before the build's peak.
    // (ArrayBuffer.prototype.transfer is ES2024, so not in the ES2023 typings; Node 24 and Electron 45 have it.)
    (bytes.buffer as ArrayBuffer & { transfer(length: number): ArrayBuffer }).transfer(0);
  }
}

/**
 * MuPDF (Artifex's WebAssembly build) is an ES module with top-level await, so the CommonJS bundles
 * (dist/cli.cjs, dist/main.cjs) cannot require() it: it stays external (scripts/build.mjs) and is
 * imported dynamically, once per process. Compiling the WebAssembly is the slow part, so the promise is kept.
 */
export function loadMupdf(): Promise<Mupdf> {
  loading ??= compileMupdfWasm()
    .then(async (wasm) => {
      const hooks: EmscriptenHooks = {
        // Synchronous, so a failure rejects the module's start (and so the import) instead of leaving it waiting.
        instantiateWasm: (imports, done) => (done(new wasmApi.Instance(wasm, imports), wasm), {}),
      };
      (globalThis as Record<string, unknown>)[HOOKS_GLOBAL] = hooks;
      try {
        return await import('mupdf');
      } finally {
        delete (globalThis as Record<string, unknown>)[HOOKS_GLOBAL];
      }
    })
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
