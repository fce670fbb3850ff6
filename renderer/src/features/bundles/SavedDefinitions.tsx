import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DefinitionNameSchema } from '../../../../shared/schemas/bundle';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { formatDate, currentLanguage } from '../../i18n';
import { useQuery } from '../../state/store';
import type { Definition } from './definition-edit';

const NameForm = z.object({ name: DefinitionNameSchema });
type NameValues = z.input<typeof NameForm>;

interface Props {
  caseId: string;
  def: Definition;
  /** The saved definition being edited, so Save replaces it rather than adding a copy. */
  current: { id: string; name: string } | null;
  onLoaded(saved: { id: string; name: string; definition: Definition }): void;
  onSaved(saved: { id: string; name: string }): void;
  onDeleted(id: string): void;
  /** Definition errors from the server, shown where the fields are. */
  onDefinitionErrors(fields: Record<string, string>): void;
}

/** Save the bundle under a name ("Appeal hearing, 12 March"), and list, load or delete saved ones. */
export function SavedDefinitions({ caseId, def, current, onLoaded, onSaved, onDeleted, onDefinitionErrors }: Props) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const list = useQuery('bundles.listDefinitions', { caseId });
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const form = useForm<NameValues>({ resolver: zodResolver(NameForm), values: { name: current?.name ?? '' } });
  const nameError = form.formState.errors.name?.message;

  const save = form.handleSubmit(async ({ name }) => {
    setMessage(null);
    const sameName = current && name.trim().toLowerCase() === current.name.trim().toLowerCase();
    try {
      const saved = await call('bundles.saveDefinition', { caseId, id: sameName ? current.id : undefined, name, definition: def });
      onSaved({ id: saved.id, name: saved.name });
      setMessage({ kind: 'info', text: t('bundles.saved.done', { name: saved.name }) });
    } catch (e) {
      if (!isApiError(e)) throw e;
      const fields = e.fields ?? {};
      if (fields.name) form.setError('name', { message: fields.name });
      const defFields = Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'name').map(([k, v]) => [k.replace(/^definition\./, ''), v]));
      if (Object.keys(defFields).length) onDefinitionErrors(defFields);
      if (!fields.name) setMessage({ kind: 'error', text: e.code === 'VALIDATION' ? t('bundles.fixFields') : errorText(t, e) });
    }
  });

  const load = async (id: string) => {
    setMessage(null);
    try {
      const saved = await call('bundles.getDefinition', { id });
      onLoaded({ id: saved.id, name: saved.name, definition: saved.definition });
    } catch (e) {
      if (isApiError(e)) setMessage({ kind: 'error', text: e.message });
    }
  };

  const remove = async (id: string, name: string) => {
    if (!window.confirm(t('bundles.saved.confirmDelete', { name }))) return;
    try {
      await call('bundles.deleteDefinition', { id });
      onDeleted(id);
    } catch (e) {
      if (isApiError(e)) setMessage({ kind: 'error', text: errorText(t, e) });
    }
  };

  return (
    <div className="bundle-saved">
      <form className="bundle-save-form" onSubmit={(e) => void save(e)} noValidate>
        <div className="field">
          <label htmlFor="bundle-name">{t('bundles.saved.name')}</label>
          <input id="bundle-name" placeholder={t('bundles.saved.namePlaceholder')} aria-invalid={nameError ? true : undefined} {...form.register('name')} />
          {nameError ? <span className="field-error">{nameError}</span> : null}
        </div>
        <button type="submit" className="button-quiet">
          {current ? t('bundles.saved.update') : t('bundles.saved.save')}
        </button>
      </form>
      {message ? (
        <p className={`notice notice-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
      {list.status === 'ready' && list.data.definitions.length > 0 ? (
        <div className="bundle-saved-list">
          <h3>{t('bundles.saved.heading')}</h3>
          <ul>
            {list.data.definitions.map((d) => (
              <li key={d.id} aria-current={current?.id === d.id ? 'true' : undefined}>
                <span className="bundle-saved-name">{d.name}</span>
                <span className="bundle-saved-date">{formatDate(d.updatedAt, lng)}</span>
                <button type="button" className="button-link" onClick={() => void load(d.id)} aria-label={t('bundles.saved.loadNamed', { name: d.name })}>
                  {t('bundles.saved.load')}
                </button>
                <button type="button" className="button-link bundle-danger" onClick={() => void remove(d.id, d.name)} aria-label={t('bundles.saved.deleteNamed', { name: d.name })}>
                  {t('bundles.saved.delete')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
