import { PDFDocument } from 'pdf-lib';
import fs from 'node:fs';
const t0 = performance.now();
const files = fs.readdirSync('/tmp/s15probe/src').sort();
const out = await PDFDocument.create();
let tl = 0, tc = 0;
for (const f of files) {
  const a = performance.now();
  const src = await PDFDocument.load(fs.readFileSync('/tmp/s15probe/src/' + f), { updateMetadata: false });
  const b = performance.now();
  const pages = await out.copyPages(src, src.getPageIndices());
  for (const p of pages) out.addPage(p);
  tc += performance.now() - b; tl += b - a;
}
const t2 = performance.now();
const bytes = await out.save({ useObjectStreams: true });
fs.writeFileSync('/tmp/s15probe/outlib.pdf', bytes);
const t3 = performance.now();
console.log({ load: tl, copy: tc, save: t3 - t2, size: bytes.length, rss: process.resourceUsage().maxRSS / 1024 });
