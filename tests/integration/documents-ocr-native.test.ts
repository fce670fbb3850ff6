import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACT_LIMITS, extractText, ocrEngine, recognise } from '../../electron/services/documents/extract';
import { imageSize } from '../../electron/services/documents/ocr';
import { findOcrLanguages } from '../../electron/services/documents/ocr-languages';
import {
  findTesseract,
  liveTesseractPids,
  NativeOcrError,
  nativeOcrProbe,
  nativeTessdata,
  resetTesseractCache,
  runNativeOcr,
  spawnedTesseractPids,
  tesseractCandidates,
  tesseractExits,
} from '../../electron/services/documents/ocr-native';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { sample, vaultWithCase, writeFile } from './documents-fixtures';

/**
 * OCR with the native Tesseract binary (ocr-native.ts), and the tesseract.js fallback, on the user's path: files
 * imported into a real vault and read by the background job. The binary is Debian's `tesseract-ocr` (.ci/run
 * installs it; preflight names it when missing) or Homebrew's `tesseract` on macOS.
 */
const SCAN = path.resolve(__dirname, '../fixtures/ocr/complaint-ru-scan.png');
const COMPLAINT = sample('complaint-to-prosecutor-ru.pdf');
const A4: [number, number] = [595, 842];
const NO_BINARY = 'No native Tesseract 4+ found: install Debian/Ubuntu "tesseract-ocr" (.ci/run does) or macOS "brew install tesseract"';

type Services = Awaited<ReturnType<typeof vaultWithCase>>['services'];
const ids = (services: Services, q: string) => services.search.query({ query: q }).hits.map((h) => h.id);

/** The sample complaint rendered as a grey JPEG at 150 dpi, as a phone scanner app saves it. */
function complaintJpeg(): string {
  const dir = tmpDir();
  execFileSync('pdftoppm', ['-r', '150', '-gray', '-jpeg', '-jpegopt', 'quality=70', '-f', '1', '-l', '1', '-singlefile', COMPLAINT, path.join(dir, 'complaint-photo')]);
  return path.join(dir, 'complaint-photo.jpg');
}

async function scannedPdf(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const img = await pdf.embedPng(fs.readFileSync(SCAN));
  for (let i = 0; i < pages; i++) pdf.addPage(A4).drawImage(img, { x: 0, y: 0, width: A4[0], height: A4[1] });
  return pdf.save();
}

const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

