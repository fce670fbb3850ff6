/**
 * Words for the audit trail: action codes ("case.update") and field names ("closedOn") become phrases in the
 * UI language. The log stores field names, never values, and nothing here reads a value: for a document's
 * details the log keeps `changed: { field: … }` and only its keys are used.
 *
 * Key layout (the vitest in tests/unit/activity-labels.test.ts checks that every code the services write has
 * an English and a Russian phrase):
 *   casework.activity.actions.<code with dots as _>    documents.activity.actions.<…> for document.*
 *   casework.activity.fieldNames.<entityType>.<field>  documents.activity.fieldNames.<field> for documents
 *   casework.activity.kinds.<entityType>               what kind of record, for codes without a phrase yet
 */

/** "document.link-duplicate" → "document_link-duplicate": i18next reads dots in a key as nesting. */
export const actionSlug = (action: string): string => action.replace(/\./g, '_');

const isDocument = (entityTypeOrAction: string) => entityTypeOrAction === 'document' || entityTypeOrAction.startsWith('document.');

/** The phrase for an action, e.g. "Case details changed"; document.* live beside the other document strings. */
export function actionKey(action: string): string {
  return `${isDocument(action) ? 'documents' : 'casework'}.activity.actions.${actionSlug(action)}`;
}

/**
 * A field's name as it reads in running text ("closed on"), per kind of record: the same name can mean
 * different things (a note's "body" is its text, a hearing's is the court).
 */
export function fieldKey(entityType: string, field: string): string {
  return isDocument(entityType) ? `documents.activity.fieldNames.${field}` : `casework.activity.fieldNames.${entityType}.${field}`;
}

export const kindKey = (entityType: string): string => `casework.activity.kinds.${entityType}`;

/** Names of the fields an entry says were changed: case work writes `fields: [names]`, documents `changed: {name: …}`. */
export function changedFieldNames(detail: Record<string, unknown>): string[] {
  const { fields, changed } = detail;
  if (Array.isArray(fields)) return fields.filter((f): f is string => typeof f === 'string');
  if (changed && typeof changed === 'object' && !Array.isArray(changed)) return Object.keys(changed);
  return [];
}

/** Actions whose phrase already names the one field they change ("Deadline marked done", "Category renamed"). */
const SELF_DESCRIBING = new Set(['deadline.done', 'deadline.reopen', 'category.update']);

/** Just enough of i18next for the labels: `t` with a fallback and `exists`, so this stays testable without React. */
export interface Translator {
  t: (key: string, options?: Record<string, unknown>) => string;
  exists: (key: string) => boolean;
}

export interface ActivityLine {
  /** The phrase, or null when this version of Sakta has none for the code (a newer one wrote it). */
  phrase: string | null;
  /** For a code without a phrase: what kind of record it concerns, when that is known. */
  kind: string | null;
  /** The record's own name where the entry carries one (a document's title or file name, a bundle's name). */
  subject: string | null;
  /** Changed fields in words; an unknown name shows as it is. */
  fields: string[];
  /** Anything else worth a few words: where a decrypted copy went, how many documents a bundle holds. */
  note: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** What one audit entry says, in words. */
export function describeEntry(tr: Translator, e: { action: string; entityType: string; detail: Record<string, unknown> }): ActivityLine {
  const key = actionKey(e.action);
  const phrase = tr.exists(key) ? tr.t(key) : null;
  const kind = phrase === null && tr.exists(kindKey(e.entityType)) ? tr.t(kindKey(e.entityType)) : null;
  const d = e.detail;
  const subject = e.action.startsWith('bundle.definition.') ? text(d['name']) : text(d['title']) ?? text(d['originalName']);
  const fields = SELF_DESCRIBING.has(e.action) ? [] : fieldLabels(tr, e.entityType, changedFieldNames(d));
  let note: string | null = null;
  if (e.action === 'document.export' && text(d['to'])) note = tr.t('documents.custody.exportedTo', { path: d['to'] });
  else if (e.action === 'bundle.export' && typeof d['documents'] === 'number') note = tr.t('casework.activity.documentCount', { count: d['documents'] });
  return { phrase, kind, subject, fields, note };
}

export function fieldLabels(tr: Pick<Translator, 't'>, entityType: string, fields: string[]): string[] {
  return fields.map((f) => tr.t(fieldKey(entityType, f), { defaultValue: f }));
}
