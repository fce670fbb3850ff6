import type { Handlers } from '../dispatcher';
import type { DocumentService } from '../../services/documents/document-service';
import type { VerifyService } from '../../services/verify/verify-service';
import type { PickedPaths } from '../../services/paths/picked-paths';
import type { RedactionService } from '../../services/redaction/redaction-service';

type DocumentsHandlers = Pick<Handlers, `documents.${string}` & keyof Handlers>;

/** Thin: the schemas already validated the payload; paths come from tokens the dialogs drew; the services do the work. */
export function documentsHandlers(documents: DocumentService, verify: VerifyService, picked: PickedPaths, redaction: RedactionService): DocumentsHandlers {
  return {
    'documents.import': (r) => {
      const { files, ...rest } = r;
      return documents.import({ ...rest, paths: files.map((t) => picked.take('import-documents', t, 'files')) });
    },
    'documents.cancelImport': (r) => documents.cancelJob(r.jobId),
    'documents.list': (r) => ({ documents: documents.list({ caseId: r.caseId, trash: r.trash }) }),
    'documents.get': (r) => documents.get(r.id),
    'documents.open': (r) => documents.open(r.id),
    'documents.update': (r) => documents.update(r.id, r.patch),
    'documents.updateMany': (r) => ({ documents: documents.updateMany(r.caseId, r.ids, r.patch) }),
    'documents.export': (r) => documents.export(r.id, picked.take('export-document', r.target, 'target'), { force: r.overwrite }),
    'documents.redact': (r) => redaction.redact(r),
    'documents.trash': (r) => documents.trash(r.id),
    'documents.restore': (r) => documents.restore(r.id),
    'documents.purgeTrash': () => documents.purgeExpired(),
    'documents.custody': (r) => ({ entries: documents.custody(r.id) }),
    'documents.verifyVault': () => verify.verify(),
  };
}
