import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, powerMonitor } from 'electron';
import { createNativeCrypto } from '../crypto/native';
import { knownDbError, setSqliteNativeBinding } from '../db/connection';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { createAppServices, type AppServices } from '../composition/app-services';
import type { LockReason } from '../../shared/ipc/events';
import { electronDialogs } from './dialogs';
import { electronShell } from './shell';
import { registerDropChannel, registerIpc, sendEvent } from './ipc';
import { installAppMenu } from './menu';
import { findElectronSqliteBinding } from './native-binding';
import { electronClipboard, installProtection } from './protection';
import { launchOverrides, preventCoreDumps, scrubEnvironment } from './launch-env';
import { installReminders } from './reminders';
import { APP_ORIGIN } from './protocol-path';
import { registerAppScheme } from './protocol';
import { CHROMIUM_SWITCHES, WINDOW_TITLE } from './security-policy';
import { createMainWindow, guardWebContents } from './window';

/*
 * App lifecycle only. Bundled to dist/main.cjs, so __dirname is dist/ both in development and
 * inside the packaged app.asar.
 */
const distDir = __dirname;
const appRoot = path.resolve(distDir, '..');
const dev = !app.isPackaged;
// Packaged: the development and test switches (foreign SQLite module, vault and profile folders, test KDF)
// are ignored and removed from the environment before anything reads them again.
const overrides = launchOverrides(process.env, app.isPackaged);
scrubEnvironment(process.env, overrides);
// A core dump would hold the unlocked keys and decrypted case data.
const coreDumps = preventCoreDumps();
if (dev && coreDumps === 'not-possible') console.error('Sakta: core dumps could not be turned off (is util-linux prlimit installed?)');

app.setName(WINDOW_TITLE);
// A fixed profile folder whatever way the app was launched (electron dist/main.cjs would say "Electron").
// Set before the single-instance lock, which lives in this folder.
app.setPath('userData', overrides.userDataDir ? path.resolve(overrides.userDataDir) : path.join(app.getPath('appData'), WINDOW_TITLE));

// A second copy would open the same vault files under a second SQLite handle: hand over and leave.
if (!app.requestSingleInstanceLock()) {
  app.exit(0);
} else {
  start();
}

function start(): void {
  for (const [name, value] of CHROMIUM_SWITCHES) {
    if (value === undefined) app.commandLine.appendSwitch(name);
    else app.commandLine.appendSwitch(name, value);
  }
  // crashReporter is deliberately never started: a crash dump holds decrypted case data.
  registerAppScheme();

  const binding = findElectronSqliteBinding({
    appRoot,
    resourcesPath: process.resourcesPath,
    electronVersion: process.versions.electron ?? '',
    packaged: app.isPackaged,
    exists: (p) => fs.existsSync(p),
  });
  // The module-level default read SAKTA_SQLITE_BINDING at load; this replaces it (undefined included).
  setSqliteNativeBinding(binding ?? overrides.sqliteBinding ?? undefined);
  if (!binding && !overrides.sqliteBinding && dev) {
    // Without it every unlock fails deep inside SQLite with a NODE_MODULE_VERSION error.
    console.error('Sakta: no Electron build of better-sqlite3-multiple-ciphers in .native/electron/; run: node scripts/native-electron.mjs');
  }

  const vaultDir = overrides.vaultDir ? path.resolve(overrides.vaultDir) : path.join(app.getPath('userData'), 'vault');
  // The composition, in its two steps: services, then one handler per channel behind the one gate.
  const services: AppServices = createAppServices({ vaultDir, crypto: createNativeCrypto(), dialogs: electronDialogs(() => mainWindow), shell: electronShell, clipboard: electronClipboard, team: { autoStart: true } });
  const dispatch = createDispatcher(createHandlers(services), { allowedOrigins: [APP_ORIGIN], mapError: knownDbError });

  let mainWindow: BrowserWindow | null = null;

  // Every event reaches the window: whatever locked the vault (request, power event, quit) makes the
  // renderer drop what it shows; `data.changed` reloads the screens that show what changed.
  services.events.onAny((name, payload) => sendEvent(mainWindow?.webContents, name, payload));

  function lockVault(reason: LockReason): void {
    try {
      services.vault.lock(reason);
    } catch {
      // Closing the database can fail only if it is already gone; the keys are zeroed regardless.
    }
  }

  function openWindow(): void {
    mainWindow = createMainWindow({
      preload: path.join(distDir, 'preload.cjs'),
      rendererDir: path.join(distDir, 'renderer'),
      packaged: app.isPackaged,
      media: services.media,
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
      lockVault('shutdown');
    });
  }

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  app.on('window-all-closed', () => {
    // Even on macOS: an app left running without a window would keep no purpose but a stale session.
    app.quit();
  });

  let engineStopped = false;
  app.on('before-quit', (event) => {
    lockVault('shutdown');
    // Sakta's Syncthing ends with the app: the quit waits (bounded by the manager's stop) until the daemon is gone.
    if (engineStopped || !services.teamSync.engine) return;
    event.preventDefault();
    void services.teamSync.stop().finally(() => {
      engineStopped = true;
      app.quit();
    });
  });

  void app.whenReady().then(() => {
    app.clearRecentDocuments();
    installAppMenu({ dev, onLock: () => lockVault('user') });
    registerIpc(dispatch);
    registerDropChannel(services.picked);
    powerMonitor.on('suspend', () => lockVault('suspend'));
    powerMonitor.on('lock-screen', () => lockVault('screen-lock'));
    installProtection({ services, window: () => mainWindow });
    installReminders(services);
    openWindow();
  });
}
