import { APP_HOST, APP_SCHEME, MEDIA_FRAME_HOST, MEDIA_FRAME_ORIGIN, MEDIA_FRAME_PAGE, PDF_FRAME_HOST, PDF_FRAME_ORIGIN, PDF_FRAME_PAGE } from '../../shared/origins';

/**
 * The window's security rules as plain data and pure functions, so they are tested under Node
 * and the Electron glue (window.ts) only applies them.
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // The app page decodes no document: no blob: or data: images, no audio or video at all.
  "img-src 'self'",
  "media-src 'none'",
  "font-src 'self'",
  "connect-src 'self'",
  // PDFs, and images, audio and video, are parsed and drawn in frames of their own origins, without the preload.
  `frame-src ${PDF_FRAME_ORIGIN} ${MEDIA_FRAME_ORIGIN}`,
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The PDF frame's policy: pdf.js and its worker from the frame's own files, pages drawn to a canvas,
 * no network at all (connect-src 'none': a document cannot fetch anything), embeddable only by the app.
 */
export const PDF_FRAME_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${APP_SCHEME}://${APP_HOST}`,
].join('; ');

/**
 * The media frame's policy: its own script and styles, images only from the blob: URLs it makes of the bytes
 * the app transferred, audio and video only from its own origin (where `media/<token>` is the one stream the
 * app granted, decrypted range by range), and no connections, workers or frames: a decoder exploit there has
 * no API, no network and nothing of the app's.
 */
export const MEDIA_FRAME_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  'img-src blob:',
  "media-src 'self'",
  "font-src 'none'",
  "connect-src 'none'",
  "worker-src 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${APP_SCHEME}://${APP_HOST}`,
].join('; ');

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
} as const;

/** Headers sent with every app://sakta response. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Headers sent with every app://pdfview response. */
export const PDF_FRAME_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON_HEADERS,
  'Content-Security-Policy': PDF_FRAME_CONTENT_SECURITY_POLICY,
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Headers sent with every app://mediaview response but the media streams (which carry their own). */
export const MEDIA_FRAME_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON_HEADERS,
  'Content-Security-Policy': MEDIA_FRAME_CONTENT_SECURITY_POLICY,
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * No `persist:` prefix: Chromium keeps this session's cache, cookies and storage in memory only,
 * so nothing the page renders is written to the profile folder.
 */
export const SESSION_PARTITION = 'sakta-window';

/**
 * Whether the window may load a URL at all. Everything off-machine is refused (the app never uses
 * the network); only our own scheme, our pages' blob:/data: images and, in development, DevTools pass.
 */
export function isRequestAllowed(rawUrl: string, opts: { dev: boolean }): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  switch (url.protocol) {
    case `${APP_SCHEME}:`:
      return url.host === APP_HOST || url.host === PDF_FRAME_HOST || url.host === MEDIA_FRAME_HOST;
    case 'blob:':
      // blob:app://sakta/<uuid> (or a viewer frame's) — only blobs one of our own pages created.
      return [APP_HOST, PDF_FRAME_HOST, MEDIA_FRAME_HOST].some((host) => rawUrl.startsWith(`blob:${APP_SCHEME}://${host}/`));
    case 'data:':
      return true;
    case 'devtools:':
      return opts.dev;
    default:
      return false;
  }
}

/** Navigation (as opposed to sub-resource loads) may only stay on the app's own pages. */
export function isNavigationAllowed(rawUrl: string): boolean {
  try {
    const url = new URL(rawUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** A subframe may only ever show one of the two viewer pages: the PDF frame's or the media frame's. */
export function isFrameNavigationAllowed(rawUrl: string): boolean {
  try {
    const url = new URL(rawUrl);
    if (url.protocol !== `${APP_SCHEME}:` || url.username || url.port) return false;
    return (url.host === PDF_FRAME_HOST && url.pathname === PDF_FRAME_PAGE) || (url.host === MEDIA_FRAME_HOST && url.pathname === MEDIA_FRAME_PAGE);
  } catch {
    return false;
  }
}

/** Chromium features that would talk to the network or leave traces on disk. */
export const CHROMIUM_SWITCHES: ReadonlyArray<readonly [string, string?]> = [
  ['disable-background-networking'],
  ['disable-component-update'],
  ['disable-domain-reliability'],
  ['disable-breakpad'],
  ['disable-sync'],
  ['no-pings'],
  ['dns-prefetch-disable'],
  ['disable-gpu-shader-disk-cache'],
  ['disable-features', 'AutofillServerCommunication,MediaRouter,DialMediaRouteProvider,OptimizationHints,Translate,SpareRendererForSitePerProcess,CertificateTransparencyComponentUpdater'],
];

export interface WindowWebPreferences {
  preload: string;
  partition: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  devTools: boolean;
  safeDialogs: true;
  disableBlinkFeatures: string;
}

export function windowWebPreferences(opts: { preload: string; packaged: boolean }): WindowWebPreferences {
  return {
    preload: opts.preload,
    partition: SESSION_PARTITION,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // Dropping a file on the window would otherwise navigate to file://… and show it outside the vault.
    navigateOnDragDrop: false,
    // Spellcheck sends words to a dictionary service and downloads dictionaries.
    spellcheck: false,
    devTools: !opts.packaged,
    safeDialogs: true,
    disableBlinkFeatures: 'Auxclick',
  };
}

export const WINDOW_TITLE = 'Sakta';

/**
 * The origin the IPC gate compares against. Chromium's own value (WebFrameMain.origin) comes
 * first; Node's URL cannot be trusted alone here because it does not know that app: is registered
 * as a standard scheme and answers "null" for every app:// URL.
 */
export function frameOrigin(frame: { origin?: unknown; url?: unknown } | null | undefined): string {
  if (!frame) return '';
  if (typeof frame.origin === 'string' && frame.origin !== '' && frame.origin !== 'null') return frame.origin;
  if (typeof frame.url !== 'string') return '';
  try {
    const url = new URL(frame.url);
    if (url.origin !== 'null') return url.origin;
    if (url.protocol === `${APP_SCHEME}:` && url.host) return `${url.protocol}//${url.host}`;
  } catch {
    // fall through: an unparsable URL has no origin
  }
  return '';
}
