/**
 * Drag-and-drop import. A dropped File has no path in the renderer, and the page never gets one: in Electron
 * the preload reads each File's path (`webUtils.getPathForFile`) and hands it to the main process, which
 * answers with import tokens, as the file dialog does (`sakta.dropFiles`). Where there are no paths (the
 * test bridge) this returns [] and the tab tells the user to use "Import files…".
 */
import type { PickedFile } from '../../../../shared/schemas/picked';
import { dropFiles } from '../../api/client';

export async function filesFromDrop(files: FileList | readonly File[]): Promise<PickedFile[]> {
  return dropFiles(Array.from(files));
}
