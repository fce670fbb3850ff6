import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SniffedKind } from '../../../shared/schemas/document';
import { imageSize, MAX_OCR_PIXELS, OCR_ENGINE_SOURCE, OCR_WORKER_SOURCE, ocrWorkerData } from './ocr';
import { findOcrLanguages, type OcrLanguage } from './ocr-languages';
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

function modulePaths() {
  return {
    pdfPath: require.resolve('pdfjs-dist/legacy/build/pdf.mjs'),
    // pdf.js's WebAssembly decoders (JPEG 2000, and faster CCITT and JBIG2), read from this folder with fs in
    // Node. Without them pdf.js falls back to its JS decoders, which have no JPEG 2000.
    pdfWasmDir: path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'wasm') + path.sep,
    mammothPath: require.resolve('mammoth'),
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
// (the parent extends the deadline), then {text, truncated, ocr} or {error}.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const { kind, bytes, pdfPath, pdfWasmDir, mammothPath, maxPages, maxChars, maxOcrPages, maxImagePixels } = workerData;
let ocr = workerData.ocr;
${OCR_ENGINE_SOURCE}
${PDF_SCAN_SOURCE}
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
              engine = engine || (await startOcrEngine(ocr));
              const read = await engine.recognize(scan);
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
      },
      transferList: [own.buffer],
      resourceLimits: { maxOldGenerationSizeMb: Math.max(64, Math.floor(limits.maxMemoryMb / 2)), maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    // pdf.js warns on stdout/stderr about fonts and canvas; those lines could quote the document.
    worker.stdout.resume();
    worker.stderr.resume();
    const finish = (outcome: ExtractOutcome) => {
      if (settled) return;
      settled = true;
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
    worker.on('message', (m: { progress?: number; total?: number; ocrPage?: number; text?: string; truncated?: boolean; ocr?: boolean; error?: string }) => {
      if (m.progress !== undefined) onProgress?.(m.progress, m.total ?? 0);
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
    return runWorker(WORKER_SOURCE, { kind, ...modulePaths(), ocr: langs.length ? ocrWorkerData(langs) : null }, bytes, limits, onProgress, signal);
  }
  if (kind === 'docx') return runWorker(WORKER_SOURCE, { kind, ...modulePaths(), ocr: null }, bytes, limits, onProgress, signal);
  if (kind === 'png' || kind === 'jpeg') return recognise(kind, bytes, limits, signal, findOcrLanguages());
  // Other images (GIF, WebP, TIFF) are not read (docs/ocr.md).
  return { status: 'none' };
}

/** OCR of a photo or scan; `none` when no language data is installed, so the document is simply unsearchable. */
export async function recognise(
  kind: 'png' | 'jpeg',
  bytes: Uint8Array,
  limits: ExtractLimits,
  signal: AbortSignal | undefined,
  langs: OcrLanguage[],
): Promise<ExtractOutcome> {
  if (langs.length === 0) return { status: 'none' };
  const size = imageSize(kind, bytes);
  if (!size || size.width === 0 || size.height === 0) return { status: 'failed', reason: 'the image could not be read' };
  if (size.width * size.height > MAX_OCR_PIXELS) {
    return { status: 'failed', reason: `the image is too large to read its text (over ${MAX_OCR_PIXELS / 1_000_000} megapixels)` };
  }
  const outcome = await runWorker(OCR_WORKER_SOURCE, ocrWorkerData(langs), bytes, limits, undefined, signal);
  return outcome.status === 'done' ? { ...outcome, ocr: true } : outcome;
}
