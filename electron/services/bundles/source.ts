import type { PartialDate } from '../../../shared/schemas/partial-date';

/**
 * What the bundle builder needs from the rest of the vault. Kept this small so the PDF engine can be
 * built and tested against documents made in a test, and so the case and document services can change
 * their internals without touching bundles.
 */
export interface SourceDocument {
  id: string;
  title: string;
  type: string;
  date: PartialDate | null;
  /** Sniffed kind: pdf, png, jpeg, text, docx … */
  kind: string;
  originalName: string;
  sha256: string;
  importedAt: string;
  source: string | null;
  translationOf: string | null;
  /** A redacted version: the original it was made from (absent for sources without redaction). */
  redactedFrom?: string | null;
  /** The number the lawyer gave the document ("A-1"); the bundle prints it instead of its own. */
  exhibitNo?: string | null;
  /** In the trash: never bundled. */
  deleted: boolean;
}

export interface SourceCase {
  id: string;
  title: string;
  courtNumbers: { number: string; body: string | null }[];
}

export interface SourceEvent {
  id: string;
  date: PartialDate;
  time: string | null;
  type: string;
  place: string | null;
  description: string;
  /** Documents linked to the event, in link order. */
  documentIds: string[];
}

/** A deadline of the case as the chronology lists it; `citation` when a procedural rule set it. */
export interface SourceDeadline {
  id: string;
  dueOn: string;
  dueTime: string | null;
  what: string;
  done: boolean;
  ruleId: string | null;
}

export interface SourceNote {
  id: string;
  title: string | null;
  body: string;
  createdAt: string;
}

export interface SourcePerson {
  id: string;
  name: string;
  nameTranslit: string | null;
}

export interface BundleSource {
  getCase(caseId: string): SourceCase | null;
  listDocuments(caseId: string): SourceDocument[];
  /** The original bytes, decrypted in memory. Never written anywhere in plaintext. */
  readDocumentBytes(doc: SourceDocument): Promise<Uint8Array>;
  listEvents(caseId: string): SourceEvent[];
  listNotes(caseId: string): SourceNote[];
  /** Only read when the chronology includes deadlines (optional for sources that have none). */
  listDeadlines?(caseId: string): SourceDeadline[];
  getPersons(ids: string[]): SourcePerson[];
}
