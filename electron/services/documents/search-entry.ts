import type { DocumentInfo } from '../../../shared/schemas/document';
import type { WriteDb } from '../../db/connection';
import type { SearchService } from '../search/search-service';
import { documentKeywords } from './rows';

/** What the search index holds of a document, beside its text. */
export type IndexedDocument = Pick<DocumentInfo, 'id' | 'caseId' | 'type' | 'date' | 'title' | 'deletedAt' | 'originalName' | 'exhibitNo' | 'tags' | 'source'>;

/** The one search-index update of a document: its metadata as title and keywords, `body` as its text; hidden while in the trash. */
export function indexDocument(search: SearchService, db: WriteDb, d: IndexedDocument, body: string): void {
  search.upsert(db, {
    kind: 'document',
    refId: d.id,
    caseId: d.caseId,
    docType: d.type,
    date: d.date,
    title: d.title,
    keywords: documentKeywords(d),
    body,
    hidden: d.deletedAt !== null,
  });
}
