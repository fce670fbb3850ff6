import { createRequire } from 'node:module';
import path from 'node:path';
import type { OcrLanguage } from './ocr-languages';

/**
 * OCR of scans and photos with tesseract.js (Tesseract compiled to WebAssembly), run inside the same kind of
 * bounded worker as the PDF parser (see extract.ts). We do not use tesseract.js's `createWorker`: it would
 * spawn a second, unbounded thread, and its loader reads a cache folder and fetches language data from a
 * CDN unless told otherwise. Instead the worker hosts tesseract.js's own worker script in-process and hands
 * it an adapter whose "fetch" refuses and whose "cache" is the language files we found, read-only. So the
 * image and the text stay in memory (the wasm heap's /input file is in-memory too) and nothing touches the network.
 */

/** Width × height beyond which an image is not decoded: 60 MP covers a 48 MP phone photo and an A4 page at 600 dpi. */
export const MAX_OCR_PIXELS = 60_000_000;

const require = createRequire(import.meta.url);

export function tesseractDir(): string {
  return path.dirname(require.resolve('tesseract.js/package.json'));
}

/** Pixel size from a PNG's IHDR or a JPEG's SOF marker, without decoding; null if the header is not there. */
export function imageSize(kind: 'png' | 'jpeg', b: Uint8Array): { width: number; height: number } | null {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (kind === 'png') {
    // Signature (8), IHDR length (4), "IHDR" (4), width, height.
    if (b.length < 24 || String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') return null;
    return { width: dv.getUint32(16), height: dv.getUint32(20) };
  }
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const len = dv.getUint16(i + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: dv.getUint16(i + 5), width: dv.getUint16(i + 7) };
    }
    if (marker === 0xda || len < 2) return null; // image data before any frame header
    i += 2 + len;
  }
  return null;
}

export function ocrWorkerData(languages: OcrLanguage[]) {
  return { tesseractDir: tesseractDir(), languages: languages.map((l) => ({ code: l.code, path: l.path })) };
}

/**
 * The engine, as source text shared by both workers (this file's image worker and extract.ts's PDF worker, which
 * OCRs pages that have no text layer). Defines `startOcrEngine({ tesseractDir, languages })`, resolving to
 * `{ recognize(bytes) → text }`; the engine loads once per worker and reads any number of images.
 * Expects `require` in scope (a CommonJS worker run with `eval: true`).
 */
export const OCR_ENGINE_SOURCE = `
async function startOcrEngine({ tesseractDir, languages }) {
  const fs = require('node:fs');
  const path = require('node:path');
  const zlib = require('node:zlib');
  const files = new Map(languages.map((l) => ['/sakta-ocr/' + l.code + '.traineddata', fs.readFileSync(l.path)]));
  const tess = require(path.join(tesseractDir, 'src/worker-script/index.js'));
  tess.setAdapter({
    getCore: require(path.join(tesseractDir, 'src/worker-script/node/getCore.js')),
    gunzip: zlib.gunzipSync,
    fetch: () => { throw new Error('network disabled'); },
    readCache: async (p) => { const b = files.get(p); if (!b) throw new Error('no language data'); return b; },
    writeCache: async () => {}, deleteCache: async () => {}, checkCache: async () => false,
  });
  let n = 0;
  const call = (action, payload) => new Promise((resolve, reject) => {
    tess.dispatchHandlers({ workerId: 'sakta', jobId: String(n++), action, payload }, (m) => {
      if (m.status === 'resolve') resolve(m.data);
      else if (m.status === 'reject') reject(new Error(String(m.data)));
    });
  });
  const langs = languages.map((l) => l.code).join('+');
  // getCore compares this with OEM numbers: 1 (LSTM_ONLY) picks the smaller LSTM-only core, which is all we use.
  await call('load', { options: { lstmOnly: 1, corePath: '', logging: false } });
  await call('loadLanguage', { langs, options: { langPath: '/sakta-ocr', cacheMethod: 'none', gzip: false, lstmOnly: true } });
  files.clear();
  await call('initialize', { langs, oem: 1, config: {} });
  return { recognize: async (image) => (await call('recognize', { image, options: {}, output: { text: true } })).text || '' };
}
`;

// Plain CommonJS run with `eval: true`, like extract.ts's worker. Protocol: {text} or {error} to the parent.
export const OCR_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { bytes, tesseractDir, languages, maxChars } = workerData;
${OCR_ENGINE_SOURCE}
(async () => {
  try {
    const engine = await startOcrEngine({ tesseractDir, languages });
    let text = await engine.recognize(bytes);
    let truncated = false;
    if (text.length > maxChars) { text = text.slice(0, maxChars); truncated = true; }
    parentPort.postMessage({ text, truncated });
  } catch (e) {
    // Never the message itself past a fixed list: it could quote the image's metadata.
    const m = String((e && e.message) || e);
    parentPort.postMessage({ error: /read image/i.test(m) ? 'the image could not be read' : 'text recognition stopped' });
  }
})();
`;
