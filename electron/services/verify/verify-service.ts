import type { z } from 'zod';
import { SaktaError } from '../../../shared/errors';
import type { VerifyReportSchema } from '../../../shared/ipc/channels/documents';
import type { BlobStore } from '../../blobs/blob-store';
import { checkDbIntegrity } from '../../db/connection';
import type { Crypto } from '../../crypto/types';
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

  async verify(onProgress?: (done: number, total: number) => void): Promise<VerifyReport> {
    const session = this.deps.session();
    const { db } = session;
    const problems: VerifyProblem[] = [];

    for (const m of checkDbIntegrity(db)) problems.push({ area: 'database', message: `Database: ${m}` });

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
    return { ok: problems.length === 0, checked: { databasePages: true, files: blobs.length, documents: docCount, auditEntries }, problems };
  }
}
