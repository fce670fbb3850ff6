/**
 * Runs in the page before the app (served as /bridge-preload.js, bundled by the bridge).
 * Builds window.sakta with the real preload's buildSaktaApi, so the shape the renderer sees in
 * tests is the shape it gets in Electron; only the transport differs (HTTP instead of ipcRenderer).
 */
import { buildSaktaApi } from '../../electron/preload/build-api';
import { CHANNELS } from '../../shared/ipc/contract';
import { EVENT_NAMES } from '../../shared/ipc/events';

declare const __SAKTA_BRIDGE_TOKEN__: string;
declare const __SAKTA_TOKEN_HEADER__: string;
declare const __SAKTA_VIEWER_FRAME_URL__: string;
declare const __SAKTA_MEDIA_FRAME_URL__: string;

const headers = { 'content-type': 'application/json', [__SAKTA_TOKEN_HEADER__]: __SAKTA_BRIDGE_TOKEN__ };
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let streaming = false;

function deliver(block: string): void {
  const data = block
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => l.slice(6))
    .join('\n');
  if (!data) return;
  const msg = JSON.parse(data) as { event: string; payload: unknown };
  for (const cb of listeners.get(msg.event) ?? []) cb(msg.payload);
}

/** One server-sent-events stream per page, read with fetch so the token travels in a header. */
async function stream(): Promise<void> {
  if (streaming) return;
  streaming = true;
  try {
    const res = await fetch('./events', { headers });
    if (!res.ok || !res.body) throw new Error('no stream');
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
        deliver(buf.slice(0, i));
        buf = buf.slice(i + 2);
      }
    }
  } catch {
    // The bridge closed or restarted: retry below.
  }
  streaming = false;
  setTimeout(() => void stream(), 500);
}

const api = buildSaktaApi(CHANNELS, EVENT_NAMES, {
  async invoke(channel, request) {
    const res = await fetch(`./ipc/${encodeURIComponent(channel)}`, { method: 'POST', headers, body: JSON.stringify(request) });
    return res.json();
  },
  subscribe(event, listener) {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    void stream();
    return () => set.delete(listener);
  },
  viewerFrameUrl: __SAKTA_VIEWER_FRAME_URL__,
  mediaFrameUrl: __SAKTA_MEDIA_FRAME_URL__,
});

Object.defineProperty(window, 'sakta', { value: api, writable: false, configurable: false, enumerable: true });
