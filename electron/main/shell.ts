import { shell } from 'electron';
import type { Shell } from '../services/shell';

/** Electron's shell, as the services' port: nothing else here, the service decides what may be opened. */
export const electronShell: Shell = {
  openPath: (p) => shell.openPath(p),
  showItemInFolder: (p) => shell.showItemInFolder(p),
};
