/**
 * The operating system's file dialogs, as the services see them. Electron's glue passes real dialogs;
 * the test bridge passes scripted answers. Paths that reach import or export come from here (or from a
 * file dropped on the window), never typed by the renderer.
 */
export interface Dialogs {
  openFiles(opts: { title: string; filters?: { name: string; extensions: string[] }[] }): Promise<string[]>;
  saveFile(opts: { title: string; defaultName: string }): Promise<string | null>;
  pickFolder(opts: { title: string }): Promise<string | null>;
}

/** Used where no window exists (CLI): every dialog is cancelled. */
export const noDialogs: Dialogs = {
  openFiles: async () => [],
  saveFile: async () => null,
  pickFolder: async () => null,
};

/** Answers queued by a test, in order; an empty queue answers "cancelled". The titles shown are kept, in order. */
export class ScriptedDialogs implements Dialogs {
  readonly files: string[][] = [];
  readonly saves: (string | null)[] = [];
  readonly folders: (string | null)[] = [];
  readonly titles: string[] = [];
  async openFiles(opts: { title: string }): Promise<string[]> {
    this.titles.push(opts.title);
    return this.files.shift() ?? [];
  }
  async saveFile(opts: { title: string }): Promise<string | null> {
    this.titles.push(opts.title);
    return this.saves.shift() ?? null;
  }
  async pickFolder(opts: { title: string }): Promise<string | null> {
    this.titles.push(opts.title);
    return this.folders.shift() ?? null;
  }
}
