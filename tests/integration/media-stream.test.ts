import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MediaResponse } from '../../electron/services/media/media-streams';
import { toWebStream } from '../../electron/services/media/web-stream';
import { wavBytes } from '../helpers/media';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { APP_CALLER, vaultWithDocument } from './documents-fixtures';

const caller = APP_CALLER;
const CHUNK = 64 * 1024;

const setup = (bytes: Buffer, name: string) => vaultWithDocument(bytes, name);

/** As the app page does: open the document (the view goes into custody), then ask for its stream. */
async function grant(dispatch: Awaited<ReturnType<typeof setup>>['dispatch'], id: string): Promise<string> {
  const opened = await dispatch('documents.open', { id }, caller);
  if (!opened.ok) throw new Error(opened.error.message);
  const r = await dispatch('viewer.media', { id }, caller);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { src: string }).src.slice('media/'.length);
}

async function body(r: MediaResponse): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of r.body ?? []) parts.push(Buffer.from(p));
  return Buffer.concat(parts);
}

describe('audio and video streamed with range requests', () => {
  it('answers a seek near the end of a long recording by decrypting only the chunks around it', async () => {
    // 6 minutes of CD-quality stereo: 63 MiB, about a thousand 64 KiB chunks.
    const wav = wavBytes(360);
    const { services, doc, dispatch } = await setup(wav, 'interview.wav');
    expect(doc.kind).toBe('wav');
    const media = services.media;
    const token = await grant(dispatch, doc.id);
    const totalChunks = Math.ceil(wav.length / CHUNK);

    const start = wav.length - 3 * 1024 * 1024 - 12_345;
    const before = media.stats.chunksDecrypted;
    const r = await media.respond({ method: 'GET', token, range: `bytes=${start}-` });
    expect(r.status).toBe(206);
    expect(r.headers['Content-Range']).toBe(`bytes ${start}-${wav.length - 1}/${wav.length}`);
    expect(r.headers['Content-Length']).toBe(String(wav.length - start));
    expect(r.headers['Content-Type']).toBe('audio/wav');
    expect(r.headers['Accept-Ranges']).toBe('bytes');
    expect(r.headers['Cache-Control']).toBe('no-store');
    expect((await body(r)).equals(wav.subarray(start))).toBe(true);
    const used = media.stats.chunksDecrypted - before;
    expect(used).toBeLessThanOrEqual(Math.ceil((wav.length - start) / CHUNK) + 1);
    expect(used).toBeLessThan(totalChunks / 10);

    // A bounded range in the middle, exactly.
    const mid = await media.respond({ method: 'GET', token, range: 'bytes=30000000-30099999' });
    expect(mid.status).toBe(206);
    expect((await body(mid)).equals(wav.subarray(30_000_000, 30_100_000))).toBe(true);
  });

  it('stops decrypting when the player abandons a response (a seek elsewhere)', async () => {
    const wav = wavBytes(360);
    const { services, doc, dispatch } = await setup(wav, 'long.wav');
    const media = services.media;
    const token = await grant(dispatch, doc.id);
    const before = media.stats.chunksDecrypted;
    const r = await media.respond({ method: 'GET', token, range: 'bytes=0-' });
    expect(r.status).toBe(206);
    // Read a little through the same web stream the Electron protocol handler returns, then cancel it.
    const reader = toWebStream(r.body!).getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).equals(wav.subarray(0, first.value!.length))).toBe(true);
    await reader.cancel();
    const used = media.stats.chunksDecrypted - before;
    // One read batch (64 chunks) at most, out of a thousand.
    expect(used).toBeLessThanOrEqual(64);
    expect(used).toBeGreaterThan(0);
  });

  it('serves HEAD and whole-file requests, and 416 past the end', async () => {
    const wav = wavBytes(2);
    const { services, doc, dispatch } = await setup(wav, 'short.wav');
    const token = await grant(dispatch, doc.id);
    const head = await services.media.respond({ method: 'HEAD', token });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(head.headers['Content-Length']).toBe(String(wav.length));
    const whole = await services.media.respond({ method: 'GET', token });
    expect(whole.status).toBe(200);
    expect((await body(whole)).equals(wav)).toBe(true);
    const past = await services.media.respond({ method: 'GET', token, range: `bytes=${wav.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers['Content-Range']).toBe(`bytes */${wav.length}`);
    expect((await services.media.respond({ method: 'POST', token })).status).toBe(405);
  });

  it('works only with a granted token, which the lock revokes; trashed and non-media documents get none', async () => {
    const wav = wavBytes(2);
    const { services, doc, dispatch } = await setup(wav, 'statement.wav');
    const media = services.media;
    const token = await grant(dispatch, doc.id);
    expect((await media.respond({ method: 'GET', token: 'f'.repeat(64) })).status).toBe(404);
    expect((await media.respond({ method: 'GET', token: '../../vault.db' })).status).toBe(404);
    expect((await media.respond({ method: 'GET', token: token.toUpperCase() })).status).toBe(404);

    // A text file is not played.
    const txt = path.join(tmpDir(), 'note.txt');
    fs.writeFileSync(txt, 'Протокол допроса');
    const other = (await services.documents.import({ caseId: doc.caseId, paths: [txt] })).documents[0]!;
    await dispatch('documents.open', { id: other.id }, caller);
    const refused = await dispatch('viewer.media', { id: other.id }, caller);
    expect(refused.ok ? null : refused.error.code).toBe('UNSUPPORTED');

    // Trashed: the old URL stops working and no new one is granted.
    services.documents.trash(doc.id);
    expect((await media.respond({ method: 'GET', token })).status).toBe(404);
    const trashed = await dispatch('viewer.media', { id: doc.id }, caller);
    expect(trashed.ok ? null : trashed.error.code).toBe('NOT_FOUND');
    services.documents.restore(doc.id);
    const again = await grant(dispatch, doc.id);
    expect((await media.respond({ method: 'GET', token: again })).status).toBe(200);

    // Lock: every grant is forgotten; after unlocking, the old URL still does not work.
    services.vault.lock('user');
    expect((await media.respond({ method: 'GET', token: again })).status).toBe(404);
    await services.vault.unlock(PASS);
    expect((await media.respond({ method: 'GET', token: again })).status).toBe(404);
    expect((await media.respond({ method: 'GET', token: await grant(dispatch, doc.id) })).status).toBe(200);
  });
});
