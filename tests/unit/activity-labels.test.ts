import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { DocumentPatchSchema } from '../../shared/schemas/document';
import { actionKey, describeEntry, fieldKey, type Translator } from '../../renderer/src/lib/activity-labels';
import { RESOURCES } from '../../renderer/src/i18n';

/**
 * The Activity tab says in words what each audit entry records. The codes and field names are read from the
 * services' source, so a new `action: '…'` or a new audited field without an English and a Russian label
 * fails here rather than showing up raw on a lawyer's screen.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const servicesDir = path.join(root, 'electron', 'services');

function sources(): { file: string; text: string }[] {
  return (fs.readdirSync(servicesDir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(servicesDir, f), 'utf8') }));
}

const quoted = (expr: string) => [...expr.matchAll(/'([^'\n]+)'/g)].map((m) => m[1]!);

/** Every literal an `action:` property can take, including both sides of `action: done ? 'a' : 'b'`. */
function actionCodes(): Set<string> {
  const codes = new Set<string>();
  for (const { text } of sources()) for (const m of text.matchAll(/\baction:\s*([^,}\n]+)/g)) for (const c of quoted(m[1]!)) codes.add(c);
  return codes;
}

/**
 * Field names per kind of record: the lists the case services diff with `changedFields(before, after, LIST)`
 * (the kind is the entityType of the record() call that follows), literal `fields: [...]` in a record() call,
 * and every key of a document patch (documents log `changed: { field: … }`).
 */
function auditedFields(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (entity: string, names: string[]) => names.forEach((n) => (out.get(entity) ?? out.set(entity, new Set()).get(entity)!).add(n));
  for (const { text } of sources()) {
    for (const m of text.matchAll(/changedFields\(\w+,\s*\w+,\s*(\[[^\]]*\]|\w+)\)/g)) {
      const arg = m[1]!;
      const list = arg.startsWith('[') ? arg : new RegExp(`const ${arg}\\b[^=]*=\\s*(\\[[^\\]]*\\])`).exec(text)?.[1];
      const entity = /entityType: '(\w+)'/.exec(text.slice(m.index))?.[1];
      expect(list, `the list ${arg} in the services`).toBeDefined();
      expect(entity, `the entityType recorded after changedFields(…, ${arg})`).toBeDefined();
      add(entity!, quoted(list!));
    }
    for (const m of text.matchAll(/entityType: '(\w+)'[^}\n]*\bfields: (\[[^\]]*\])/g)) add(m[1]!, quoted(m[2]!));
  }
  add('document', Object.keys(DocumentPatchSchema.shape));
  return out;
}

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), tree);
}

/** A real i18next with the app's merged strings, as the renderer sets it up. */
function translator(lng: 'en' | 'ru'): Translator {
  const i = i18next.createInstance();
  void i.init({
    resources: { en: { translation: RESOURCES.en }, ru: { translation: RESOURCES.ru } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  return { t: (k, o) => i.t(k, o ?? {}), exists: (k) => i.exists(k) };
}

describe('activity labels', () => {
  const codes = actionCodes();
  const fields = auditedFields();

  it('finds the codes the services write (the scan itself works)', () => {
    for (const c of ['case.create', 'case.update', 'role.add', 'deadline.done', 'deadline.reopen', 'document.import', 'document.shred', 'bundle.export', 'bundle.definition.save']) {
      expect(codes).toContain(c);
    }
    expect(codes.size).toBeGreaterThanOrEqual(40);
    expect(fields.get('case')).toEqual(new Set(['title', 'internalRef', 'courtNumbers', 'categoryId', 'status', 'stage', 'openedOn', 'closedOn', 'summary', 'tags']));
    expect([...fields.keys()].sort()).toEqual(['case', 'category', 'deadline', 'document', 'event', 'hearing', 'note', 'person', 'proceeding', 'role']);
  });

  it.each(['en', 'ru'] as const)('every action code has a phrase in %s', (lng) => {
    const missing = [...codes].filter((c) => typeof lookup(RESOURCES[lng], actionKey(c)) !== 'string' || lookup(RESOURCES[lng], actionKey(c)) === '');
    expect(missing).toEqual([]);
  });

  it.each(['en', 'ru'] as const)('every audited field name has a label in %s', (lng) => {
    const missing = [...fields].flatMap(([entity, names]) => [...names].filter((f) => typeof lookup(RESOURCES[lng], fieldKey(entity, f)) !== 'string').map((f) => `${entity}.${f}`));
    expect(missing).toEqual([]);
  });

  it('a case change reads as words in English and Russian', () => {
    const entry = { action: 'case.update', entityType: 'case', detail: { fields: ['title', 'status', 'closedOn'] } };
    expect(describeEntry(translator('en'), entry)).toEqual({ phrase: 'Case details changed', kind: null, subject: null, fields: ['title', 'status', 'closed on'], note: null });
    expect(describeEntry(translator('ru'), entry)).toMatchObject({ phrase: 'Сведения о деле изменены', fields: ['название', 'статус', 'дата закрытия'] });
  });

  it('the same field name reads by kind of record: a note’s body is its text, a hearing’s is the court', () => {
    const en = translator('en');
    expect(describeEntry(en, { action: 'note.update', entityType: 'note', detail: { fields: ['body'] } }).fields).toEqual(['text']);
    expect(describeEntry(en, { action: 'hearing.update', entityType: 'hearing', detail: { fields: ['body'] } }).fields).toEqual(['court']);
  });

  it('a document import names the file; a document change names fields, never the values the entry holds', () => {
    const ru = translator('ru');
    expect(describeEntry(ru, { action: 'document.import', entityType: 'document', detail: { originalName: 'жалоба.pdf', sha256: 'ab', size: 10 } })).toMatchObject({
      phrase: 'Документ импортирован',
      subject: 'жалоба.pdf',
    });
    const line = describeEntry(translator('en'), {
      action: 'document.update',
      entityType: 'document',
      detail: { changed: { title: { from: 'Old secret title', to: 'New secret title' }, exhibitNo: { from: null, to: 'A-7' } } },
    });
    expect(line).toMatchObject({ phrase: 'Document details changed', fields: ['title', 'exhibit number'] });
    expect(JSON.stringify(line)).not.toMatch(/secret|A-7/);
  });

  it('a code or field this version does not know shows as it is, with the kind of record when known', () => {
    const en = translator('en');
    expect(describeEntry(en, { action: 'event.merge', entityType: 'event', detail: { fields: ['colour'] } })).toEqual({
      phrase: null,
      kind: 'Event',
      subject: null,
      fields: ['colour'],
      note: null,
    });
    expect(describeEntry(en, { action: 'witness.summon', entityType: 'witness', detail: {} })).toMatchObject({ phrase: null, kind: null });
  });

  it('a marked-done deadline does not repeat its one field; a bundle export counts its documents', () => {
    const ru = translator('ru');
    expect(describeEntry(ru, { action: 'deadline.done', entityType: 'deadline', detail: { fields: ['done'] } })).toMatchObject({ phrase: 'Срок отмечен как выполненный', fields: [] });
    expect(describeEntry(ru, { action: 'bundle.export', entityType: 'case', detail: { documents: 5, files: [] } }).note).toBe('5 документов');
  });
});
