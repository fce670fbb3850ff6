import type { DocumentInfo } from '../../../shared/schemas/document';
import type { BlobStore } from '../../blobs/blob-store';
import type { ChangeWriter } from '../changes/change-writer';
import type { SearchService } from '../search/search-service';
import type { VaultSession } from '../vault-service';
import { documentRow, toDocument, type DocumentRow } from './rows';

export const TRASH_DAYS = 30;

export interface DocumentTrashDeps {
  session: () => VaultSession;
  blobs: BlobStore;
  search: SearchService;
  writer: ChangeWriter;
}

/** The trash: documents moved in and out of it, and shredded after TRASH_DAYS. */
export class DocumentTrash {
  constructor(private readonly deps: DocumentTrashDeps) {}

  trash(id: string): DocumentInfo {
    return this.deps.writer.write(({ db, at, record }) => {
      const r = documentRow(db, id);
      if (r.deleted_at) return toDocument(db, r);
      db.prepare('UPDATE documents SET deleted_at = ?, updated_at = ? WHERE id = ?').run(at, at, id);
      this.deps.search.setHidden(db, 'document', id, true);
      record({ action: 'document.trash', entityType: 'document', entityId: id, caseId: r.case_id, detail: { title: r.title, shredAfterDays: TRASH_DAYS } });
      return toDocument(db, documentRow(db, id));
    });
  }

  restore(id: string): DocumentInfo {
    return this.deps.writer.write(({ db, at, record }) => {
      const r = documentRow(db, id);
      if (!r.deleted_at) return toDocument(db, r);
      db.prepare('UPDATE documents SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(at, id);
      this.deps.search.setHidden(db, 'document', id, false);
      record({ action: 'document.restore', entityType: 'document', entityId: id, caseId: r.case_id });
      return toDocument(db, documentRow(db, id));
    });
  }

  /**
   * Shreds documents in the trash for more than 30 days: the row goes, and the blob's key row with it
   * (crypto-shredding) unless another document shares the same bytes; then the file is deleted.
   */
  purgeExpired(session: VaultSession = this.deps.session()): { shredded: number } {
    const { db } = session;
    const cutoff = new Date(this.deps.writer.now().getTime() - TRASH_DAYS * 86_400_000).toISOString();
    const due = db.prepare('SELECT * FROM documents WHERE deleted_at IS NOT NULL AND deleted_at <= ?').all(cutoff) as DocumentRow[];
    if (due.length === 0) return { shredded: 0 };
    const freed: string[] = [];
    this.deps.writer.write(({ record }) => {
      for (const r of due) {
        db.prepare('UPDATE documents SET translation_of = NULL WHERE translation_of = ?').run(r.id);
        db.prepare('DELETE FROM documents WHERE id = ?').run(r.id);
        this.deps.search.remove(db, 'document', r.id);
        const shared = db.prepare('SELECT 1 FROM documents WHERE blob_id = ? LIMIT 1').get(r.blob_id);
        if (!shared) {
          this.deps.blobs.delete(db, r.blob_id);
          freed.push(r.blob_id);
        }
        record({
          action: 'document.shred',
          entityType: 'document',
          entityId: r.id,
          caseId: r.case_id,
          detail: { title: r.title, originalName: r.original_name, sha256: r.sha256, trashedAt: r.deleted_at, storedCopyDestroyed: !shared },
        });
      }
    }, session);
    for (const b of freed) this.deps.blobs.sweep(b);
    return { shredded: due.length };
  }
}