async function waitFor(cond: () => boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const saved = { ...process.env };
let cache: string;
beforeEach(() => {
  cache = tmpDir('sakta-ocr-cache-');
  process.env.SAKTA_OCR_CACHE_DIR = cache;
  delete process.env.SAKTA_OCR_ENGINE;
  delete process.env.SAKTA_TESSERACT;
  resetTesseractCache();
});
afterEach(() => {
  for (const k of ['SAKTA_OCR_CACHE_DIR', 'SAKTA_OCR_ENGINE', 'SAKTA_TESSERACT']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  nativeOcrProbe.afterRun = undefined;
  resetTesseractCache();
});

describe('native Tesseract: discovery', () => {
  it('finds a Tesseract 4+ binary at a fixed location, never on PATH; SAKTA_OCR_ENGINE=wasm turns it off', () => {
    const bin = findTesseract();
    expect(bin, NO_BINARY).not.toBeNull();
    expect(bin!.major).toBeGreaterThanOrEqual(4);
    expect(ocrEngine()).toEqual({ kind: 'native', binary: bin });
    // A "tesseract" first on PATH is not a candidate.
    const fake = tmpDir();
    writeFile(fake, 'tesseract', '#!/bin/sh\necho "tesseract 5.9.9"\n');
    fs.chmodSync(path.join(fake, 'tesseract'), 0o755);
    expect(tesseractCandidates({ PATH: `${fake}:/usr/bin` }, 'linux')).not.toContain(path.join(fake, 'tesseract'));
    expect(tesseractCandidates({}, 'win32')).toContain('C:\\Program Files\\Tesseract-OCR\\tesseract.exe');
    // A packaged app: its own resources/tesseract first, and SAKTA_TESSERACT is not heard.
    expect(tesseractCandidates({ SAKTA_TESSERACT: '/tmp/evil' }, 'linux', { resourcesPath: '/opt/Sakta/resources', packaged: true })).toEqual([
      '/opt/Sakta/resources/tesseract/tesseract',
      '/usr/bin/tesseract',
      '/usr/local/bin/tesseract',
      '/opt/homebrew/bin/tesseract',
    ]);
    expect(tesseractCandidates({ SAKTA_TESSERACT: '/tmp/mine' }, 'linux', { packaged: false })[0]).toBe('/tmp/mine');
    process.env.SAKTA_OCR_ENGINE = 'wasm';
    expect(findTesseract()).toBeNull();
    expect(ocrEngine()).toEqual({ kind: 'wasm' });
  });

  it('SAKTA_TESSERACT comes first; one older than 4 (no LSTM) or that does not run is passed over', () => {
    const dir = tmpDir();
    const old = writeFile(dir, 'tesseract-3', '#!/bin/sh\necho "tesseract 3.05.02" >&2\n');
    fs.chmodSync(old, 0o755);
    process.env.SAKTA_TESSERACT = old;
    expect(findTesseract()?.path).not.toBe(old);
    resetTesseractCache();
    const v5 = writeFile(dir, 'tesseract-5', '#!/bin/sh\nexec "$0.real" "$@"\n');
    fs.chmodSync(v5, 0o755);
    fs.symlinkSync(findTesseract()!.path, `${v5}.real`);
    process.env.SAKTA_TESSERACT = v5;
    expect(findTesseract()).toMatchObject({ path: v5, major: findTesseract()!.major });
  });

  it('language data: the npm models (gzipped) are decompressed once into the cache folder, beside Debian\'s rus', () => {
    const langs = findOcrLanguages();
    const dir = nativeTessdata(langs);
    expect(path.dirname(dir)).toBe(cache);
    expect(fs.readdirSync(dir).sort()).toEqual(['eng.traineddata', 'kir.traineddata', 'rus.traineddata']);
    for (const f of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, f)).subarray(0, 2).toString('hex')).not.toBe('1f8b');
    expect(nativeTessdata(langs)).toBe(dir);
    // Debian's rus alone is used where it is, without a copy.
    expect(nativeTessdata(langs.filter((l) => l.code === 'rus'))).toBe(path.dirname(langs[0]!.path));
  });
});

