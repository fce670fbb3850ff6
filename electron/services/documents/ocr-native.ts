import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { OcrLanguage } from './ocr-languages';

/**
 * OCR with a native Tesseract (4 or 5) binary, when one is found: as fast as the `tesseract` command line, about
 * twice as fast as tesseract.js's WebAssembly build (docs/ocr.md, "Measured"). The image goes to the child on stdin and the text comes back on
 * stdout (`tesseract stdin stdout`): Tesseract reads stdin into memory and decodes it with Leptonica's in-memory
 * readers, so no image and no text is ever a file. The child runs with `shell: false`, a minimal environment, an
 * empty private folder as its working directory and TMPDIR (checked empty after every page), one OpenMP thread,
 * and is killed (SIGKILL) when the caller's time or memory limit is reached, when the vault locks, and when this
 * process exits. Its stderr is read only to tell an unreadable image from other failures, never logged.
 */

/** Stable codes of a native OCR failure; each maps to the reason shown on the document (`nativeReason`). */
export const NATIVE_OCR_ERRORS = ['IMAGE_UNREADABLE', 'TIMEOUT', 'MEMORY', 'STOPPED', 'ENGINE_FAILED', 'ENGINE_MISSING'] as const;
export type NativeOcrErrorCode = (typeof NATIVE_OCR_ERRORS)[number];

export class NativeOcrError extends Error {
  constructor(readonly code: NativeOcrErrorCode) {
    super(code);
    this.name = 'NativeOcrError';
  }
}

export interface TesseractBinary {
  path: string;
  /** "5.3.0" */
  version: string;
  major: number;
}

const exe = (name: string, platform: NodeJS.Platform) => (platform === 'win32' ? `${name}.exe` : name);

/** Where a packaged build may ship its own binary (electron-builder `extraResources`, see docs/ocr.md). */
export function shippedTesseractPath(resourcesPath: string, platform: NodeJS.Platform = process.platform): string {
  return path.join(resourcesPath, 'tesseract', exe('tesseract', platform));
}

/** The running app: Electron sets `resourcesPath`, and `defaultApp` only when run unpackaged (`electron .`). */
function runtime(): { resourcesPath?: string; packaged: boolean } {
  const p = process as { resourcesPath?: string; defaultApp?: boolean };
  return { resourcesPath: p.resourcesPath, packaged: !!p.resourcesPath && !p.defaultApp };
}

/**
 * Candidates, in order: `SAKTA_TESSERACT` (not in a packaged app, which like Syncthing never runs a binary named by
 * an environment variable), the packaged app's `resources/tesseract/`, then fixed system locations.
 * PATH is never searched: a folder earlier on PATH could put any program in Tesseract's place.
 */
export function tesseractCandidates(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  app: { resourcesPath?: string; packaged: boolean } = runtime(),
): string[] {
  const out: string[] = [];
  if (env.SAKTA_TESSERACT && !app.packaged) out.push(env.SAKTA_TESSERACT);
  if (app.resourcesPath) out.push(shippedTesseractPath(app.resourcesPath, platform));
  if (platform === 'win32') {
    for (const pf of [env.ProgramFiles, env['ProgramFiles(x86)'], 'C:\\Program Files']) {
      if (pf) out.push(path.win32.join(pf, 'Tesseract-OCR', 'tesseract.exe'));
    }
  } else {
    out.push('/usr/bin/tesseract', '/usr/local/bin/tesseract', '/opt/homebrew/bin/tesseract');
  }
  return [...new Set(out)];
}

/** The environment every Tesseract child gets: nothing of ours (no PATH, no TESSDATA_PREFIX), one OpenMP thread. */
function childEnv(workDir: string): NodeJS.ProcessEnv {
  // OMP_THREAD_LIMIT=1: on a 2-core machine OpenMP's default (one thread per core) made a page 3–7× slower
  // (3.2–7.8 s against 1.1 s, measured with the CLI while another process was busy); one thread is never slower
  // by much, and OCR runs in the background, one document at a time.
  const env: NodeJS.ProcessEnv = { OMP_THREAD_LIMIT: '1', TMPDIR: workDir, TMP: workDir, TEMP: workDir, LC_ALL: 'C' };
  // Windows cannot load DLLs without SystemRoot.
  if (process.platform === 'win32' && process.env.SystemRoot) env.SystemRoot = process.env.SystemRoot;
  return env;
}

