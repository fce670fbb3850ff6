import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import Markdown, { type Components } from 'react-markdown';
import { z } from 'zod';
import { call } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { useQuery } from '../../state/store';
import type { Note } from '../../../../shared/schemas/note';
import { createOrPatch, EditButton, Field, FormActions, invalidProps, orNull, useRecordSave } from '../../components/form-kit';
import { formatTimestamp } from '../../lib/format';
import { RemoveButton, useRemoveRecord } from '../../components/UndoToast';

/**
 * Links and images are shown as their text only: a click must never open a browser or fetch
 * anything, and raw HTML in a note is skipped (react-markdown without rehype-raw never renders it).
 */
const INERT: Components = {
  a: ({ children }) => <span className="cw-inert-link">{children}</span>,
  img: ({ alt }) => <span className="cw-inert-link">{alt ?? ''}</span>,
};

export function NotesTab({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  // One form at a time: a new note, or one being edited.
  const [form, setForm] = useState<'add' | Note | null>(null);
  const q = useQuery('notes.list', { caseId }, (r) => r.items);
  const remove = useRemoveRecord();
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <div className="cw-stack">
      <div className="actions">
        <button type="button" className="button-primary" onClick={() => setForm('add')} disabled={form !== null}>
          {t('casework.notes.add')}
        </button>
      </div>
      {form ? <NoteForm caseId={caseId} {...(form === 'add' ? {} : { editing: form })} onDone={() => setForm(null)} /> : null}
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      {q.status === 'error' ? <Notice kind="error">{errorText(t, q.error)}</Notice> : null}
      {q.status === 'ready' && q.data.length === 0 ? <p className="cw-muted">{t('casework.notes.none')}</p> : null}
      {q.status === 'ready'
        ? q.data.map((n) => (
            <article key={n.id} className="panel cw-note" data-testid="note">
              <header className="cw-note-head">
                <h2>{n.title ?? t('casework.notes.untitled')}</h2>
                <span className="cw-note-meta">
                  <span className="cw-muted">{formatTimestamp(n.updatedAt, i18n.language)}</span>
                  <EditButton what={n.title ?? t('casework.notes.untitled')} onClick={() => setForm(n)} disabled={form !== null} />
                  <RemoveButton what={n.title ?? t('casework.notes.untitled')} onClick={() => void remove('note', n.id).then(setFailure)} disabled={form !== null} />
                </span>
              </header>
              <div className="cw-markdown">
                <Markdown components={INERT} skipHtml>
                  {n.body}
                </Markdown>
              </div>
            </article>
          ))
        : null}
    </div>
  );
}

const FormSchema = z.object({ title: z.string().trim().max(200, 'At most 200 characters'), body: z.string().max(200_000, 'This note is too long') });
type FormValues = z.infer<typeof FormSchema>;

const toInput = (v: FormValues) => ({ title: orNull(v.title), body: v.body });

function NoteForm({ caseId, editing, onDone }: { caseId: string; editing?: Note; onDone(): void }) {
  const { t } = useTranslation();
  const [initial] = useState<FormValues>(() => ({ title: editing?.title ?? '', body: editing?.body ?? '' }));
  const { register, handleSubmit, formState, setError } = useForm<FormValues>({ resolver: zodResolver(FormSchema), defaultValues: initial });
  const e = formState.errors;
  const { failure, save } = useRecordSave(caseId, setError, ['title', 'body'], onDone);
  const submit = handleSubmit((v) =>
    save(() =>
      createOrPatch(
        editing?.id,
        toInput(initial),
        toInput(v),
        (input) => call('notes.create', { caseId, ...input }),
        (id, patch) => call('notes.update', { id, patch }),
      ),
    ),
  );
  return (
    <form className="panel cw-form" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="nf-h" data-testid="note-form">
      <h2 id="nf-h">{editing ? t('casework.edit.note') : t('casework.notes.add')}</h2>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      <Field id="nf-title" label={t('casework.notes.title')} error={e.title?.message}>
        <input id="nf-title" type="text" autoFocus {...register('title')} {...invalidProps('nf-title', e.title?.message)} />
      </Field>
      <Field id="nf-body" label={t('casework.notes.body')} error={e.body?.message}>
        <textarea id="nf-body" rows={8} className="mono" {...register('body')} />
      </Field>
      <FormActions saveLabel={editing ? t('casework.edit.save') : t('casework.notes.save')} submitting={formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}