describe('native Tesseract: nothing on disk, bounded, killed on lock', () => {
  it('a page: the child\'s working folder and TMPDIR stay empty, and only the models\' cache is left in the cache folder', async () => {
    expect(findTesseract(), NO_BINARY).not.toBeNull();
    const seen: { dir: string; entries: string[] }[] = [];
    nativeOcrProbe.afterRun = (dir, entries) => seen.push({ dir, entries });
    const r = await recognise('png', new Uint8Array(fs.readFileSync(SCAN)), DEFAULT_EXTRACT_LIMITS, undefined, findOcrLanguages());
    expect(r).toMatchObject({ status: 'done', ocr: true, truncated: false });
    expect(r.status === 'done' && r.text).toContain('Прокурору Кара-Суйского района');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.entries).toEqual([]);
    expect(fs.existsSync(seen[0]!.dir)).toBe(false);
    expect(fs.readdirSync(cache).every((e) => e.startsWith('tessdata-'))).toBe(true);
    const needle = Buffer.from('Прокурору');
    for (const e of fs.readdirSync(cache, { recursive: true, withFileTypes: true })) {
      if (e.isFile()) expect(fs.readFileSync(path.join(e.parentPath, e.name)).includes(needle)).toBe(false);
    }
  });

  const strace = fs.existsSync('/usr/bin/strace') && spawnSync('/usr/bin/strace', ['-f', '-qq', '-o', '/dev/null', '/bin/true']).status === 0;
  if (!strace) console.warn('documents-ocr-native: strace is missing or cannot trace here; the test of the child\'s file calls is skipped');
  it.skipIf(!strace)('under strace: the Tesseract child opens no file for writing and creates, renames or removes none', async () => {
    const real = findTesseract();
    expect(real, NO_BINARY).not.toBeNull();
    const dir = tmpDir();
    const log = path.join(dir, 'trace.log');
    const calls = 'open,openat,creat,rename,renameat,renameat2,mkdir,mkdirat,unlink,unlinkat,link,linkat,symlink,symlinkat,truncate';
    const wrapper = writeFile(dir, 'tesseract', `#!/bin/sh\nexec /usr/bin/strace -f -qq -o '${log}' -e trace=${calls} '${real!.path}' "$@"\n`);
    fs.chmodSync(wrapper, 0o755);
    process.env.SAKTA_TESSERACT = wrapper;
    resetTesseractCache();
    expect(findTesseract()?.path).toBe(wrapper);
    const r = await recognise('png', new Uint8Array(fs.readFileSync(SCAN)), DEFAULT_EXTRACT_LIMITS, undefined, findOcrLanguages());
    expect(r.status === 'done' && r.text).toContain('пыток');
    const lines = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(lines.some((l) => l.includes('traineddata'))).toBe(true); // the trace did see the child's opens
    const writes = lines.filter((l) => /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|\b(creat|rename\w*|mkdir\w*|unlink\w*|link\w*|symlink\w*|truncate)\(/.test(l));
    expect(writes).toEqual([]);
  });

  it('only PNG, JPEG and PGM reach the child: other bytes (which Tesseract would take for a list of files to read) are refused', async () => {
    const bin = findTesseract();
    expect(bin, NO_BINARY).not.toBeNull();
    const before = spawnedTesseractPids.length;
    const opts = { binary: bin!, tessdata: nativeTessdata(findOcrLanguages()), languages: ['rus'], timeoutMs: 30_000, maxMemoryMb: 768 };
    await expect(runNativeOcr(new TextEncoder().encode('/etc/hostname\n'), opts)).rejects.toMatchObject({ code: 'IMAGE_UNREADABLE' });
    expect(spawnedTesseractPids.length).toBe(before);
    // A PNG cut short: the decoder in the worker refuses it. The child started beside the decoding (loading its
    // models) is killed without being given a byte.
    const cut = new Uint8Array(fs.readFileSync(SCAN)).subarray(0, 300);
    expect(await recognise('png', cut, DEFAULT_EXTRACT_LIMITS, undefined, findOcrLanguages())).toEqual({ status: 'failed', reason: 'the image could not be read' });
    await expectKilledUnfed(before);
  });

  it('a binary that is gone after it was found: the photo and the scanned PDF are read by tesseract.js instead', async () => {
    const real = findTesseract();
    expect(real, NO_BINARY).not.toBeNull();
    const dir = tmpDir();
    const bin = writeFile(dir, 'tesseract', `#!/bin/sh\nexec '${real!.path}' "$@"\n`);
    fs.chmodSync(bin, 0o755);
    process.env.SAKTA_TESSERACT = bin;
    resetTesseractCache();
    expect(ocrEngine()).toMatchObject({ kind: 'native', binary: { path: bin } });
    fs.rmSync(bin); // found, cached, then removed (an uninstall while Sakta runs)
    const before = spawnedTesseractPids.length;
    const r = await recognise('png', new Uint8Array(fs.readFileSync(SCAN)), DEFAULT_EXTRACT_LIMITS, undefined, findOcrLanguages(), { kind: 'native', binary: { ...real!, path: bin } });
    expect(r).toMatchObject({ status: 'done', ocr: true });
    expect(r.status === 'done' && r.text).toContain('пыток');
    // The PDF worker was told to use the native engine; its first page finds the binary gone and reads on with tesseract.js.
    fs.writeFileSync(bin, `#!/bin/sh\nexec '${real!.path}' "$@"\n`, { mode: 0o755 });
    resetTesseractCache();
    expect(ocrEngine().kind).toBe('native');
    const pdf = await scannedPdf(2);
    const reading = extractText('pdf', pdf);
    fs.rmSync(bin);
    const p = await reading;
    expect(p).toMatchObject({ status: 'done', ocr: true });
    expect((p.status === 'done' ? p.text : '').split('\f').slice(0, 2).every((page) => page.includes('пыток'))).toBe(true);
    expect(spawnedTesseractPids.length).toBe(before); // no child ever started
  });

  it('time and memory limits kill the child', async () => {
    const bin = findTesseract();
    expect(bin, NO_BINARY).not.toBeNull();
    const png = new Uint8Array(fs.readFileSync(SCAN));
    const opts = { binary: bin!, tessdata: nativeTessdata(findOcrLanguages()), languages: ['rus', 'kir', 'eng'], maxMemoryMb: 768 };
    const slow = runNativeOcr(png, { ...opts, timeoutMs: 100 });
    const pid = spawnedTesseractPids.at(-1)!;
    await expect(slow).rejects.toEqual(new NativeOcrError('TIMEOUT'));
    expect(gone(pid)).toBe(true);
    expect(tesseractExits.get(pid)).toBe('SIGKILL');
    expect(await recognise('png', png, { ...DEFAULT_EXTRACT_LIMITS, timeoutMs: 100 }, undefined, findOcrLanguages())).toEqual({
      status: 'failed',
      reason: 'reading its text took longer than 0 s',
    });
    if (process.platform === 'linux') {
      // The models alone are ~20 MB resident: 8 MiB is over the limit as soon as they load.
      await expect(runNativeOcr(png, { ...opts, timeoutMs: 30_000, maxMemoryMb: 8 })).rejects.toEqual(new NativeOcrError('MEMORY'));
    }
    expect(liveTesseractPids()).toEqual([]);
  });

  it('locking while a photo is read kills its Tesseract child; the photo stays pending and is read after unlock', async () => {
    expect(findTesseract(), NO_BINARY).not.toBeNull();
    const { services, caseId } = await vaultWithCase();
    const before = spawnedTesseractPids.length;
    const [doc] = (await services.documents.import({ caseId, paths: [SCAN] })).documents;
    const run = services.documents.scheduleExtraction();
    await waitFor(() => liveTesseractPids().length > 0, 30_000, 'the Tesseract child');
    const pid = spawnedTesseractPids.at(-1)!;
    expect(spawnedTesseractPids.length).toBe(before + 1);
    services.vault.lock();
    expect(await run).toBe(0);
    await waitFor(() => gone(pid) && liveTesseractPids().length === 0, 2_000, `tesseract pid ${pid} to be gone`);
    expect(tesseractExits.get(pid)).toBe('SIGKILL'); // killed by the lock, not finished

    await services.vault.unlock(PASS);
    expect(services.documents.get(doc!.id)).toMatchObject({ textStatus: 'pending', textError: null });
    await services.documents.scheduleExtraction();
    expect(services.documents.get(doc!.id)).toMatchObject({ textStatus: 'done', textFromOcr: true });
  });

  it('locking in the middle of a scanned PDF (pages read by the child on behalf of the PDF worker) leaves no Tesseract running', async () => {
    expect(findTesseract(), NO_BINARY).not.toBeNull();
    const { services, caseId } = await vaultWithCase();
    const file = writeFile(tmpDir(), 'scan-4-pages.pdf', await scannedPdf(4));
    const before = spawnedTesseractPids.length;
    const [doc] = (await services.documents.import({ caseId, paths: [file] })).documents;
    const run = services.documents.scheduleExtraction();
    await waitFor(() => spawnedTesseractPids.length >= before + 2 && liveTesseractPids().length > 0, 60_000, 'the second page\'s Tesseract child');
    const pid = liveTesseractPids()[0]!;
    services.vault.lock();
    expect(await run).toBe(0);
    await waitFor(() => gone(pid) && liveTesseractPids().length === 0, 2_000, `tesseract pid ${pid} to be gone`);
    expect(tesseractExits.get(pid)).toBe('SIGKILL');
    expect(spawnedTesseractPids.length).toBe(before + 2); // no page after the lock
    await services.vault.unlock(PASS);
    expect(services.documents.get(doc!.id)).toMatchObject({ textStatus: 'pending', textError: null });
  });
});

