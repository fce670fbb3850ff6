import type { z } from 'zod';
import { SaktaError } from '../../../shared/errors';
import type { VerifyReportSchema } from '../../../shared/ipc/channels/documents';
import type { BlobStore } from '../../blobs/blob-store';
import type { Crypto } from '../../crypto/types';
import { checkDbIntegrity, type ReadDb } from '../../db/connection';
import { backupPaths, resolveBackupRoot, vaultIdOfRoot } from '../backup/layout';
import { rollbackFindings } from '../backup/rollback';
import { verifyRotations } from '../keys/rotation-db';
import type { VaultSession } from '../vault-service';

export type VerifyReport = z.infer<typeof VerifyReportSchema>;
export type VerifyProblem = VerifyReport['problems'][number];

/**
 * Everything a lawyer may have to prove years later: every database page authenticates, every stored
 * file decrypts and still has the SHA-256 recorded at import, and the audit chain is whole and signed.
 * Read-only: it changes nothing it checks. Each problem names the document or the audit entry.
 */
export class VerifyService {
  constructor(private readonly deps: { session: () => VaultSession; blobs: BlobStore; crypto: Crypto }) {}

  /**
   * `againstBackup`: a backup folder of this vault; each snapshot's signed audit head must be in this vault's
   * chain (a vault older than its own backup was rolled back).
   */
  async verify(onProgress?: (done: number, total: number) => void, opts: { againstBackup?: string } = {}): Promise<VerifyReport> {
    const session = this.deps.session();
    const { db } = session;
    const problems: VerifyProblem[] = [];

    for (const m of checkDbIntegrity(db)) problems.push({ area: 'database', message: `Database: ${m}` });
    for (const m of searchIndexProblems(db)) problems.push({ area: 'database', message: `Search index: ${m}` });

    const blobs = db.prepare('SELECT id, sha256 FROM blobs ORDER BY id').all() as { id: string; sha256: string }[];
    const docsOf = db.prepare('SELECT id, title, sha256 FROM documents WHERE blob_id = ? ORDER BY imported_at');
    const docCount = (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    const name = (docs: { id: string; title: string }[]) =>
      docs.length ? docs.map((d) => `document "${d.title}" (${d.id})`).join(', ') : 'a stored file no document uses';
    for (const [i, b] of blobs.entries()) {
      const docs = docsOf.all(b.id) as { id: string; title: string; sha256: string }[];
      const ids = docs.map((d) => d.id);
      try {
        const { sha256 } = await this.deps.blobs.open(b.id, db).verify();
        for (const d of docs) {
          if (d.sha256 !== sha256) {
            problems.push({ area: 'file', message: `${name([d])}: its recorded SHA-256 differs from its stored file ${b.id}`, documentIds: [d.id], blobId: b.id });
          }
        }
      } catch (e) {
        const why = e instanceof SaktaError ? e.message : `it could not be read (${(e as NodeJS.ErrnoException)?.code ?? 'error'})`;
        problems.push({ area: 'file', message: `${name(docs)}: ${why}`, documentIds: ids, blobId: b.id });
      }
      onProgress?.(i + 1, blobs.length);
    }
    const dangling = db.prepare('SELECT d.id, d.title, d.blob_id FROM documents d LEFT JOIN blobs b ON b.id = d.blob_id WHERE b.id IS NULL').all() as {
      id: string;
      title: string;
      blob_id: string;
    }[];
    for (const d of dangling) {
      problems.push({ area: 'file', message: `${name([d])}: its stored file ${d.blob_id} has no key record (deleted)`, documentIds: [d.id], blobId: d.blob_id });
    }

    const auditEntries = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    // Key rotations: each entry signed by the key before and the key after, the last naming today's key.
    const rotationProblems = verifyRotations(db, this.deps.crypto, session.vaultId, session.header.signingPublicKey);
    for (const m of [...session.audit.verify(db, session.keys.signing.publicKey), ...rotationProblems]) {
      const seq = /audit entry (\d+)/.exec(m);
      problems.push({ area: 'audit', message: `Audit log: ${m}`, ...(seq ? { auditSeq: Number(seq[1]) } : {}) });
    }
    if (opts.againstBackup !== undefined) {
      const root = resolveBackupRoot(opts.againstBackup);
      if (vaultIdOfRoot(root) !== session.vaultId) throw new SaktaError('VALIDATION', 'That backup folder belongs to another vault.');
      const { findings, checked } = rollbackFindings(this.deps.crypto, session, backupPaths(root));
      if (checked === 0) throw new SaktaError('NOT_FOUND', 'No snapshot in that backup folder carries a signed audit head of this vault (backups made before this check existed do not).');
      for (const f of findings) problems.push({ area: 'rollback', message: f.message });
    }
    return { ok: problems.length === 0, checked: { databasePages: true, files: blobs.length, documents: docCount, auditEntries }, problems };
  }
}

/**
 * The full-text index (a contentless FTS5 table) is a structure of its own inside the database: a page of it
 * put back from an older copy still authenticates, and an event then silently drops out of search. FTS5's own
 * integrity-check walks the index; every indexed item must also have exactly one entry in it.
 */
function searchIndexProblems(db: ReadDb): string[] {
  if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'search_fts'`).get()) return [];
  const problems: string[] = [];
  try {
    db.prepare(`INSERT INTO search_fts (search_fts) VALUES ('integrity-check')`).run();
  } catch (e) {
    problems.push(`the full-text index is damaged or was altered (${(e as Error).message.split('\n')[0]})`);
  }
  try {
    // Items waiting to be indexed (schema 16 rebuilt the index; the next unlock indexes them) are not missing.
    const waiting = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'search_unindexed'`).get() ? ' AND rowid NOT IN (SELECT rowid FROM search_unindexed)' : '';
    const missing = db.prepare(`SELECT count(*) AS n FROM search_items WHERE rowid NOT IN (SELECT rowid FROM search_fts)${waiting}`).get() as { n: number };
    const extra = db.prepare('SELECT count(*) AS n FROM search_fts WHERE rowid NOT IN (SELECT rowid FROM search_items)').get() as { n: number };
    if (missing.n) problems.push(`${missing.n} item(s) are missing from the full-text index (they cannot be found by search)`);
    if (extra.n) problems.push(`the full-text index holds ${extra.n} entr(ies) for items that no longer exist`);
    // Since schema 8 each item's text is a row of its own: an item without one shows no snippet.
    if (db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'search_bodies'`).get()) {
      const textless = db.prepare('SELECT count(*) AS n FROM search_items WHERE rowid NOT IN (SELECT rowid FROM search_bodies)').get() as { n: number };
      const orphan = db.prepare('SELECT count(*) AS n FROM search_bodies WHERE rowid NOT IN (SELECT rowid FROM search_items)').get() as { n: number };
      if (textless.n) problems.push(`${textless.n} searchable item(s) have lost their text`);
      if (orphan.n) problems.push(`the search text of ${orphan.n} item(s) that no longer exist is still stored`);
    }
  } catch (e) {
    problems.push(`the full-text index cannot be read (${(e as Error).message.split('\n')[0]})`);
  }
  return problems;
}