/** `tesseract --version`'s first line, "tesseract 5.3.0" (v4 printed it on stderr); null if it does not run. */
export function tesseractVersion(file: string): TesseractBinary | null {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return null;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
  } catch {
    return null;
  }
  const r = spawnSync(file, ['--version'], { shell: false, env: childEnv(os.tmpdir()), timeout: 10_000, encoding: 'utf8', windowsHide: true, cwd: path.dirname(file) });
  if (r.error || r.status !== 0) return null;
  const m = /tesseract v?(\d+)\.(\d+)(?:\.(\d+))?/i.exec(`${r.stdout}\n${r.stderr}`);
  if (!m) return null;
  return { path: file, version: `${m[1]}.${m[2]}${m[3] ? `.${m[3]}` : ''}`, major: Number(m[1]) };
}

let found: { key: string; binary: TesseractBinary | null } | null = null;

/**
 * The native Tesseract to use, or null (then OCR runs with tesseract.js): none found, one older than 4 (no LSTM
 * engine, which Sakta's models need), or `SAKTA_OCR_ENGINE=wasm`. The answer is cached per candidate list, so
 * `--version` runs once per process.
 */
export function findTesseract(env: NodeJS.ProcessEnv = process.env): TesseractBinary | null {
  if (env.SAKTA_OCR_ENGINE === 'wasm') return null;
  const candidates = tesseractCandidates(env);
  const key = candidates.join('\0');
  if (found?.key === key) return found.binary;
  let binary: TesseractBinary | null = null;
  for (const c of candidates) {
    const v = tesseractVersion(c);
    if (v && v.major >= 4) {
      binary = v;
      break;
    }
  }
  found = { key, binary };
  return binary;
}

/** Forgets the cached binary (tests that change SAKTA_TESSERACT). */
export function resetTesseractCache(): void {
  found = null;
  tessdataDirs.clear();
}

/**
 * Sakta's own cache folder for OCR: `SAKTA_OCR_CACHE_DIR`, else the platform's per-user cache. It holds only
 * public language models (decompressed) and the children's empty working folders; never anything of a case.
 */
export function ocrCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SAKTA_OCR_CACHE_DIR) return env.SAKTA_OCR_CACHE_DIR;
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'Sakta', 'ocr');
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'Sakta', 'Cache', 'ocr');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'sakta', 'ocr');
}

const isGzip = (file: string) => {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(2);
    return fs.readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
};

const tessdataDirs = new Map<string, string>();

/**
 * One folder holding every language as `<code>.traineddata`, uncompressed, for `--tessdata-dir` (the CLI reads
 * models only from files in one folder, and not gzipped). When the languages found are already such files in one
 * folder (a system install, or a packaged app's resources/ocr) that folder is used. Otherwise they are copied,
 * and the npm packages' gzipped ones decompressed, into `<cache>/tessdata-<hash>/`, built beside and renamed into
 * place, so the same model files serve both engines and both find the same words. These are public models.
 */
export function nativeTessdata(langs: OcrLanguage[], env: NodeJS.ProcessEnv = process.env): string {
  const dirs = new Set(langs.map((l) => path.dirname(l.path)));
  if (dirs.size === 1 && langs.every((l) => path.basename(l.path) === `${l.code}.traineddata` && !isGzip(l.path))) return [...dirs][0]!;
  const id = createHash('sha256');
  for (const l of langs) {
    const st = fs.statSync(l.path);
    id.update(`${l.code}\0${l.path}\0${st.size}\0${st.mtimeMs}\0`);
  }
  const root = ocrCacheDir(env);
  const name = `tessdata-${id.digest('hex').slice(0, 16)}`;
  const dir = path.join(root, name);
  const known = tessdataDirs.get(dir);
  if (known && langs.every((l) => fs.existsSync(path.join(known, `${l.code}.traineddata`)))) return known;
  if (!langs.every((l) => fs.existsSync(path.join(dir, `${l.code}.traineddata`)))) {
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    const partial = path.join(root, `.partial-${randomBytes(6).toString('hex')}`);
    fs.mkdirSync(partial, { mode: 0o700 });
    try {
      for (const l of langs) {
        const b = fs.readFileSync(l.path);
        fs.writeFileSync(path.join(partial, `${l.code}.traineddata`), b[0] === 0x1f && b[1] === 0x8b ? zlib.gunzipSync(b) : b);
      }
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(partial, dir);
    } finally {
      fs.rmSync(partial, { recursive: true, force: true });
    }
    // Model sets not rebuilt for 30 days (another npm version, a removed language) are dropped.
    const old = Date.now() - 30 * 24 * 3600 * 1000;
    for (const e of fs.readdirSync(root)) {
      const p = path.join(root, e);
      if (e !== name && e.startsWith('tessdata-') && fs.statSync(p).mtimeMs < old) fs.rmSync(p, { recursive: true, force: true });
    }
  }
  tessdataDirs.set(dir, dir);
  return dir;
}