for (const engine of ['native', 'wasm'] as const) {
  describe(`the user's path with the ${engine} engine`, () => {
    beforeEach(() => {
      if (engine === 'wasm') process.env.SAKTA_OCR_ENGINE = 'wasm';
    });

    it('a PNG scan, a JPEG photo of a page and a scanned PDF are imported, read by OCR, marked OCR and searchable', async () => {
      expect(ocrEngine().kind, engine === 'native' ? NO_BINARY : '').toBe(engine);
      const before = spawnedTesseractPids.length;
      const { services, caseId } = await vaultWithCase();
      const pdf = writeFile(tmpDir(), 'scanned-complaint.pdf', await scannedPdf(1));
      const { documents } = await services.documents.import({ caseId, paths: [SCAN, complaintJpeg(), pdf] });
      expect(await services.documents.scheduleExtraction()).toBe(3);
      for (const d of documents) {
        expect(services.documents.get(d.id), d.title).toMatchObject({ textStatus: 'done', textFromOcr: true, textError: null });
      }
      const all = documents.map((d) => d.id).sort();
      expect(ids(services, 'пытка').sort()).toEqual(all);
      expect(ids(services, 'Стамбульский протокол').sort()).toEqual(all);
      // The native engine started one child per image (three), the fallback none.
      expect(spawnedTesseractPids.length - before).toBe(engine === 'native' ? 3 : 0);
    });
  });
}

