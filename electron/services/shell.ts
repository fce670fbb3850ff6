/**
 * The operating system's "open this file" and "show it in its folder", as the services see them. Electron's
 * glue passes its `shell` (electron/main/shell.ts); the test bridge passes a recorder. Paths reach it only
 * from the main process (a bundle's written files), never from the page.
 */
export interface Shell {
  /** Opens the file in its default application; resolves to "" or to the OS's error message (Electron's contract). */
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
}

/** Records every call, in order, and opens nothing: the test bridge's and the tests' stand-in. */
export class RecordingShell implements Shell {
  readonly calls: { how: 'open' | 'reveal'; path: string }[] = [];
  /** What the next `openPath` answers ("" = opened); tests set it to simulate a file with no application. */
  openAnswer = '';
  async openPath(path: string): Promise<string> {
    this.calls.push({ how: 'open', path });
    return this.openAnswer;
  }
  showItemInFolder(path: string): void {
    this.calls.push({ how: 'reveal', path });
  }
}
