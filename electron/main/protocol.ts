import fs from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { MEDIA_FRAME_HOST, MEDIA_PATH_PREFIX } from '../../shared/origins';
import type { MediaStreams } from '../services/media/media-streams';
import { toWebStream } from '../services/media/web-stream';
import { APP_SCHEME, resolveAppFile } from './protocol-path';
import { APP_RESPONSE_HEADERS, MEDIA_FRAME_RESPONSE_HEADERS, PDF_FRAME_RESPONSE_HEADERS } from './security-policy';

/** Must run before `app.whenReady()`: privileges can only be granted at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // `stream`: audio and video are answered with streamed 206 responses (range requests).
      privileges: { standard: true, secure: true, supportFetchAPI: true, allowServiceWorkers: false, bypassCSP: false, corsEnabled: false, stream: true },
    },
  ]);
}

function refuse(status: number): Response {
  return new Response(null, { status, headers: APP_RESPONSE_HEADERS });
}

/**
 * The capability token of an `app://mediaview/media/<token>` URL, or null for every other URL. Only the media
 * frame's origin plays recordings; `app://sakta/media/…` is an ordinary (missing) file of the app.
 */
export function mediaTokenOf(rawUrl: string): string | null {
  try {
    const url = new URL(rawUrl);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== MEDIA_FRAME_HOST || !url.pathname.startsWith(MEDIA_PATH_PREFIX)) return null;
    return url.pathname.slice(MEDIA_PATH_PREFIX.length);
  } catch {
    return null;
  }
}

/**
 * Serves, on the window's own (in-memory) session: dist/renderer to app://sakta, the PDF frame's page and
 * scripts to app://pdfview and the media frame's to app://mediaview (each with its own CSP), and decrypted
 * audio/video ranges to app://mediaview/media/<token>. Nothing outside dist/renderer is reachable.
 */
export function serveRenderer(session: Session, rendererDir: string, media: Pick<MediaStreams, 'respond'>): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const token = mediaTokenOf(request.url);
    if (token !== null) {
      const r = await media.respond({ method: request.method, token, range: request.headers.get('range') });
      return new Response(r.body ? toWebStream(r.body) : null, { status: r.status, headers: r.headers });
    }
    const resolved = resolveAppFile(rendererDir, request.url);
    if (!resolved.ok) return refuse(resolved.status);
    const headers = resolved.site === 'pdf-frame' ? PDF_FRAME_RESPONSE_HEADERS : resolved.site === 'media-frame' ? MEDIA_FRAME_RESPONSE_HEADERS : APP_RESPONSE_HEADERS;
    try {
      // A fresh Uint8Array (plain ArrayBuffer) satisfies both the Node and the DOM typing of BodyInit.
      const body = request.method === 'HEAD' ? null : new Uint8Array(await fs.readFile(resolved.file));
      return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': resolved.mime } });
    } catch {
      return refuse(404);
    }
  });
}
