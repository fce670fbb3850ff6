import { Menu, type MenuItemConstructorOptions } from 'electron';
import { WINDOW_TITLE } from './security-policy';

/** Minimal menu: editing shortcuts, reload only while developing, window controls. No links to the web. */
export function installAppMenu(opts: { dev: boolean; onLock: () => void }): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: WINDOW_TITLE,
      submenu: [{ role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push({
    label: 'File',
    submenu: [
      { label: 'Lock vault', accelerator: 'CmdOrCtrl+L', click: () => opts.onLock() },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  if (opts.dev) {
    template.push({ label: 'View', submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] });
  }
  template.push({ label: 'Window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, ...(isMac ? [{ role: 'front' } as const] : [])] });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