/** The empty folder a child runs in (cwd and TMPDIR): one per run, private, removed after it. */
function makeWorkDir(env: NodeJS.ProcessEnv): string {
  const root = ocrCacheDir(env);
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  return fs.mkdtempSync(path.join(root, 'run-'));
}

const live = new Set<ChildProcess>();
let exitHook = false;

/** Pids of Tesseract children running now (tests check that none outlives a lock). */
export function liveTesseractPids(): number[] {
  return [...live].map((c) => c.pid!).filter(Boolean);
}

/** The last 100 pids this process started Tesseract as, in order (tests). */
export const spawnedTesseractPids: number[] = [];
/** How each of those ended: the signal that killed it (SIGKILL from a limit or a lock) or its exit code (tests). */
export const tesseractExits = new Map<number, string | number>();

/** Called after each run with what the work folder held before it was removed (tests; it must be empty). */
export const nativeOcrProbe: { afterRun?: (workDir: string, entries: string[]) => void } = {};

/** Linux: the child's resident memory in bytes, from /proc; null elsewhere or once it has exited. */
function childRss(pid: number): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const pages = Number(fs.readFileSync(`/proc/${pid}/statm`, 'latin1').split(' ')[1]);
    return pages * 4096;
  } catch {
    return null;
  }
}

/** PNG, JPEG or binary PGM (P5) by their first bytes; null for anything else. */
export function nativeImageFormat(b: Uint8Array): 'png' | 'jpeg' | 'pgm' | null {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 3 && b[0] === 0x50 && b[1] === 0x35 && (b[2] === 0x0a || b[2] === 0x20 || b[2] === 0x0d || b[2] === 0x09)) return 'pgm';
  return null;
}

