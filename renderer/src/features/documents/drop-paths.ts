/**
 * Extension point for drag-and-drop import. A dropped File has no path in the renderer; in Electron
 * only the preload can resolve one, with `webUtils.getPathForFile(file)`. That call takes a live File
 * object, which cannot travel through the IPC contract, so it is not a channel: the preload has to
 * expose it beside the channels (e.g. `sakta.pathForFile(file) → string`), and api/client.ts, the one
 * module touching window.sakta, re-exports it. Until then this returns [] and the tab tells the user
 * to use "Import files…". The resolver is injectable so the preload wiring is one line.
 */
export type PathResolver = (file: File) => string | null;

let resolver: PathResolver | null = null;

export function setDropPathResolver(r: PathResolver | null): void {
  resolver = r;
}

export function pathsFromDrop(files: FileList | readonly File[]): string[] {
  if (!resolver) return [];
  const out: string[] = [];
  for (const f of Array.from(files)) {
    const p = resolver(f);
    if (p) out.push(p);
  }
  return out;
}
