import { BrowserWindow, dialog } from 'electron';
import type { Dialogs } from '../services/dialogs';

/** Real OS dialogs, parented to the window so they are modal and never leave a recent-files trace of their own. */
export function electronDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  return {
    async openFiles(opts) {
      const win = getWindow();
      const options = { title: opts.title, properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[], filters: opts.filters };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? [] : r.filePaths;
    },
    async saveFile(opts) {
      const win = getWindow();
      const options = { title: opts.title, defaultPath: opts.defaultName };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async pickFolder(opts) {
      const win = getWindow();
      const options = { title: opts.title, properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
