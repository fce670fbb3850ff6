import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANNELS, DROP_CHANNEL, type SaktaApi } from '../../shared/ipc/contract';
import { EVENT_NAMES } from '../../shared/ipc/events';
import { MEDIA_FRAME_ORIGIN, MEDIA_FRAME_PAGE, PDF_FRAME_ORIGIN, PDF_FRAME_PAGE } from '../../shared/origins';
import { buildSaktaApi } from './build-api';

const api = buildSaktaApi(CHANNELS, EVENT_NAMES, {
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  subscribe: (event, listener) => {
    // The IPC event object (with its sender and ports) stays on this side of the bridge.
    const handler = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.removeListener(event, handler);
    };
  },
  // Paths of real dropped files (a File made in the page has none) go to the main process, never to the page.
  dropFiles: async (files) => {
    const paths = files.map((f) => (f instanceof File ? webUtils.getPathForFile(f) : '')).filter((p) => p !== '');
    return paths.length ? ipcRenderer.invoke(DROP_CHANNEL, paths) : [];
  },
  viewerFrameUrl: `${PDF_FRAME_ORIGIN}${PDF_FRAME_PAGE}`,
  mediaFrameUrl: `${MEDIA_FRAME_ORIGIN}${MEDIA_FRAME_PAGE}`,
}) satisfies SaktaApi;

contextBridge.exposeInMainWorld('sakta', api);
