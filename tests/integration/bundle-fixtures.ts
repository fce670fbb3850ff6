import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { newVault } from '../helpers/vault';
import type { BundleSource, SourceDeadline, SourceDocument, SourceEvent, SourceNote, SourcePerson } from '../../electron/services/bundles/source';
import { SAMPLES } from '../helpers/samples';

export { SAMPLES };

/**
 * A case held in memory for the PDF engine tests: real sample files, real bytes and hashes. The vault
 * adapter is tested separately (bundle-service.test.ts) against the encrypted database.
 */
export class MemorySource implements BundleSource {
  readonly caseId = randomUUID();
  docs: SourceDocument[] = [];
  bytes = new Map<string, Uint8Array>();
  events: SourceEvent[] = [];
  notes: SourceNote[] = [];
  deadlines: SourceDeadline[] = [];
  persons: SourcePerson[] = [];

  add(file: string | { name: string; bytes: Uint8Array }, meta: Partial<SourceDocument> & { kind: string }): SourceDocument {
    const bytes = typeof file === 'string' ? new Uint8Array(fs.readFileSync(path.join(SAMPLES, file))) : file.bytes;
    const name = typeof file === 'string' ? file : file.name;
    const doc: SourceDocument = {
      id: randomUUID(),
      title: name,
      type: 'other',
      date: null,
      originalName: name,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      importedAt: '2024-03-01T10:00:00.000Z',
      source: 'client',
      translationOf: null,
      deleted: false,
      ...meta,
    };
    this.docs.push(doc);
    this.bytes.set(doc.id, bytes);
    return doc;
  }
  getCase(id: string) {
    return id === this.caseId ? { id, title: 'Askarov v. Kyrgyzstan', courtNumbers: [{ number: '2231/2012', body: 'UN Human Rights Committee' }] } : null;
  }
  listDocuments() {
    return this.docs;
  }
  async readDocumentBytes(d: SourceDocument) {
    return this.bytes.get(d.id)!;
  }
  listDeadlines() {
    return this.deadlines;
  }
  listEvents() {
    return this.events;
  }
  listNotes() {
    return this.notes;
  }
  getPersons(ids: string[]) {
    return this.persons.filter((p) => ids.includes(p.id));
  }
}

/** The four samples the issue names, typed and dated as a lawyer would. */
export function sampleCase(): MemorySource {
  const s = new MemorySource();
  s.add('complaint-to-prosecutor-ru.pdf', { kind: 'pdf', type: 'complaint', title: 'Жалоба прокурору', date: { precision: 'day', date: '2010-07-12' } });
  s.add('forensic-report-318-en.pdf', { kind: 'pdf', type: 'forensic-report', title: 'Forensic report No. 318', date: { precision: 'month', year: 2010, month: 8 } });
  s.add('injury-photo-1.png', { kind: 'png', type: 'injury-photo', title: 'Photo of injuries', date: { precision: 'day', date: '2010-06-16' } });
  s.add('hrw-letter-2017-12-20.txt', { kind: 'text', type: 'correspondence', title: 'HRW letter', date: { precision: 'day', date: '2017-12-20' } });
  return s;
}

const SAMPLE_FILES = ['complaint-to-prosecutor-ru.pdf', 'forensic-report-318-en.pdf', 'injury-photo-1.png', 'hrw-letter-2017-12-20.txt'];

/** A real vault with a case holding the sample documents, imported through the documents service. */
export async function vaultWithSamples(extra: string[] = [], opts: Parameters<typeof newVault>[0] = {}) {
  const v = await newVault(opts);
  const c = v.services.caseWork.cases.create({ title: 'Эркинбеков v. Kyrgyzstan', courtNumbers: [{ number: '318/2024', body: 'Osh City Court' }] });
  const { documents } = await v.services.documents.import({ caseId: c.id, paths: [...SAMPLE_FILES.map((f) => path.join(SAMPLES, f)), ...extra] });
  const byName = new Map(documents.map((d) => [d.originalName, d]));
  v.services.documents.update(byName.get('complaint-to-prosecutor-ru.pdf')!.id, { type: 'complaint', title: 'Жалоба прокурору' });
  v.services.documents.update(byName.get('forensic-report-318-en.pdf')!.id, { type: 'forensic-report', title: 'Forensic report No. 318' });
  return { ...v, caseId: c.id, byName };
}

