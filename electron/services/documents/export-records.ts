import type { CaseExportDocument } from '../../../shared/schemas/case-export';
import type { ReadDb } from '../../db/connection';
import type { AuditLog } from '../audit/audit-log';
import { toDocument, type DocumentRow } from './rows';

/**
 * A case's document records for `export-case` (docs/export-format.md): every document not yet shredded, those in
 * the trash included, with its metadata, SHA-256 and chain of custody (oldest first). The bytes stay in the vault:
 * `export-doc` writes them, and the SHA-256 here lets anyone check that copy.
 */
export function caseDocumentsForExport(db: ReadDb, audit: AuditLog, caseId: string): CaseExportDocument[] {
  const rows = db.prepare('SELECT * FROM documents WHERE case_id = ? ORDER BY imported_at, id').all(caseId) as DocumentRow[];
  return rows.map((r) => ({
    ...toDocument(db, r),
    custody: audit
      .list(db, { entityId: r.id, limit: 1_000_000 })
      .reverse()
      .map((e) => ({ seq: e.seq, at: e.at, action: e.action, detail: e.detail })),
  }));
}
