const t0 = performance.now();
const mupdf = await import('mupdf');
const t1 = performance.now();
import fs from 'node:fs';
const files = fs.readdirSync('/tmp/s15probe/src').sort();
const out = new mupdf.PDFDocument();
let n = 0;
for (const f of files) {
  const src = new mupdf.PDFDocument(fs.readFileSync('/tmp/s15probe/src/' + f));
  const map = out.newGraftMap();
  const c = src.countPages();
  for (let i = 0; i < c; i++) map.graftPage(-1, src, i);
  src.destroy?.();
}
const t2 = performance.now();
const buf = out.saveToBuffer('compress');
const bytes = buf.asUint8Array();
fs.writeFileSync('/tmp/s15probe/out.pdf', bytes);
const t3 = performance.now();
console.log({ load: t1 - t0, graft: t2 - t1, save: t3 - t2, size: bytes.length, rss: process.resourceUsage().maxRSS / 1024 });
