import type { Handlers } from '../dispatcher';
import type { DocumentService } from '../../services/documents/document-service';
import type { VerifyService } from '../../services/verify/verify-service';

type DocumentsHandlers = Pick<Handlers, `documents.${string}` & keyof Handlers>;

/** Thin: the schemas already validated the payload; the services do the work. */
export function documentsHandlers(documents: DocumentService, verify: VerifyService): DocumentsHandlers {
  return {
    'documents.import': (r) => documents.import(r),
    'documents.cancelImport': (r) => documents.cancelJob(r.jobId),
    'documents.list': (r) => ({ documents: documents.list({ caseId: r.caseId, trash: r.trash }) }),
    'documents.get': (r) => documents.get(r.id),
    'documents.open': (r) => documents.open(r.id),
    'documents.update': (r) => documents.update(r.id, r.patch),
    'documents.export': (r) => documents.export(r.id, r.path, { force: r.overwrite }),
    'documents.trash': (r) => documents.trash(r.id),
    'documents.restore': (r) => documents.restore(r.id),
    'documents.purgeTrash': () => documents.purgeExpired(),
    'documents.custody': (r) => ({ entries: documents.custody(r.id) }),
    'documents.verifyVault': () => verify.verify(),
  };
}
