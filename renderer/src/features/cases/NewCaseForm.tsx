import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CASE_STATUSES, CaseInputSchema, CourtNumberSchema, TagSchema, type Case } from '../../../../shared/schemas/case';
import { call } from '../../api/client';
import { EnumSelect } from '../../components/EnumSelect';
import { Notice } from '../../components/Notice';
import { useQuery } from '../../state/store';
import { categoryName, splitTags } from '../../lib/format';
import { DateInput } from '../../components/DateInput';
import { changedOnly, dayInput, dayText, dayValue, Field, FormActions, invalidProps, orNull, placeServerErrors } from '../../components/form-kit';

const S = CaseInputSchema.shape;
/** The IPC schema's own field rules, over the strings a form holds. */
const FormSchema = z.object({
  title: S.title,
  internalRef: z.string().trim().max(100, 'At most 100 characters'),
  courtNumbers: z.array(z.object({ number: CourtNumberSchema.shape.number, body: z.string().trim().max(200, 'At most 200 characters') })),
  categoryId: z.string(),
  status: z.enum(CASE_STATUSES),
  stage: z.string().trim().max(100, 'At most 100 characters'),
  openedOn: dayText(),
  closedOn: dayText(),
  summary: z.string().max(20_000, 'At most 20000 characters'),
  tags: z.string().superRefine((s, ctx) => {
    for (const tag of splitTags(s)) {
      const r = TagSchema.safeParse(tag);
      if (!r.success) ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? 'Invalid tag' });
    }
  }),
});
type FormValues = z.infer<typeof FormSchema>;
const FIELDS = ['title', 'internalRef', 'courtNumbers', 'categoryId', 'status', 'stage', 'openedOn', 'closedOn', 'summary', 'tags'] as const;

const EMPTY: FormValues = { title: '', internalRef: '', courtNumbers: [], categoryId: '', status: 'open', stage: '', openedOn: '', closedOn: '', summary: '', tags: '' };

function toValues(c: Case, lng: string): FormValues {
  return {
    title: c.title,
    internalRef: c.internalRef ?? '',
    courtNumbers: c.courtNumbers.map((n) => ({ number: n.number, body: n.body ?? '' })),
    categoryId: c.categoryId ?? '',
    status: c.status,
    stage: c.stage ?? '',
    openedOn: dayInput(c.openedOn, lng),
    closedOn: dayInput(c.closedOn, lng),
    summary: c.summary,
    tags: c.tags.join(', '),
  };
}

/** The form's values as the service takes them; create sends all of it, an edit only what changed. */
function toInput(v: FormValues) {
  return {
    title: v.title,
    internalRef: orNull(v.internalRef),
    courtNumbers: v.courtNumbers.map((n) => ({ number: n.number, body: orNull(n.body) })),
    categoryId: orNull(v.categoryId),
    status: v.status,
    stage: orNull(v.stage),
    openedOn: dayValue(v.openedOn),
    closedOn: dayValue(v.closedOn),
    summary: v.summary,
    tags: splitTags(v.tags),
  };
}

