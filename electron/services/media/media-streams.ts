import { randomBytes } from 'node:crypto';
import { SaktaError } from '../../../shared/errors';
import type { DocumentInfo, SniffedKind } from '../../../shared/schemas/document';
import type { ByteRange } from '../../blobs/blob-reader';
import { parseRangeHeader } from './byte-range';

/**
 * Audio and video, streamed to the <audio>/<video> of the isolated media frame (app://mediaview/media/<token>
 * in Electron, the bridge's media frame origin in tests), decrypted chunk by chunk for exactly the byte range
 * the media element asks for.
 * Seeking in a long recording decrypts only the chunks around the new position; nothing decrypted is
 * ever written anywhere, and the response carries `no-store` so Chromium's (in-memory) cache keeps nothing.
 *
 * The URL is a capability: `media/<token>`, where the token is 256 random bits granted for one document
 * after its view was recorded in the chain of custody, and forgotten when the vault locks.
 */
export const MEDIA_KINDS: ReadonlySet<SniffedKind> = new Set<SniffedKind>(['mp4', 'webm', 'mp3', 'wav', 'ogg', 'm4a']);
/** Grants kept at once; the oldest is forgotten first (a lawyer does not play 64 recordings side by side). */
const MAX_GRANTS = 64;
const TOKEN = /^[0-9a-f]{64}$/;

export interface MediaSource {
  get(id: string): DocumentInfo;
  /** Decrypts [start, end) of the document; `stats.chunksDecrypted` counts the chunks actually authenticated. */
  openStream(id: string, range: ByteRange): { stream: AsyncIterable<Buffer>; stats: { chunksDecrypted: number } };
}

export interface MediaRequest {
  method: string;
  /** The token, i.e. the URL path after `media/`. */
  token: string;
  range?: string | null;
}

export interface MediaResponse {
  status: 200 | 206 | 404 | 405 | 416;
  headers: Record<string, string>;
  /** Plaintext bytes of the range, produced only as fast as they are consumed; null for HEAD and errors. */
  body: AsyncIterable<Buffer> | null;
}

const BASE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': "default-src 'none'",
  'Referrer-Policy': 'no-referrer',
} as const;

export class MediaStreams {
  private readonly grants = new Map<string, string>();
  /** Chunks authenticated and decrypted for media responses since start (for the bench and tests). */
  readonly stats = { chunksDecrypted: 0, responses: 0 };

  constructor(private readonly source: MediaSource) {}

  /** A fresh token for one audio or video document; the caller has recorded the view already. */
  grant(id: string): string {
    const doc = this.source.get(id);
    if (doc.deletedAt) throw new SaktaError('NOT_FOUND', 'That document is in the trash; restore it to open it.');
    if (!MEDIA_KINDS.has(doc.kind)) throw new SaktaError('UNSUPPORTED', 'Only audio and video files are played in Sakta.');
    const token = randomBytes(32).toString('hex');
    this.grants.set(token, id);
    while (this.grants.size > MAX_GRANTS) this.grants.delete(this.grants.keys().next().value!);
    return token;
  }

  /** Forgets every grant: a URL the page still holds stops working at once. */
  revokeAll(): void {
    this.grants.clear();
  }

  async respond(req: MediaRequest): Promise<MediaResponse> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return empty(405);
    const id = TOKEN.test(req.token) ? this.grants.get(req.token) : undefined;
    if (!id) return empty(404);
    let doc: DocumentInfo;
    try {
      doc = this.source.get(id);
    } catch {
      return empty(404);
    }
    if (doc.deletedAt) return empty(404);

    const size = doc.size;
    const range = parseRangeHeader(req.range, size);
    if (range.kind === 'unsatisfiable') return { status: 416, headers: { ...BASE_HEADERS, 'Content-Range': `bytes */${size}` }, body: null };
    const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, size];
    const headers: Record<string, string> = {
      ...BASE_HEADERS,
      'Content-Type': doc.mime,
      'Accept-Ranges': 'bytes',
      'Content-Length': String(end - start),
    };
    if (range.kind === 'part') headers['Content-Range'] = `bytes ${start}-${end - 1}/${size}`;
    const status = range.kind === 'part' ? 206 : 200;
    if (req.method === 'HEAD' || end === start) return { status, headers, body: null };
    this.stats.responses++;
    return { status, headers, body: this.counted(id, { start, end }) };
  }

  private async *counted(id: string, range: ByteRange): AsyncGenerator<Buffer> {
    const { stream, stats } = this.source.openStream(id, range);
    let seen = 0;
    try {
      for await (const part of stream) {
        this.stats.chunksDecrypted += stats.chunksDecrypted - seen;
        seen = stats.chunksDecrypted;
        yield part;
      }
    } finally {
      this.stats.chunksDecrypted += stats.chunksDecrypted - seen;
    }
  }
}

function empty(status: 404 | 405): MediaResponse {
  return { status, headers: { ...BASE_HEADERS }, body: null };
}