export interface NativeRunOptions {
  binary: TesseractBinary;
  tessdata: string;
  languages: string[];
  signal?: AbortSignal;
  timeoutMs: number;
  /** The child's resident memory beyond which it is killed (checked on Linux only). */
  maxMemoryMb: number;
  /** Bytes of text beyond which the child is stopped (its output is cut there). */
  maxOutputBytes?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Recognises one image (PNG, JPEG or PGM bytes) with the native binary. Resolves to the text; rejects with a
 * NativeOcrError. The child is gone (killed if need be) before this settles.
 */
export function runNativeOcr(image: Uint8Array | Promise<Uint8Array | null>, o: NativeRunOptions): Promise<string> {
  if (o.signal?.aborted) return Promise.reject(new NativeOcrError('STOPPED'));
  // Tesseract takes stdin that is not a known image format for a list of file names (or URLs) and reads those:
  // only PNG, JPEG and binary PGM, the three formats Sakta hands it, ever reach the child.
  if (image instanceof Uint8Array && !nativeImageFormat(image)) return Promise.reject(new NativeOcrError('IMAGE_UNREADABLE'));
  const env = o.env ?? process.env;
  const workDir = makeWorkDir(env);
  // --psm 6 (one uniform block) is tesseract.js's default, so both engines read a page the same way.
  const args = ['stdin', 'stdout', '--tessdata-dir', o.tessdata, '-l', o.languages.join('+'), '--oem', '1', '--psm', '6'];
  let child: ChildProcess;
  try {
    child = spawn(o.binary.path, args, { shell: false, cwd: workDir, env: childEnv(workDir), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  } catch {
    fs.rmSync(workDir, { recursive: true, force: true });
    return Promise.reject(new NativeOcrError('ENGINE_MISSING'));
  }
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const c of live) c.kill('SIGKILL');
    });
  }
  live.add(child);
  if (child.pid) {
    spawnedTesseractPids.push(child.pid);
    if (spawnedTesseractPids.length > 100) tesseractExits.delete(spawnedTesseractPids.shift()!);
  }
  const maxOut = o.maxOutputBytes ?? 64 * 1024 * 1024;
  return new Promise<string>((resolve, reject) => {
    const out: Buffer[] = [];
    let outBytes = 0;
    let errHead = '';
    let failure: NativeOcrErrorCode | null = null;
    const stop = (code: NativeOcrErrorCode) => {
      failure ??= code;
      child.kill('SIGKILL');
    };
    const onAbort = () => stop('STOPPED');
    o.signal?.addEventListener('abort', onAbort);
    const timer = setTimeout(() => stop('TIMEOUT'), o.timeoutMs);
    const watch = setInterval(() => {
      const rss = child.pid ? childRss(child.pid) : null;
      if (rss !== null && rss > o.maxMemoryMb * 1024 * 1024) stop('MEMORY');
    }, 50);
    child.stdout!.on('data', (b: Buffer) => {
      outBytes += b.length;
      if (outBytes > maxOut) return stop('ENGINE_FAILED');
      out.push(b);
    });
    // Kept only to classify the failure (its first 2 KB), then dropped: Tesseract's messages are about the image,
    // but nothing guarantees they never quote it.
    child.stderr!.on('data', (b: Buffer) => {
      if (errHead.length < 2048) errHead += b.toString('latin1');
    });
    child.stdin!.on('error', () => {}); // EPIPE when the child dies before reading everything; its exit says why
    let spawnError = false;
    child.on('error', () => {
      spawnError = true;
    });
    child.on('close', (code, signal) => {
      live.delete(child);
      if (child.pid && spawnedTesseractPids.includes(child.pid)) tesseractExits.set(child.pid, signal ?? code ?? -1);
      clearTimeout(timer);
      clearInterval(watch);
      o.signal?.removeEventListener('abort', onAbort);
      let entries: string[] = [];
      try {
        entries = fs.readdirSync(workDir);
      } catch {
        // already gone
      }
      nativeOcrProbe.afterRun?.(workDir, entries);
      fs.rmSync(workDir, { recursive: true, force: true });
      const text = Buffer.concat(out).toString('utf8');
      out.length = 0;
      if (failure) return reject(new NativeOcrError(failure));
      if (spawnError) return reject(new NativeOcrError('ENGINE_MISSING'));
      if (code !== 0) return reject(new NativeOcrError(/cannot be read|pixReadMem|Unsupported image type|read_?image/i.test(errHead) ? 'IMAGE_UNREADABLE' : 'ENGINE_FAILED'));
      resolve(text);
    });
    const feed = (img: Uint8Array | null) => {
      if (failure) return;
      // Checked here too for an image that was still being decoded when the child started: a child that is
      // given nothing it may read is killed before it reads anything.
      if (!img || !nativeImageFormat(img)) return stop('IMAGE_UNREADABLE');
      child.stdin!.end(Buffer.from(img.buffer, img.byteOffset, img.byteLength));
    };
    // A promised image (a photo the worker is still decoding): the child loads its models meanwhile, which
    // Tesseract does before it reads stdin, so the decoding costs no time of its own.
    if (image instanceof Uint8Array) feed(image);
    else image.then(feed, () => stop('ENGINE_FAILED'));
  });
}

/** The reason shown on a document whose native OCR failed (the same words as the WebAssembly engine's). */
export function nativeReason(code: NativeOcrErrorCode, limits: { timeoutMs: number; maxMemoryMb: number }): string {
  switch (code) {
    case 'IMAGE_UNREADABLE':
      return 'the image could not be read';
    case 'TIMEOUT':
      return `reading its text took longer than ${Math.round(limits.timeoutMs / 1000)} s`;
    case 'MEMORY':
      return `reading its text needed more than ${limits.maxMemoryMb} MiB of memory`;
    case 'STOPPED':
      return 'stopped';
    default:
      return 'text recognition stopped';
  }
}