/** A new case, or (given `editing`) the same form opened on an existing one. */
export function CaseForm({ editing, onSaved, onCancel }: { editing?: Case; onSaved(id: string): void; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const categories = useQuery('categories.list', {}, (r) => r.items);
  // Frozen at opening: the patch is what the lawyer changed, even if the record reloads meanwhile.
  const [initial] = useState(() => (editing ? toValues(editing, i18n.language) : EMPTY));
  const { register, handleSubmit, formState, setError, setValue, control } = useForm<FormValues>({
    resolver: zodResolver(FormSchema),
    defaultValues: initial,
  });
  const numbers = useFieldArray({ control, name: 'courtNumbers' });
  const e = formState.errors;

  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      if (editing) {
        const patch = changedOnly(toInput(initial), toInput(v));
        if (Object.keys(patch).length) await call('cases.update', { id: editing.id, patch });
        onSaved(editing.id);
      } else {
        const created = await call('cases.create', toInput(v));
        onSaved(created.id);
      }
    } catch (err) {
      setFailure(placeServerErrors(t, err, setError, FIELDS));
    }
  });

  const heading = editing ? t('casework.edit.case') : t('casework.caseForm.title');
  return (
    <form className="panel cw-form" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="new-case-h" data-testid={editing ? 'edit-case-form' : 'new-case-form'}>
      <h2 id="new-case-h">{heading}</h2>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      <div className="cw-grid">
        <Field id="case-title" label={t('casework.caseForm.caseTitle')} error={e.title?.message}>
          <input id="case-title" type="text" autoFocus {...register('title')} {...invalidProps('case-title', e.title?.message)} />
        </Field>
        <Field id="case-ref" label={t('casework.caseForm.internalRef')} error={e.internalRef?.message}>
          <input id="case-ref" type="text" {...register('internalRef')} {...invalidProps('case-ref', e.internalRef?.message)} />
        </Field>
        <Field id="case-category" label={t('casework.caseForm.category')} error={e.categoryId?.message}>
          <select id="case-category" {...register('categoryId')}>
            <option value="">{t('casework.caseForm.noCategory')}</option>
            {categories.status === 'ready' ? categories.data.map((c) => <option key={c.id} value={c.id}>{categoryName(t, c)}</option>) : null}
          </select>
        </Field>
        <Field id="case-status" label={t('casework.caseForm.status')}>
          <EnumSelect id="case-status" {...register('status')} values={CASE_STATUSES} labels="casework.statuses" />
        </Field>
        <Field id="case-stage" label={t('casework.caseForm.stage')} error={e.stage?.message}>
          <input id="case-stage" type="text" {...register('stage')} {...invalidProps('case-stage', e.stage?.message)} />
        </Field>
        <Field id="case-opened" label={t('casework.caseForm.openedOn')} error={e.openedOn?.message} hint={t('dates.dayHint')}>
          <DateInput id="case-opened" {...register('openedOn')} onPick={(s) => setValue('openedOn', s, { shouldValidate: true, shouldDirty: true })} {...invalidProps('case-opened', e.openedOn?.message)} />
        </Field>
        <Field id="case-closed" label={t('casework.caseForm.closedOn')} error={e.closedOn?.message} hint={t('dates.dayHint')}>
          <DateInput id="case-closed" {...register('closedOn')} onPick={(s) => setValue('closedOn', s, { shouldValidate: true, shouldDirty: true })} {...invalidProps('case-closed', e.closedOn?.message)} />
        </Field>
      </div>
      <fieldset className="cw-fieldset">
        <legend>{t('casework.caseForm.courtNumbers')}</legend>
        {numbers.fields.map((f, i) => (
          <div className="cw-row" key={f.id}>
            <Field id={`case-num-${i}`} label={`${t('casework.caseForm.number')} ${i + 1}`} error={e.courtNumbers?.[i]?.number?.message}>
              <input id={`case-num-${i}`} type="text" {...register(`courtNumbers.${i}.number`)} {...invalidProps(`case-num-${i}`, e.courtNumbers?.[i]?.number?.message)} />
            </Field>
            <Field id={`case-numbody-${i}`} label={`${t('casework.caseForm.body')} ${i + 1}`} error={e.courtNumbers?.[i]?.body?.message}>
              <input id={`case-numbody-${i}`} type="text" {...register(`courtNumbers.${i}.body`)} />
            </Field>
            <button type="button" className="button-quiet cw-small" onClick={() => numbers.remove(i)}>
              {t('casework.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="button-quiet" onClick={() => numbers.append({ number: '', body: '' })}>
          {t('casework.caseForm.addNumber')}
        </button>
      </fieldset>
      <Field id="case-summary" label={t('casework.caseForm.summary')} error={e.summary?.message}>
        <textarea id="case-summary" rows={4} {...register('summary')} />
      </Field>
      <Field id="case-tags" label={t('casework.caseForm.tags')} error={e.tags?.message} hint={t('casework.caseForm.tagsHint')}>
        <input id="case-tags" type="text" {...register('tags')} {...invalidProps('case-tags', e.tags?.message)} />
      </Field>
      <FormActions saveLabel={editing ? t('casework.edit.save') : t('casework.caseForm.create')} submitting={formState.isSubmitting} onCancel={onCancel} />
    </form>
  );
}
