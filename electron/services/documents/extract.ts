import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SniffedKind } from '../../../shared/schemas/document';
import { imageSize, MAX_OCR_PIXELS, OCR_ENGINE_SOURCE, OCR_WORKER_SOURCE, ocrWorkerData } from './ocr';
import { findOcrLanguages, type OcrLanguage } from './ocr-languages';
import { findTesseract, NATIVE_OCR_ERRORS, NativeOcrError, type NativeOcrErrorCode, nativeReason, nativeTessdata, resetTesseractCache, runNativeOcr, type TesseractBinary } from './ocr-native';
import { PHOTO_PNM_SOURCE } from './grey-image';
import { MIN_PAGE_TEXT_CHARS, PDF_SCAN_SOURCE } from './pdf-scan';

/**
 * Text for search, from decrypted bytes held only in memory. PDF and DOCX parsing and OCR run in a worker
 * thread with a heap cap, a wall-clock deadline and a watch on the process's memory, so a hostile
 * file (a decompression bomb, a parser loop) costs at most those bounds and never hangs the app.
 */
export interface ExtractLimits {
  timeoutMs: number;
  maxPages: number;
  maxChars: number;
  /** Growth of the whole process's RSS while parsing, beyond which the parse is stopped. */
  maxMemoryMb: number;
  /**
   * Time added to `timeoutMs` for each scanned PDF page read by OCR (about 1.5 s each here), so a long scan is not
   * cut off by the limit meant for parsing, while a page that never finishes still is.
   */
  ocrPageMs?: number;
  /** Scanned pages read by OCR per PDF; pages past this are left out and the text is marked truncated. */
  maxOcrPages?: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  timeoutMs: 60_000,
  maxPages: 2_000,
  maxChars: 10_000_000,
  maxMemoryMb: 768,
  ocrPageMs: 30_000,
  maxOcrPages: 500,
};

/** `ocr`: the text was recognised from an image, so it may contain misread words. */
export type ExtractOutcome =
  | { status: 'done'; text: string; truncated: boolean; ocr?: boolean }
  | { status: 'none' }
  | { status: 'failed'; reason: string };

const require = createRequire(import.meta.url);

/** runWorker's reason when the native binary has gone since it was found (never shown: the photo is read by tesseract.js). */
const ENGINE_GONE = 'ENGINE_MISSING';

/**
 * Which Tesseract reads images: a native binary when one is found (ocr-native.ts: `SAKTA_TESSERACT`, the packaged
 * app's resources, fixed system locations; version 4 or later), else tesseract.js in the worker. `SAKTA_OCR_ENGINE=wasm`
 * forces the WebAssembly engine (tests and the bench of the fallback).
 */
export type OcrEngine = { kind: 'native'; binary: TesseractBinary } | { kind: 'wasm' };

export function ocrEngine(): OcrEngine {
  const binary = findTesseract();
  return binary ? { kind: 'native', binary } : { kind: 'wasm' };
}

/** The folder of uncompressed models the native binary reads, or null (then the WebAssembly engine is used). */
function nativeSetup(engine: OcrEngine, langs: OcrLanguage[]): { binary: TesseractBinary; tessdata: string } | null {
  if (engine.kind !== 'native' || langs.length === 0) return null;
  try {
    return { binary: engine.binary, tessdata: nativeTessdata(langs) };
  } catch {
    return null; // the cache folder cannot be written (disk full, read-only home): tesseract.js needs none
  }
}

function modulePaths() {
  return {
    pdfPath: require.resolve('pdfjs-dist/legacy/build/pdf.mjs'),
    // pdf.js's WebAssembly decoders (JPEG 2000, and faster CCITT and JBIG2), read from this folder with fs in
    // Node. Without them pdf.js falls back to its JS decoders, which have no JPEG 2000.
    pdfWasmDir: path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'wasm') + path.sep,
    mammothPath: require.resolve('mammoth'),
    // Pure-JavaScript decoders for photos (grey-image.ts): fast-png is ESM, loaded with import() like pdf.js.
    pngPath: require.resolve('fast-png'),
    jpegPath: require.resolve('jpeg-js'),
  };
}