describe('native Tesseract: photos reach the child only as a grey PGM built by Sakta', () => {
  /** SAKTA_TESSERACT as a wrapper that copies each stdin it is given to `<dir>/stdin-N` and runs the real binary on it. */
  function recordingTesseract(): { dir: string; inputs: () => Buffer[] } {
    const real = findTesseract();
    expect(real, NO_BINARY).not.toBeNull();
    const dir = tmpDir();
    const wrapper = writeFile(
      dir,
      'tesseract',
      `#!/bin/sh\nif [ "$1" != stdin ]; then exec '${real!.path}' "$@"; fi\n` +
        `n=0; while [ -e '${dir}/stdin-'$n ]; do n=$((n + 1)); done\n` +
        `/usr/bin/tee '${dir}/stdin-'$n | '${real!.path}' "$@"\n`,
    );
    fs.chmodSync(wrapper, 0o755);
    process.env.SAKTA_TESSERACT = wrapper;
    resetTesseractCache();
    expect(findTesseract()?.path).toBe(wrapper);
    const inputs = () =>
      fs
        .readdirSync(dir)
        .filter((f) => f.startsWith('stdin-'))
        .sort()
        .map((f) => fs.readFileSync(path.join(dir, f)));
    return { dir, inputs };
  }
  const words = (text: string) => [...new Set(text.toLowerCase().match(/[\p{L}]{3,}/gu))].sort();

  it('a PNG scan and a JPEG photo: the child gets a P5 file of the same size, and finds the same words as from the original file', async () => {
    const rec = recordingTesseract();
    const langs = findOcrLanguages();
    const opts = { binary: findTesseract()!, tessdata: nativeTessdata(langs), languages: langs.map((l) => l.code), timeoutMs: 60_000, maxMemoryMb: 768 };
    for (const [kind, file] of [['png', SCAN], ['jpeg', complaintJpeg()]] as const) {
      const bytes = new Uint8Array(fs.readFileSync(file));
      const before = rec.inputs().length;
      const r = await recognise(kind, bytes, DEFAULT_EXTRACT_LIMITS, undefined, langs);
      expect(r, kind).toMatchObject({ status: 'done', ocr: true, truncated: false });
      const text = r.status === 'done' ? r.text : '';
      expect(text).toContain('пыток');
      const sent = rec.inputs();
      expect(sent.length).toBe(before + 1);
      const pgm = sent.at(-1)!;
      const size = imageSize(kind, bytes)!;
      const head = `P5\n${size.width} ${size.height}\n255\n`;
      expect(pgm.subarray(0, head.length).toString('latin1'), kind).toBe(head);
      expect(pgm.length).toBe(head.length + size.width * size.height);
      // The same binary reading the original file (what Sakta sent before) finds the same words.
      const direct = await runNativeOcr(bytes, opts);
      expect(words(text), kind).toEqual(words(direct));
    }
  });

  it('a corrupt PNG, a hostile PNG and a truncated JPEG fail as unreadable in the worker, and no child is given a byte', async () => {
    const rec = recordingTesseract();
    const langs = findOcrLanguages();
    const png = fs.readFileSync(SCAN);
    // Bytes flipped in the middle of the compressed data (the chunk's CRC no longer matches).
    const flipped = Buffer.from(png);
    for (let i = 0; i < 64; i++) flipped[Math.floor(png.length / 2) + i]! ^= 0xa5;
    // A well-formed PNG (right CRCs) whose IHDR promises 16 MP and whose zlib stream holds 100 bytes.
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const out = Buffer.alloc(12 + data.length);
      out.writeUInt32BE(data.length, 0);
      body.copy(out, 4);
      out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
      return out;
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(4000, 0);
    ihdr.writeUInt32BE(4000, 4);
    ihdr.set([8, 0, 0, 0, 0], 8);
    const hostile = Buffer.concat([png.subarray(0, 8), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(100, 0))), chunk('IEND', Buffer.alloc(0))]);
    const jpeg = fs.readFileSync(complaintJpeg());
    const cases = [
      ['png', flipped],
      ['png', hostile],
      ['jpeg', jpeg.subarray(0, Math.floor(jpeg.length / 2))],
      ['jpeg', jpeg.subarray(0, 2000)],
    ] as const;
    const before = spawnedTesseractPids.length;
    for (const [kind, bytes] of cases) {
      expect(imageSize(kind, bytes), kind).not.toBeNull(); // past the header check: the decoder is what refuses it
      expect(await recognise(kind, new Uint8Array(bytes), DEFAULT_EXTRACT_LIMITS, undefined, langs), kind).toEqual({ status: 'failed', reason: 'the image could not be read' });
    }
    await expectKilledUnfed(before);
    // Each child started beside a decoding got nothing on its stdin.
    expect(rec.inputs().length).toBe(cases.length);
    expect(rec.inputs().every((b) => b.length === 0)).toBe(true);
  });
});

