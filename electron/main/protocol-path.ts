import fs from 'node:fs';
import path from 'node:path';

/**
 * Maps an `app://sakta/…` URL to a file under the renderer build folder, or refuses.
 * Kept free of Electron so the traversal rules are tested under plain Node: this function is
 * the only thing standing between a compromised page and `fs.readFile` on the laptop.
 */
import { APP_HOST, APP_SCHEME, MEDIA_FRAME_HOST, MEDIA_FRAME_PAGE, PDF_FRAME_HOST, PDF_FRAME_PAGE } from '../../shared/origins';

export { APP_HOST, APP_ORIGIN, APP_SCHEME, MEDIA_FRAME_HOST, MEDIA_FRAME_ORIGIN, PDF_FRAME_HOST, PDF_FRAME_ORIGIN } from '../../shared/origins';

/** Which of the three origins a file is served to: the app itself, or one of the isolated viewer frames. */
export type AppSite = 'app' | 'pdf-frame' | 'media-frame';
export type ResolvedAppFile = { ok: true; file: string; mime: string; site: AppSite } | { ok: false; status: 400 | 403 | 404 };

/** Only what the renderer build emits; everything else is served as opaque bytes. */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.ftl': 'text/plain; charset=utf-8',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

export function mimeFor(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface ResolveFs {
  realpathSync(p: string): string;
  statSync(p: string): { isFile(): boolean };
}

const REFUSE_400 = { ok: false, status: 400 } as const;
const REFUSE_403 = { ok: false, status: 403 } as const;
const REFUSE_404 = { ok: false, status: 404 } as const;

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * @param rootDir  absolute path of dist/renderer
 * @param requestUrl  the URL exactly as the protocol handler received it
 */
export function resolveAppFile(rootDir: string, requestUrl: string, fsOps: ResolveFs = fs): ResolvedAppFile {
  if (typeof requestUrl !== 'string' || requestUrl.length > 2048 || requestUrl.includes('\0')) return REFUSE_400;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return REFUSE_400;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.username || url.password || url.port) return REFUSE_403;
  const site: AppSite | null = url.host === APP_HOST ? 'app' : url.host === PDF_FRAME_HOST ? 'pdf-frame' : url.host === MEDIA_FRAME_HOST ? 'media-frame' : null;
  if (!site) return REFUSE_403;

  // Judge the raw path, before the URL parser or decoding could have folded anything away.
  const rawPath = requestUrl.slice(`${APP_SCHEME}://${url.host}`.length).split(/[?#]/, 1)[0] ?? '';
  if (rawPath !== '' && !rawPath.startsWith('/')) return REFUSE_400;
  if (/\\|%5c|%2f|%00|%2e/i.test(rawPath)) return REFUSE_400;

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return REFUSE_400;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.includes('%')) return REFUSE_400;

  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..' || /^[a-zA-Z]:/.test(s))) return REFUSE_400;
  // A double slash after the host ("app://sakta//etc/passwd") would read as absolute on some paths.
  if (/\/\//.test(rawPath)) return REFUSE_400;
  if (site !== 'app') {
    // A frame's origin gets its one page and the bundled scripts, nothing of the app's pages.
    const page = site === 'pdf-frame' ? PDF_FRAME_PAGE : MEDIA_FRAME_PAGE;
    const allowed = segments.length === 1 ? `/${segments[0]}` === page : segments.length === 2 && segments[0] === 'assets';
    if (!allowed) return REFUSE_404;
  } else if (segments.length === 0) segments.push('index.html');

  const root = path.resolve(rootDir);
  const candidate = path.resolve(root, ...segments);
  if (!inside(root, candidate) || candidate === root) return REFUSE_403;

  let realRoot: string;
  let real: string;
  try {
    realRoot = fsOps.realpathSync(root);
    real = fsOps.realpathSync(candidate);
  } catch {
    return REFUSE_404;
  }
  // A symlink inside dist/renderer must not lead out of it.
  if (!inside(realRoot, real) || real === realRoot) return REFUSE_403;
  try {
    if (!fsOps.statSync(real).isFile()) return REFUSE_404;
  } catch {
    return REFUSE_404;
  }
  return { ok: true, file: real, mime: mimeFor(real), site };
}
