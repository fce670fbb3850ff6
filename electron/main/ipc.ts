import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, DROP_CHANNEL } from '../../shared/ipc/contract';
import { APP_ORIGIN } from '../../shared/origins';
import type { PickedPaths } from '../services/paths/picked-paths';
import { events, type EventName, type EventPayload } from '../../shared/ipc/events';
import type { Caller, Dispatch } from '../ipc/dispatcher';
import { frameOrigin } from './security-policy';

/** Who is calling, as the dispatcher judges it: the frame's origin, and whether it is the top frame. */
export function callerOf(event: IpcMainInvokeEvent): Caller {
  const frame = event.senderFrame;
  return { origin: frameOrigin(frame), isMainFrame: frame !== null && frame === event.sender.mainFrame };
}

/** One ipcMain.handle per contract channel, all through the same dispatcher. Returns an undo. */
export function registerIpc(dispatch: Dispatch): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => dispatch(channel, payload, callerOf(event)));
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

/**
 * Files dropped on the window: the preload (not the page, which cannot reach this channel) sends the paths
 * Electron gave it for real dropped Files, and gets import tokens back, exactly like the file dialog's.
 */
export function registerDropChannel(picked: PickedPaths): () => void {
  ipcMain.handle(DROP_CHANNEL, (event, paths: unknown) => {
    const caller = callerOf(event);
    if (caller.origin !== APP_ORIGIN || !caller.isMainFrame) return [];
    if (!Array.isArray(paths) || paths.length > 1000) return [];
    return paths.filter((p): p is string => typeof p === 'string' && p.length > 0 && p.length <= 4096).map((p) => picked.grant('import-documents', p));
  });
  return () => ipcMain.removeHandler(DROP_CHANNEL);
}

/** Main → renderer. The payload is checked against its schema so nothing unplanned crosses. */
export function sendEvent<E extends EventName>(target: WebContents | null | undefined, name: E, payload: EventPayload<E>): void {
  if (!target || target.isDestroyed()) return;
  const parsed = events[name].safeParse(payload);
  if (!parsed.success) return;
  target.send(name, parsed.data);
}
