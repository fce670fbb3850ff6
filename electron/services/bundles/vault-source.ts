import { z } from 'zod';
import { SaktaError } from '../../../shared/errors';
import { PartialDateSchema } from '../../../shared/schemas/partial-date';
import type { ReadDb } from '../../db/connection';
import type { BundleSource, SourceDocument, SourceEvent } from './source';
import { StoredCourtNumbers, storedJson } from '../../base/stored-json';

/**
 * The bundle source over the open vault: plain read queries on the case-work and documents tables
 * (migrations 002 and 003), and the blob store for bytes. Rows are parsed, so a malformed row is a
 * clear INTEGRITY error rather than a wrong page in a court bundle.
 */
export interface VaultSourceDeps {
  db: ReadDb;
  /** Decrypted bytes of a blob, in memory. */
  readBlob(blobId: string): Promise<Uint8Array>;
}

const json = <S extends z.ZodType>(schema: S) =>
  z.string().transform((s, ctx) => {
    try {
      const r = schema.safeParse(JSON.parse(s));
      if (r.success) return r.data as z.output<S>;
    } catch {
      /* reported below */
    }
    ctx.addIssue({ code: 'custom', message: 'malformed JSON column' });
    return z.NEVER;
  });

const DocRow = z.object({
  id: z.string(),
  blob_id: z.string(),
  title: z.string(),
  doc_type: z.string(),
  doc_date: json(PartialDateSchema).nullable(),
  original_name: z.string(),
  kind: z.string(),
  sha256: z.string(),
  imported_at: z.string(),
  source: z.string().nullable(),
  translation_of: z.string().nullable(),
  redacted_from: z.string().nullable(),
  exhibit_no: z.string().nullable(),
  deleted_at: z.string().nullable(),
});

const EventRow = z.object({
  id: z.string(),
  date: json(PartialDateSchema),
  time: z.string().nullable(),
  type: z.string(),
  place: z.string().nullable(),
  description: z.string(),
});

function parseRows<S extends z.ZodType>(schema: S, rows: unknown[], what: string): z.output<S>[] {
  return rows.map((r) => {
    const p = schema.safeParse(r);
    if (!p.success) throw new SaktaError('INTEGRITY', `A stored ${what} record is malformed; run "sakta unlock-check".`);
    return p.data;
  });
}

export function vaultSource(deps: VaultSourceDeps): BundleSource {
  const { db } = deps;
  const blobOf = new Map<string, string>();
  return {
    getCase(caseId) {
      const row = db.prepare('SELECT id, title, court_numbers FROM cases WHERE id = ?').get(caseId) as { id: string; title: string; court_numbers: string } | undefined;
      if (!row) return null;
      const numbers = storedJson(row.court_numbers, StoredCourtNumbers, 'case record').map((n) => ({ number: n.number, body: n.body ?? null }));
      return { id: row.id, title: row.title, courtNumbers: numbers };
    },
    listDocuments(caseId) {
      const rows = parseRows(DocRow, db.prepare('SELECT * FROM documents WHERE case_id = ? ORDER BY imported_at, id').all(caseId), 'document');
      return rows.map((r): SourceDocument => {
        blobOf.set(r.id, r.blob_id);
        return {
          id: r.id,
          title: r.title,
          type: r.doc_type,
          date: r.doc_date,
          kind: r.kind,
          originalName: r.original_name,
          sha256: r.sha256,
          importedAt: r.imported_at,
          source: r.source,
          translationOf: r.translation_of,
          redactedFrom: r.redacted_from,
          exhibitNo: r.exhibit_no,
          deleted: r.deleted_at !== null,
        };
      });
    },
    async readDocumentBytes(doc) {
      const blobId = blobOf.get(doc.id) ?? (db.prepare('SELECT blob_id FROM documents WHERE id = ?').get(doc.id) as { blob_id: string } | undefined)?.blob_id;
      if (!blobId) throw new SaktaError('NOT_FOUND', `Document "${doc.title}" is no longer in the case file.`);
      return deps.readBlob(blobId);
    },
    listEvents(caseId) {
      const rows = parseRows(EventRow, db.prepare('SELECT id, date, time, type, place, description FROM events WHERE case_id = ? ORDER BY sort_key, id').all(caseId), 'event');
      const links = db.prepare(
        `SELECT l.document_id AS id FROM document_links l JOIN documents d ON d.id = l.document_id
         WHERE l.target_type = 'event' AND l.target_id = ? AND d.deleted_at IS NULL ORDER BY d.imported_at, d.id`,
      );
      return rows.map((r): SourceEvent => ({ ...r, documentIds: (links.all(r.id) as { id: string }[]).map((x) => x.id) }));
    },
    listDeadlines(caseId) {
      const rows = db
        .prepare(
          `SELECT d.id, d.due_on AS dueOn, l.due_time AS dueTime, d.what, d.done, l.rule_id AS ruleId
             FROM deadlines d LEFT JOIN deadline_rule_links l ON l.deadline_id = d.id
            WHERE d.case_id = ? ORDER BY d.due_on, d.id`,
        )
        .all(caseId) as { id: string; dueOn: string; dueTime: string | null; what: string; done: number; ruleId: string | null }[];
      return rows.map((r) => ({ ...r, done: r.done === 1 }));
    },
    listNotes(caseId) {
      return db.prepare('SELECT id, title, body, created_at AS createdAt FROM notes WHERE case_id = ? ORDER BY created_at, id').all(caseId) as {
        id: string;
        title: string | null;
        body: string;
        createdAt: string;
      }[];
    },
    getPersons(ids) {
      const q = db.prepare('SELECT id, name, name_translit AS nameTranslit FROM persons WHERE id = ?');
      return ids.flatMap((id) => {
        const r = q.get(id) as { id: string; name: string; nameTranslit: string | null } | undefined;
        return r ? [r] : [];
      });
    },
  };
}
