import { useState, type ComponentPropsWithRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_LANGUAGES } from '../../../../shared/document-language';
import { suggestDocumentType } from '../../../../shared/document-type-suggest';
import type { DocumentInfo } from '../../../../shared/schemas/document';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { languageName } from '../../lib/format';

/**
 * A language code as its name ("ru" → "Russian"); a code Sakta does not list is named by the platform in the UI
 * language `lng` when given (else shown as it is).
 */
export function languageLabel(t: TFunction, code: string | null, lng?: string): string {
  return code ? t(`documents.languages.${code}`, { defaultValue: lng ? languageName(code, lng) : code }) : '—';
}

/**
 * The document's language, chosen from the list (the codes stay ISO 639-1). A code set earlier that is not in
 * the list (typed before there was a list) stays selectable, so saving the form does not lose it.
 */
export function LanguageSelect({ current, empty, ...select }: Omit<ComponentPropsWithRef<'select'>, 'children'> & { current: string | null; empty: string }) {
  const { t } = useTranslation();
  const codes: string[] = [...DOCUMENT_LANGUAGES];
  if (current && !codes.includes(current)) codes.push(current);
  return (
    <select {...select}>
      <option value="">{empty}</option>
      {codes.map((c) => (
        <option key={c} value={c}>
          {languageLabel(t, c)}
        </option>
      ))}
    </select>
  );
}

/**
 * A type read from the title, offered for a document still of type "Other": the lawyer sets it with one click
 * or leaves it. Nothing is set without that click.
 */
export function TypeSuggestion({ doc, onSaved }: { doc: DocumentInfo; onSaved?: (d: DocumentInfo) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const type = doc.type === 'other' && !doc.deletedAt ? suggestDocumentType(doc.title) : null;
  if (!type) return null;
  const typeName = t(`documents.types.${type}`);
  return (
    <span className="type-suggestion" data-testid="type-suggestion">
      <button
        type="button"
        className="button-quiet"
        disabled={busy}
        title={t('documents.suggest.confirmNamed', { type: typeName, title: doc.title })}
        onClick={() => {
          setBusy(true);
          setError(null);
          call('documents.update', { id: doc.id, patch: { type } }).then(
            (d) => {
              setBusy(false);
              onSaved?.(d);
            },
            (e: unknown) => {
              setBusy(false);
              if (isApiError(e)) setError(errorText(t, e));
            },
          );
        }}
      >
        {t('documents.suggest.confirm', { type: typeName })}
      </button>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
