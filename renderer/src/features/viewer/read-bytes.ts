import { VIEWER_READ_MAX } from '../../../../shared/ipc/channels/viewer';
import { call } from '../../api/client';

/** What the viewer keeps in memory at most; bigger files are offered as a decrypted copy instead. */
export const VIEWER_MEMORY_CAP = 256 * 1024 * 1024;

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Fetches a document's decrypted bytes slice by slice into one buffer in memory; nothing touches
 * disk, cache or a URL that outlives the page. `limit` stops early (plain text shows its start only).
 */
export async function readDocumentBytes(id: string, size: number, opts: { limit?: number; signal?: AbortSignal } = {}): Promise<Uint8Array> {
  const want = Math.min(size, opts.limit ?? size);
  const out = new Uint8Array(want);
  let at = 0;
  while (at < want) {
    if (opts.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const r = await call('viewer.read', { id, start: at, length: Math.min(VIEWER_READ_MAX, want - at) });
    const part = fromBase64(r.base64);
    if (part.length === 0) break;
    out.set(part.subarray(0, want - at), at);
    at += part.length;
  }
  return at === want ? out : out.subarray(0, at);
}
