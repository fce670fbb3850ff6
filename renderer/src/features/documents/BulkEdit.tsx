import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parsePartialDate, readDate } from '../../../../shared/partial-date';
import { DOCUMENT_TYPES, DocumentBulkPatchSchema, TagSchema, type DocumentBulkPatch, type DocumentType } from '../../../../shared/schemas/document';
import { call, isApiError } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { EnumSelect } from '../../components/EnumSelect';
import { errorText } from '../../components/errors';
import { LanguageSelect } from './intake';

const splitTags = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * One edit for the documents ticked in the list: type, date, language, and tags to add. A field left empty
 * keeps each document's own value. Sent as one `documents.updateMany`: all change or none, each in custody.
 */
export function BulkEdit({ caseId, ids, onDone, onClear }: { caseId: string; ids: string[]; onDone(count: number): void; onClear(): void }) {
  const { t } = useTranslation();
  const [type, setType] = useState('');
  const [date, setDate] = useState('');
  const [language, setLanguage] = useState('');
  const [tags, setTags] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function apply(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const patch: DocumentBulkPatch = {};
    if (type) patch.type = type as DocumentType;
    if (date.trim()) {
      const r = readDate(date.trim());
      if (!r.ok) return setError(t(`dates.errors.${r.error}`));
      patch.date = parsePartialDate(date.trim());
    }
    if (language) patch.language = language;
    const added = splitTags(tags);
    for (const tag of added) {
      const r = TagSchema.safeParse(tag);
      if (!r.success) return setError(r.error.issues[0]?.message ?? tag);
    }
    if (added.length) patch.addTags = added;
    if (!DocumentBulkPatchSchema.safeParse(patch).success) return setError(t('documents.bulk.nothing'));
    setBusy(true);
    try {
      const r = await call('documents.updateMany', { caseId, ids, patch });
      setType('');
      setDate('');
      setLanguage('');
      setTags('');
      onDone(r.documents.length);
    } catch (err) {
      if (isApiError(err)) setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="bulk-edit" onSubmit={(e) => void apply(e)} noValidate data-testid="bulk-edit" aria-label={t('documents.bulk.title', { count: ids.length })}>
      <p className="bulk-edit-title">{t('documents.bulk.title', { count: ids.length })}</p>
      <div className="field">
        <label htmlFor="bulk-type">{t('documents.form.type')}</label>
        <EnumSelect id="bulk-type" value={type} onChange={(e) => setType(e.target.value)} values={DOCUMENT_TYPES} labels="documents.types" empty={t('documents.bulk.keep')} />
      </div>
      <div className="field">
        <label htmlFor="bulk-date">{t('documents.form.date')}</label>
        <DateInput id="bulk-date" value={date} onChange={(e) => setDate(e.target.value)} onPick={setDate} placeholder={t('documents.bulk.keep')} />
      </div>
      <div className="field">
        <label htmlFor="bulk-language">{t('documents.form.language')}</label>
        <LanguageSelect id="bulk-language" current={null} empty={t('documents.bulk.keep')} value={language} onChange={(e) => setLanguage(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="bulk-tags">{t('documents.bulk.addTags')}</label>
        <input id="bulk-tags" type="text" value={tags} onChange={(e) => setTags(e.target.value)} placeholder={t('documents.form.tagsHint')} />
      </div>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('documents.bulk.apply', { count: ids.length })}
        </button>
        <button type="button" className="button-quiet" onClick={onClear}>
          {t('documents.bulk.clear')}
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
