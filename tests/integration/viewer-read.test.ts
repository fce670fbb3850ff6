import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VIEWER_READ_MAX } from '../../shared/ipc/channels/viewer';
import { wavBytes } from '../helpers/media';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { APP_CALLER, vaultWithDocument } from './documents-fixtures';

const caller = APP_CALLER;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const setup = (bytes: Buffer, name = 'scan.pdf') => vaultWithDocument(bytes, name);

describe('viewer.read: slices of a document for the in-app viewer', () => {
  it('returns the exact bytes in slices, at any offset, and a short slice at the end', async () => {
    const bytes = Buffer.alloc(3 * 65536 + 123);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
    bytes.write('%PDF-1.4\n', 0);
    const { doc, dispatch } = await setup(bytes);
    expect((await dispatch('documents.open', { id: doc.id }, caller)).ok).toBe(true);
    const parts: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 50_000) {
      const r = await dispatch('viewer.read', { id: doc.id, start: at, length: 50_000 }, caller);
      if (!r.ok) throw new Error(r.error.message);
      const v = r.value as { size: number; base64: string };
      expect(v.size).toBe(bytes.length);
      parts.push(Buffer.from(v.base64, 'base64'));
    }
    expect(sha(Buffer.concat(parts))).toBe(sha(bytes));
    const past = await dispatch('viewer.read', { id: doc.id, start: bytes.length + 10, length: 10 }, caller);
    expect(past.ok && (past.value as { base64: string }).base64).toBe('');
  });

  it('refuses slices above the cap, documents in the trash, and calls from a frame that is not the main one', async () => {
    const { services, doc, dispatch } = await setup(Buffer.from('plain text note about the hearing\n'), 'note.txt');
    await dispatch('documents.open', { id: doc.id }, caller);
    const big = await dispatch('viewer.read', { id: doc.id, start: 0, length: VIEWER_READ_MAX + 1 }, caller);
    expect(big.ok).toBe(false);
    const frame = await dispatch('viewer.read', { id: doc.id, start: 0, length: 10 }, { ...caller, isMainFrame: false });
    expect(!frame.ok && frame.error.code).toBe('FORBIDDEN_SENDER');
    services.documents.trash(doc.id);
    const trashed = await dispatch('viewer.read', { id: doc.id, start: 0, length: 10 }, caller);
    expect(!trashed.ok && trashed.error.code).toBe('NOT_FOUND');
  });

  it('a document read by the viewer can still be exported whole afterwards', async () => {
    const bytes = fs.readFileSync(path.resolve('../shared/samples/complaint-to-prosecutor-ru.pdf'));
    const { services, doc, dispatch } = await setup(bytes);
    services.documents.open(doc.id);
    const r = await dispatch('viewer.read', { id: doc.id, start: 0, length: VIEWER_READ_MAX }, caller);
    expect(r.ok).toBe(true);
    const out = path.join(tmpDir(), 'copy.pdf');
    // As the save dialog would: the main process keeps the path, the page gets a token.
    const { token } = services.picked.grant('export-document', out);
    const e = await dispatch('documents.export', { id: doc.id, target: token }, caller);
    if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
    expect(sha(fs.readFileSync(out))).toBe(sha(bytes));
  });
});

describe('custody is decided in the main process: the viewer reads only what was opened', () => {
  it('a compromised page asking for bytes or a stream without documents.open gets nothing; each view and stream is in custody', async () => {
    const { services, doc, dispatch } = await setup(Buffer.from('Протокол допроса: показания о пытках\n'), 'protocol.txt');
    // The attack: straight to viewer.read / viewer.media, skipping the custody record.
    const read = await dispatch('viewer.read', { id: doc.id, start: 0, length: 100 }, caller);
    expect(!read.ok && read.error.code).toBe('CONFLICT');
    expect(JSON.stringify(read)).not.toContain('Протокол');
    const media = await dispatch('viewer.media', { id: doc.id }, caller);
    expect(!media.ok && media.error.code).toBe('CONFLICT');
    expect(services.documents.custody(doc.id).map((e) => e.action)).toEqual(['document.import']);

    // Opened: the view is recorded, then the bytes come.
    expect((await dispatch('documents.open', { id: doc.id }, caller)).ok).toBe(true);
    const ok = await dispatch('viewer.read', { id: doc.id, start: 0, length: 100 }, caller);
    expect(ok.ok && Buffer.from((ok.value as { base64: string }).base64, 'base64').toString()).toContain('Протокол');

    // The lock ends the session: after unlocking, a read needs a new open (and so a new custody entry).
    services.vault.lock('user');
    await services.vault.unlock(PASS);
    const stale = await dispatch('viewer.read', { id: doc.id, start: 0, length: 100 }, caller);
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
  });

  it('a recording handed to the player is in custody beside its view', async () => {
    const { services, doc, dispatch } = await setup(wavBytes(1), 'interview.wav');
    await dispatch('documents.open', { id: doc.id }, caller);
    const r = await dispatch('viewer.media', { id: doc.id }, caller);
    expect(r.ok).toBe(true);
    expect(services.documents.custody(doc.id).map((e) => e.action)).toEqual(['document.import', 'document.view', 'document.media']);
  });
});