/** UTF-8 (strict), UTF-16 with a BOM, else Windows-1251 — what Russian-language offices still send. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

// Plain CommonJS run with `eval: true`, so it survives bundling; paths to the parsers come in workerData.
// `ocr` (tesseract.js's folder and the language files) is null when no OCR language data is installed.
// Messages to the parent: {progress, total} after each page, {ocrPage} before a scanned page is recognised
// (the parent extends the deadline), {ocrImage, ocrId} when the native engine is to read a page (answered with
// {ocrId, text} or {ocrId, error}), then {text, truncated, ocr} or {error}. For a photo (kind png or jpeg, native engine
// only) the worker sends its PGM the same way, and a native failure comes back as {nativeError: code}.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const { kind, bytes, pdfPath, pdfWasmDir, mammothPath, pngPath, jpegPath, maxPages, maxChars, maxOcrPages, maxImagePixels, maxMemoryMb } = workerData;
let ocr = workerData.ocr;
${OCR_ENGINE_SOURCE}
// The native engine runs in the parent (which owns and kills the Tesseract child): each page's image goes up as
// {ocrImage, ocrId}, its text comes back as {ocrId, text} or {ocrId, error}.
function nativeOcrEngine() {
  let n = 0;
  const waiting = new Map();
  parentPort.on('message', (m) => {
    const w = waiting.get(m.ocrId);
    if (!w) return;
    waiting.delete(m.ocrId);
    if (m.error) w.reject(new Error(m.error)); else w.resolve(m.text);
  });
  return { recognize: (image) => new Promise((resolve, reject) => {
    const id = n++;
    waiting.set(id, { resolve, reject });
    parentPort.postMessage({ ocrImage: image, ocrId: id }); // a copy: the page is read again here if the binary is gone
  }) };
}
${PDF_SCAN_SOURCE}
${PHOTO_PNM_SOURCE}
const KNOWN = { InvalidPDFException: 'it is not a valid PDF', PasswordException: 'the PDF is password-protected', FormatError: 'the PDF is malformed' };
(async () => {
  try {
    let text = '';
    let truncated = false;
    let usedOcr = false;
    if (kind === 'pdf') {
      const pdfjs = await import(pathToFileURL(pdfPath).href);
      // No canvas and no WebCodecs: pdf.js then decodes images itself (JPEG, JPEG 2000, CCITT, JBIG2, Flate) into
      // plain pixel arrays, and skips any image above maxImagePixels instead of decoding it. wasmUrl is a folder
      // path, read with fs (pdf.js's Node factory), never fetched.
      const doc = await pdfjs.getDocument({
        data: bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, enableXfa: false,
        disableAutoFetch: true, disableStream: true, verbosity: 0,
        isOffscreenCanvasSupported: false, isImageDecoderSupported: false, maxImageSize: maxImagePixels, wasmUrl: pdfWasmDir,
      }).promise;
      const pages = Math.min(doc.numPages, maxPages);
      if (doc.numPages > maxPages) truncated = true;
      let engine = null;
      let ocrPages = 0;
      for (let i = 1; i <= pages; i++) {
        const page = await doc.getPage(i);
        const content = await page.getTextContent();
        let pageText = '';
        for (const item of content.items) {
          if (typeof item.str !== 'string') continue;
          pageText += item.str;
          pageText += item.hasEOL ? '\\n' : (item.str.endsWith(' ') ? '' : ' ');
        }
        // A page with (almost) no text layer: a scan, unless it paints no image big enough to be one.
        if (ocr && pageText.replace(/\\s+/g, '').length < ${MIN_PAGE_TEXT_CHARS}) {
          const scan = await pageScanPnm(page, pdfjs.OPS);
          if (scan && ocrPages >= maxOcrPages) truncated = true;
          else if (scan) {
            ocrPages++;
            parentPort.postMessage({ ocrPage: i });
            try {
              engine = engine || (ocr.native ? nativeOcrEngine() : await startOcrEngine(ocr));
              let read;
              try {
                read = await engine.recognize(scan);
              } catch (e) {
                if (!(ocr.native && e && e.message === 'ENGINE_MISSING')) throw e;
                // The binary has gone since it was found: this page and the rest with tesseract.js.
                ocr = { ...ocr, native: false };
                engine = null;
                engine = await startOcrEngine(ocr);
                read = await engine.recognize(scan);
              }
              if (read.trim()) {
                pageText += (pageText.trim() ? '\\n' : '') + read;
                usedOcr = true;
              }
            } catch {
              // An image Leptonica cannot read loses that page only; an engine that cannot start is not retried.
              if (!engine) ocr = null;
            }
          }
        }
        text += pageText + '\\n\\f\\n';
        page.cleanup();
        parentPort.postMessage({ progress: i, total: pages });
        if (text.length > maxChars) { truncated = true; break; }
      }
      await doc.destroy();
    } else if (kind === 'png' || kind === 'jpeg') {
      // A photo for the native engine: decoded here, and only the grey PGM built from it goes to the Tesseract child.
      const pnm = await photoPnm(kind, bytes, { pngPath, jpegPath, maxPixels: maxImagePixels, maxMemoryMb });
      if (!pnm) { parentPort.postMessage({ error: 'the image could not be read' }); return; }
      try {
        text = await nativeOcrEngine().recognize(pnm);
      } catch (e) {
        parentPort.postMessage({ nativeError: (e && e.message) || 'ENGINE_FAILED' });
        return;
      }
      usedOcr = true;
    } else {
      const mammoth = require(mammothPath);
      const r = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
      text = r.value;
    }
    if (text.length > maxChars) { text = text.slice(0, maxChars); truncated = true; }
    parentPort.postMessage({ text, truncated, ocr: usedOcr });
  } catch (e) {
    // Only the error's class name: parser messages can quote bytes of the document.
    const name = (e && e.name) || 'Error';
    parentPort.postMessage({ error: KNOWN[name] || ('the parser stopped (' + name + ')') });
  }
})();
`;

function runWorker(
  source: string,
  data: Record<string, unknown>,
  bytes: Uint8Array,
  limits: ExtractLimits,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
  native?: { binary: TesseractBinary; tessdata: string; languages: string[]; pageTimeoutMs?: number; photo?: boolean } | null,
): Promise<ExtractOutcome> {
  // A private copy we can hand over without copying again; the caller's buffer stays theirs.
  const own = new Uint8Array(bytes.byteLength);
  own.set(bytes);
  return new Promise((resolve) => {
    const baseline = process.memoryUsage.rss();
    let settled = false;
    const worker = new Worker(source, {
      eval: true,
      workerData: {
        ...data,
        bytes: own,
        maxPages: limits.maxPages,
        maxChars: limits.maxChars,
        maxOcrPages: limits.maxOcrPages ?? DEFAULT_EXTRACT_LIMITS.maxOcrPages,
        maxImagePixels: MAX_OCR_PIXELS,
        maxMemoryMb: limits.maxMemoryMb,
      },
      transferList: [own.buffer],
      resourceLimits: { maxOldGenerationSizeMb: Math.max(64, Math.floor(limits.maxMemoryMb / 2)), maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    // pdf.js warns on stdout/stderr about fonts and canvas; those lines could quote the document.
    worker.stdout.resume();
    worker.stderr.resume();
    // Stops the page being read by the native engine, if any: its child is killed with the worker.
    const ocrStop = new AbortController();
    const finish = (outcome: ExtractOutcome) => {
      if (settled) return;
      settled = true;
      ocrStop.abort();
      clearTimeout(deadline);
      clearInterval(watch);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve(outcome);
    };
    const onAbort = () => finish({ status: 'failed', reason: 'stopped' });
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) onAbort();
    // The parse's time limit, plus ocrPageMs for each scanned page the worker starts to recognise.
    const started = Date.now();
    let budget = limits.timeoutMs;
    const onDeadline = () => finish({ status: 'failed', reason: `reading its text took longer than ${Math.round(budget / 1000)} s` });
    let deadline = setTimeout(onDeadline, budget);
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > limits.maxMemoryMb * 1024 * 1024) {
        finish({ status: 'failed', reason: `reading its text needed more than ${limits.maxMemoryMb} MiB of memory` });
      }
    }, 50);
    // A photo (native.photo): the Tesseract child starts now, loading its models while the worker decodes the
    // photo into the PGM it will be given (or nothing, if the photo cannot be decoded: then it is killed unread).
    let photo: { resolve: (image: Uint8Array | null) => void; text: Promise<string> } | null = null;
    if (native?.photo) {
      let resolveImage!: (image: Uint8Array | null) => void;
      const image = new Promise<Uint8Array | null>((r) => (resolveImage = r));
      photo = { resolve: resolveImage, text: runNativeOcr(image, nativeOptions()) };
      photo.text.catch(() => undefined); // settled through readPage, or dropped when the worker ends first
    }
    function nativeOptions() {
      return {
        binary: native!.binary,
        tessdata: native!.tessdata,
        languages: native!.languages,
        signal: ocrStop.signal,
        timeoutMs: native!.pageTimeoutMs ?? limits.ocrPageMs ?? DEFAULT_EXTRACT_LIMITS.ocrPageMs!,
        maxMemoryMb: limits.maxMemoryMb,
      };
    }
    const readPage = (image: Uint8Array, ocrId: number) => {
      if (!native || settled) return;
      let text: Promise<string>;
      if (photo) {
        photo.resolve(image);
        text = photo.text;
        photo = null;
      } else text = runNativeOcr(image, nativeOptions());
      text.then(
        (text) => {
          if (!settled) worker.postMessage({ ocrId, text });
        },
        (e: unknown) => {
          if (settled) return;
          const code = e instanceof NativeOcrError ? e.code : 'ENGINE_FAILED';
          // A page over the time or memory limit stops the document, as in the WebAssembly engine; an image
          // Tesseract cannot read loses that page only.
          if (code === 'TIMEOUT') finish({ status: 'failed', reason: nativeReason(code, { timeoutMs: budget, maxMemoryMb: limits.maxMemoryMb }) });
          else if (code === 'MEMORY') finish({ status: 'failed', reason: nativeReason(code, limits) });
          else {
            if (code === 'ENGINE_MISSING') resetTesseractCache();
            worker.postMessage({ ocrId, error: code });
          }
        },
      );
    };
    worker.on('message', (m: { progress?: number; total?: number; ocrPage?: number; ocrImage?: Uint8Array; ocrId?: number; text?: string; truncated?: boolean; ocr?: boolean; error?: string; nativeError?: string }) => {
      if (m.progress !== undefined) onProgress?.(m.progress, m.total ?? 0);
      else if (m.nativeError !== undefined) {
        const code = (NATIVE_OCR_ERRORS as readonly string[]).includes(m.nativeError) ? (m.nativeError as NativeOcrErrorCode) : 'ENGINE_FAILED';
        finish({ status: 'failed', reason: code === 'ENGINE_MISSING' ? ENGINE_GONE : nativeReason(code, limits) });
      } else if (m.ocrImage !== undefined) readPage(m.ocrImage, m.ocrId ?? 0);
      else if (m.ocrPage !== undefined) {
        if (settled) return;
        budget += limits.ocrPageMs ?? DEFAULT_EXTRACT_LIMITS.ocrPageMs!;
        clearTimeout(deadline);
        deadline = setTimeout(onDeadline, Math.max(0, started + budget - Date.now()));
      } else if (m.error !== undefined) finish({ status: 'failed', reason: m.error });
      else if (m.text !== undefined) {
        finish(m.text.trim() ? { status: 'done', text: m.text, truncated: !!m.truncated, ...(m.ocr ? { ocr: true } : {}) } : { status: 'none' });
      }
    });
    worker.on('error', (e: Error & { code?: string }) =>
      finish({ status: 'failed', reason: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'reading its text needed too much memory' : 'the parser stopped' }),
    );
    worker.on('exit', () => finish({ status: 'failed', reason: 'the parser stopped' }));
  });
}

/** The text of a document's bytes, or why there is none. Never throws for a bad file. */
export async function extractText(
  kind: SniffedKind,
  bytes: Uint8Array,
  limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ExtractOutcome> {
  if (kind === 'text') {
    const text = decodeText(bytes);
    const truncated = text.length > limits.maxChars;
    return text.trim() ? { status: 'done', text: truncated ? text.slice(0, limits.maxChars) : text, truncated } : { status: 'none' };
  }
  if (kind === 'pdf') {
    // Pages without a text layer are read by OCR when language data is installed (pdf-scan.ts).
    const langs = findOcrLanguages();
    const native = nativeSetup(ocrEngine(), langs);
    const ocr = langs.length ? { ...ocrWorkerData(langs), native: !!native } : null;
    const nativeRun = native ? { ...native, languages: langs.map((l) => l.code) } : null;
    return runWorker(WORKER_SOURCE, { kind, ...modulePaths(), ocr }, bytes, limits, onProgress, signal, nativeRun);
  }
  if (kind === 'docx') return runWorker(WORKER_SOURCE, { kind, ...modulePaths(), ocr: null }, bytes, limits, onProgress, signal);
  if (kind === 'png' || kind === 'jpeg') return recognise(kind, bytes, limits, signal, findOcrLanguages());
  // Other images (GIF, WebP, TIFF) are not read (docs/ocr.md).
  return { status: 'none' };
}

/**
 * OCR of a photo or scan; `none` when no language data is installed, so the document is simply unsearchable.
 * With the native engine the image is decoded by pure-JavaScript decoders in the bounded worker thread (time limit,
 * memory watch, terminated at lock), turned into an 8-bit grey PGM, and only that PGM goes to the Tesseract child's
 * stdin (grey-image.ts); otherwise tesseract.js reads the image in a worker.
 */
export async function recognise(
  kind: 'png' | 'jpeg',
  bytes: Uint8Array,
  limits: ExtractLimits,
  signal: AbortSignal | undefined,
  langs: OcrLanguage[],
  engine: OcrEngine = ocrEngine(),
): Promise<ExtractOutcome> {
  if (langs.length === 0) return { status: 'none' };
  const size = imageSize(kind, bytes);
  if (!size || size.width === 0 || size.height === 0) return { status: 'failed', reason: 'the image could not be read' };
  if (size.width * size.height > MAX_OCR_PIXELS) {
    return { status: 'failed', reason: `the image is too large to read its text (over ${MAX_OCR_PIXELS / 1_000_000} megapixels)` };
  }
  const native = nativeSetup(engine, langs);
  if (native) {
    // The child gets the photo's whole time limit, as when it decoded the image itself.
    const nativeRun = { ...native, languages: langs.map((l) => l.code), pageTimeoutMs: limits.timeoutMs, photo: true };
    const outcome = await runWorker(WORKER_SOURCE, { kind, ...modulePaths(), ocr: null }, bytes, limits, undefined, signal, nativeRun);
    // The binary went away since it was found: forget it and read this image with tesseract.js.
    if (!(outcome.status === 'failed' && outcome.reason === ENGINE_GONE)) return outcome;
    resetTesseractCache();
  }
  const outcome = await runWorker(OCR_WORKER_SOURCE, ocrWorkerData(langs), bytes, limits, undefined, signal);
  return outcome.status === 'done' ? { ...outcome, ocr: true } : outcome;
}