/** Every Tesseract child started since `before` (one per photo, beside its decoding) was killed, none ran to its end. */
async function expectKilledUnfed(before: number): Promise<void> {
  const pids = spawnedTesseractPids.slice(before);
  for (let i = 0; i < 100 && !pids.every((p) => tesseractExits.has(p)); i++) await new Promise((r) => setTimeout(r, 20));
  expect(pids.map((p) => tesseractExits.get(p))).toEqual(pids.map(() => 'SIGKILL'));
}

describe('both engines find the same words', () => {
  it('on the Russian scan, with the shipped languages', async () => {
    const png = new Uint8Array(fs.readFileSync(SCAN));
    const langs = findOcrLanguages();
    const native = await recognise('png', png, DEFAULT_EXTRACT_LIMITS, undefined, langs);
    const wasm = await recognise('png', png, DEFAULT_EXTRACT_LIMITS, undefined, langs, { kind: 'wasm' });
    const words = (r: typeof native) => new Set((r.status === 'done' ? r.text : '').toLowerCase().match(/[\p{L}]{3,}/gu));
    const reference = [...words({ status: 'done', text: execFileSync('pdftotext', [COMPLAINT, '-'], { encoding: 'utf8' }), truncated: false })];
    const n = words(native);
    const w = words(wasm);
    const foundN = reference.filter((x) => n.has(x));
    const foundW = reference.filter((x) => w.has(x));
    expect(foundN.length / reference.length).toBeGreaterThan(0.95);
    expect(foundN).toEqual(foundW);
  });

  it('extractText of a scanned PDF gives the same text with either engine', async () => {
    const pdf = await scannedPdf(1);
    const native = await extractText('pdf', pdf);
    process.env.SAKTA_OCR_ENGINE = 'wasm';
    const wasm = await extractText('pdf', pdf);
    expect(native).toMatchObject({ status: 'done', ocr: true });
    expect(wasm).toMatchObject({ status: 'done', ocr: true });
    expect(native.status === 'done' && native.text).toContain('пыток');
    expect(wasm.status === 'done' && wasm.text).toContain('пыток');
  });
});
