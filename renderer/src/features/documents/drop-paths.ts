/**
 * Extension point for drag-and-drop import. A dropped File has no path in the renderer; in Electron
 * only the preload can resolve one, with `webUtils.getPathForFile(file)`. That call takes a live File
 * object, which cannot travel through the IPC contract, so the preload exposes it beside the channels
 * (`sakta.pathForFile`) and api/client.ts re-exports it. Where there is no path (the test bridge) this
 * returns [] and the tab tells the user to use "Import files…".
 */
import { pathForFile } from '../../api/client';

export type PathResolver = (file: File) => string | null;

// The preload resolves paths in Electron; under the test bridge there are none and the tab says so.
let resolver: PathResolver | null = pathForFile;

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
