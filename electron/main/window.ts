import { BrowserWindow, session as sessions, type Session, type WebContents } from 'electron';
import { APP_ORIGIN } from './protocol-path';
import { serveRenderer } from './protocol';
import type { MediaStreams } from '../services/media/media-streams';
import { isFrameNavigationAllowed, isNavigationAllowed, isRequestAllowed, SESSION_PARTITION, WINDOW_TITLE, windowWebPreferences } from './security-policy';

export interface WindowOptions {
  preload: string;
  rendererDir: string;
  packaged: boolean;
  media: Pick<MediaStreams, 'respond'>;
}

let hardenedSession: Session | null = null;

/** The window's session: in memory, app:// served from disk, the network and every permission refused. */
function hardenSession(opts: WindowOptions): Session {
  if (hardenedSession) return hardenedSession;
  const ses = sessions.fromPartition(SESSION_PARTITION, { cache: false });
  const dev = !opts.packaged;
  serveRenderer(ses, opts.rendererDir, opts.media);
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isRequestAllowed(details.url, { dev }) });
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_req, callback) => callback({}));
  ses.setSpellCheckerEnabled(false);
  // A download would write a plaintext copy outside the vault; exports go through the main process.
  ses.on('will-download', (event) => event.preventDefault());
  hardenedSession = ses;
  return ses;
}

/** Applied to every webContents the app ever creates (the window, devtools, any frame). */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  // The two viewer frames are the only subframes the app ever makes; a document cannot navigate them elsewhere.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isFrameNavigationAllowed(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  hardenSession(opts);
  const win = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: windowWebPreferences({ preload: opts.preload, packaged: opts.packaged }),
  });
  // A case name in the title bar would show in the taskbar, window switcher and screen recordings.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.setTitle(WINDOW_TITLE);
  win.setContentProtection(true);
  guardWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
