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
import { Field, invalidProps, orNull, placeServerErrors, FormActions } from './form-kit';
import { formatTimestamp } from './format';
import { refreshCase } from './refresh';

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
  const [adding, setAdding] = useState(false);
  const q = useQuery(`case:${caseId}:notes`, () => call('notes.list', { caseId }).then((r) => r.items));
  return (
    <div className="cw-stack">
      <div className="actions">
        <button type="button" className="button-primary" onClick={() => setAdding(true)} disabled={adding}>
          {t('casework.notes.add')}
        </button>
      </div>
      {adding ? <NoteForm caseId={caseId} onDone={() => setAdding(false)} /> : null}
      {q.status === 'error' ? <Notice kind="error">{errorText(t, q.error)}</Notice> : null}
      {q.status === 'ready' && q.data.length === 0 ? <p className="cw-muted">{t('casework.notes.none')}</p> : null}
      {q.status === 'ready'
        ? q.data.map((n) => (
            <article key={n.id} className="panel cw-note" data-testid="note">
              <header className="cw-note-head">
                <h2>{n.title ?? t('casework.notes.untitled')}</h2>
                <span className="cw-muted">{formatTimestamp(n.updatedAt, i18n.language)}</span>
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

function NoteForm({ caseId, onDone }: { caseId: string; onDone(): void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<FormValues>({ resolver: zodResolver(FormSchema), defaultValues: { title: '', body: '' } });
  const e = formState.errors;
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      await call('notes.create', { caseId, title: orNull(v.title), body: v.body });
      refreshCase(caseId);
      onDone();
    } catch (err) {
      setFailure(placeServerErrors(err, setError, ['title', 'body']));
    }
  });
  return (
    <form className="panel cw-form" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="nf-h" data-testid="note-form">
      <h2 id="nf-h">{t('casework.notes.add')}</h2>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      <Field id="nf-title" label={t('casework.notes.title')} error={e.title?.message}>
        <input id="nf-title" type="text" autoFocus {...register('title')} {...invalidProps('nf-title', e.title?.message)} />
      </Field>
      <Field id="nf-body" label={t('casework.notes.body')} error={e.body?.message}>
        <textarea id="nf-body" rows={8} className="mono" {...register('body')} />
      </Field>
      <FormActions saveLabel={t('casework.notes.save')} submitting={formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}
