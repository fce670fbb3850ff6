#!/usr/bin/env node
/**
 * Gathers the OCR language data the packaged app ships (electron-builder.yml copies .ocr-data/ to resources/ocr):
 * Kyrgyz and English from the @tesseract.js-data npm packages (LSTM-only "best_int" models, gzipped), and Russian
 * from the build machine's Debian/Ubuntu `tesseract-ocr-rus` package, for which no npm package exists.
 * A missing Russian file is reported and the build goes on: Russian text is then read with the Kyrgyz model
 * (its alphabet contains Russian's), somewhat less cleanly. A missing npm package is an error: npm install first.
 *
 *   node scripts/ocr-data.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.ocr-data');
const require = createRequire(import.meta.url);

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

for (const code of ['kir', 'eng']) {
  const dir = path.join(path.dirname(require.resolve(`@tesseract.js-data/${code}/package.json`)), '4.0.0_best_int');
  fs.copyFileSync(path.join(dir, `${code}.traineddata.gz`), path.join(out, `${code}.traineddata.gz`));
}

const debian = '/usr/share/tesseract-ocr';
const versions = fs.existsSync(debian) ? fs.readdirSync(debian).sort().reverse() : [];
const rus = versions.map((v) => path.join(debian, v, 'tessdata', 'rus.traineddata')).find((f) => fs.existsSync(f));
if (rus) fs.copyFileSync(rus, path.join(out, 'rus.traineddata'));
else console.warn('ocr-data: no Russian data (apt-get install tesseract-ocr-rus); the app will read Russian with the Kyrgyz model');

for (const f of fs.readdirSync(out).sort()) console.log(`ocr-data: ${f} ${(fs.statSync(path.join(out, f)).size / 1048576).toFixed(1)} MiB`);
