import { SaktaError } from '../../../shared/errors';
import { PartialDateSchema, type PartialDate } from '../../../shared/schemas/partial-date';
import { DocumentTypeSchema, SniffedKindSchema, TextStatusSchema, type DocumentInfo, type DocumentLink } from '../../../shared/schemas/document';
import type { ReadDb } from '../../db/connection';

export interface DocumentRow {
  id: string;
  case_id: string;
  blob_id: string;
  title: string;
  doc_type: string;
  doc_date: string | null;
  language: string | null;
  original_name: string;
  kind: string;
  mime: string;
  size: number;
  sha256: string;
  imported_at: string;
  source: string | null;
  collected_by: string | null;
  collected_on: string | null;
  translation_of: string | null;
  tags: string;
  exhibit_no: string | null;
  text_status: string;
  text_error: string | null;
  text_ocr: number;
  redacted_from: string | null;
  deleted_at: string | null;
  updated_at: string;
}

function jsonDate(s: string | null): PartialDate | null {
  if (!s) return null;
  try {
    const r = PartialDateSchema.safeParse(JSON.parse(s));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export const dateJson = (d: PartialDate | null | undefined): string | null => (d ? JSON.stringify(d) : null);

export function linksOf(db: ReadDb, id: string): DocumentLink[] {
  return (db.prepare('SELECT target_type, target_id FROM document_links WHERE document_id = ? ORDER BY target_type, target_id').all(id) as {
    target_type: DocumentLink['type'];
    target_id: string;
  }[]).map((r) => ({ type: r.target_type, id: r.target_id }));
}

export function toDocument(db: ReadDb, r: DocumentRow): DocumentInfo {
  return {
    id: r.id,
    caseId: r.case_id,
    blobId: r.blob_id,
    title: r.title,
    type: DocumentTypeSchema.catch('other').parse(r.doc_type),
    date: jsonDate(r.doc_date),
    language: r.language,
    originalName: r.original_name,
    kind: SniffedKindSchema.catch('binary').parse(r.kind),
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    importedAt: r.imported_at,
    source: r.source,
    collectedBy: r.collected_by,
    collectedOn: jsonDate(r.collected_on),
    translationOf: r.translation_of,
    tags: JSON.parse(r.tags) as string[],
    exhibitNo: r.exhibit_no,
    links: linksOf(db, r.id),
    textStatus: TextStatusSchema.catch('failed').parse(r.text_status),
    textError: r.text_error,
    textFromOcr: r.text_ocr === 1,
    redactedFrom: r.redacted_from,
    redactedVersions: (db.prepare('SELECT id FROM documents WHERE redacted_from = ? AND deleted_at IS NULL ORDER BY imported_at, id').all(r.id) as { id: string }[]).map((x) => x.id),
    deletedAt: r.deleted_at,
    updatedAt: r.updated_at,
  };
}

/** Indexed beside the title so a file name, tag or exhibit number finds the document. */
export function documentKeywords(d: Pick<DocumentInfo, 'originalName' | 'exhibitNo' | 'tags' | 'source'>): string {
  return [d.originalName, d.exhibitNo ?? '', d.source ?? '', ...d.tags].filter(Boolean).join(' ');
}

const notFound = () => new SaktaError('NOT_FOUND', 'That document does not exist (it may have been shredded).');

/** The row of one document, or NOT_FOUND. */
export function documentRow(db: ReadDb, id: string): DocumentRow {
  const r = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
  if (!r) throw notFound();
  return r;
}
