import { SaktaError } from '../../../shared/errors';
import { BlobOfferSchema, type BlobOffer, type SyncReport } from '../../../shared/schemas/sharing';
import { storedJson } from '../../base/stored-json';
import type { PendingBlob } from '../../blobs/blob-store';
import type { ReadDb } from '../../db/connection';
import type { Write } from '../changes/change-writer';
import type { Segment } from '../sharing';
import type { SyncServiceDeps } from './deps';
import { prep } from '../../db/statements';

export interface Arrived {
  offer: BlobOffer;
  pending: PendingBlob | null;
  /** Why it is not here yet (not arrived, damaged); null when it arrived or was here already. */
  problem: string | null;
}

/**
 * Documents' stored files through the folder. A file is offered once per case (again after a member is added);
 * a file another member offered is taken in when its bytes are in the folder and decrypt to the announced
 * SHA-256 — until then its document stays hidden and the offer waits here, tried again at every exchange
 * (the carrier may still be moving a 200 MB file).
 */
export class BlobExchange {
  constructor(private readonly deps: SyncServiceDeps) {}

  /** Copies the stored files of the case's documents that were not offered yet into the folder. */
  async offerNew(folder: string, caseId: string): Promise<BlobOffer[]> {
    const { docs, session, sharing } = this.deps;
    const db = session().db;
    const sent = new Set((prep(db, 'SELECT blob_id FROM sync_blobs_sent WHERE case_id = ?').all(caseId) as { blob_id: string }[]).map((r) => r.blob_id));
    // Only a file a document of this case stands on here: a member's document row naming another case's file
    // (never shown here) must not make this device hand that file out.
    const have = (id: string) => !!prep(db, 'SELECT 1 FROM blobs b JOIN documents d ON d.blob_id = b.id WHERE b.id = ? AND d.case_id = ?').get(id, caseId);
    const fresh = [...new Set(docs.documentBlobs(db, caseId))].filter((id) => !sent.has(id) && have(id));
    return fresh.length ? sharing.courier.send(folder, fresh) : [];
  }

  markOffered(w: Write, caseId: string, offers: BlobOffer[]): void {
    for (const o of offers) this.inFolder(w, caseId, o);
  }

  /** The case's file is in the folder (sent by this device, or received from it): it is not sent again. */
  private inFolder(w: Write, caseId: string, o: BlobOffer): void {
    prep(w.db, 'INSERT OR REPLACE INTO sync_blobs_sent (case_id, blob_id, file, at) VALUES (?, ?, ?, ?)').run(caseId, o.blobId, o.file, w.at);
  }

  /** Reads the segment's offered files from the folder, each verified; one not there (yet) is noted, not fatal. */
  async take(folder: string, seg: Segment): Promise<Arrived[]> {
    const out: Arrived[] = [];
    for (const offer of seg.blobs) out.push(await this.fetch(folder, offer));
    return out;
  }

  /**
   * Inside the write that applies the segment: the verified files' rows, and the offers still waiting. Returns
   * the ids of the files that arrived (their documents can now be shown).
   */
  commitArrived(w: Write, arrived: Arrived[], seg: Segment): string[] {
    const shown: string[] = [];
    const wait = prep(w.db, 'INSERT OR REPLACE INTO sync_blobs_waiting (blob_id, case_id, author, offer, since, problem) VALUES (?, ?, ?, ?, ?, ?)');
    for (const a of arrived) {
      if (a.problem) {
        wait.run(a.offer.blobId, seg.caseId, seg.author, JSON.stringify(a.offer), w.at, a.problem);
        continue;
      }
      if (a.pending) this.deps.blobs.commit(w.db, a.pending);
      this.inFolder(w, seg.caseId, a.offer);
      shown.push(a.offer.blobId);
    }
    return shown;
  }

  /** Offers that were waiting: taken in now if their file has arrived whole. */
  async retryWaiting(folder: string, only: (caseId: string) => boolean = () => true): Promise<{ reports: SyncReport[]; arrived: number }> {
    const { session, writer, docs } = this.deps;
    const rows = (prep(session().db, 'SELECT blob_id, case_id, author, offer FROM sync_blobs_waiting').all() as { blob_id: string; case_id: string; author: string; offer: string }[]).filter((r) =>
      only(r.case_id),
    );
    const reports: SyncReport[] = [];
    let arrived = 0;
    for (const row of rows) {
      const offer = storedJson(row.offer, BlobOfferSchema, 'document offer');
      const a = await this.fetch(folder, offer);
      if (a.problem) {
        reports.push({ code: 'BLOB_WAITING', file: offer.file, caseId: row.case_id, author: row.author, counter: null, message: a.problem });
        continue;
      }
      writer.write((w) => {
        if (a.pending) this.deps.blobs.commit(w.db, a.pending);
        prep(w.db, 'DELETE FROM sync_blobs_waiting WHERE blob_id = ?').run(row.blob_id);
        this.inFolder(w, row.case_id, offer);
        docs.blobArrived(w, row.blob_id);
        arrived++;
        w.record({ action: 'sync.document.arrive', entityType: 'case', entityId: row.case_id, caseId: row.case_id, detail: { from: row.author, sha256: offer.sha256 } });
      });
    }
    return { reports, arrived };
  }

  waitingCount(db: ReadDb, caseId?: string): number {
    const r = (caseId
      ? prep(db, 'SELECT COUNT(*) AS n FROM sync_blobs_waiting WHERE case_id = ?').get(caseId)
      : prep(db, 'SELECT COUNT(*) AS n FROM sync_blobs_waiting').get()) as { n: number };
    return r.n;
  }

  private async fetch(folder: string, offer: BlobOffer): Promise<Arrived> {
    try {
      return { offer, pending: await this.deps.sharing.courier.receive(folder, offer), problem: null };
    } catch (e) {
      if (e instanceof SaktaError && (e.code === 'NOT_FOUND' || e.code === 'INTEGRITY')) {
        const problem = e.code === 'NOT_FOUND' ? 'A document announced by another member has not arrived in the folder yet; it stays hidden until it does.' : `${e.message} It stays hidden until a whole copy arrives.`;
        return { offer, pending: null, problem };
      }
      throw e;
    }
  }
}
