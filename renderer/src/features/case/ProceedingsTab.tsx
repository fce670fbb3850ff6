import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { PROCEEDING_STATUSES, PROCEEDING_TYPES, type Proceeding } from '../../../../shared/schemas/proceeding';
import { call, isApiError } from '../../api/client';
import { EnumSelect } from '../../components/EnumSelect';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { useQuery } from '../../state/store';
import { DateInput } from '../../components/DateInput';
import { createOrPatch, dayInput, dayText, dayValue, EditButton, Field, FormActions, invalidProps, orNull, useRecordSave } from '../../components/form-kit';
import { showDay } from '../../lib/format';
import { RemoveButton, useRemoveRecord } from '../../components/UndoToast';
import type { RemovalImpact } from '../../../../shared/schemas/record-bin';

/** Proceedings grouped into chains: each root followed by what came out of it (appeal, cassation, UN). */
export function chains(list: Proceeding[]): Proceeding[][] {
  const byParent = new Map<string | null, Proceeding[]>();
  const ids = new Set(list.map((p) => p.id));
  for (const p of list) {
    const parent = p.parentId && ids.has(p.parentId) ? p.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), p]);
  }
  const out: Proceeding[][] = [];
  const walk = (p: Proceeding, chain: Proceeding[]) => {
    const next = [...chain, p];
    const kids = byParent.get(p.id) ?? [];
    if (kids.length === 0) out.push(next);
    // A proceeding that branched (two appeals of one decision) shows each branch as its own chain.
    kids.forEach((k, i) => walk(k, i === 0 ? next : [p]));
  };
  for (const root of byParent.get(null) ?? []) walk(root, []);
  return out;
}

export function ProceedingsTab({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  // One form at a time: a new proceeding, or one being corrected.
  const [form, setForm] = useState<'add' | Proceeding | null>(null);
  const q = useQuery('proceedings.list', { caseId }, (r) => r.items);
  const remove = useRemoveRecord();
  const [failure, setFailure] = useState<string | null>(null);
  // The proceeding about to go, with what it takes along, until the lawyer confirms or cancels.
  const [confirming, setConfirming] = useState<{ id: string; impact: RemovalImpact } | null>(null);
  const askRemove = async (id: string) => {
    setFailure(null);
    try {
      const impact = await call('records.removalImpact', { entityType: 'proceeding', id });
      if (impact.hearings + impact.events + impact.deadlines === 0) setFailure(await remove('proceeding', id));
      else setConfirming({ id, impact });
    } catch (e) {
      setFailure(isApiError(e) ? errorText(t, e) : t('errors.generic'));
    }
  };
  if (q.status === 'loading') return <p className="busy">{t('common.loading')}</p>;
  if (q.status === 'error') return <Notice kind="error">{errorText(t, q.error)}</Notice>;
  const all = q.data;
  return (
    <div className="cw-stack">
      <div className="actions">
        <button type="button" className="button-primary" onClick={() => setForm('add')} disabled={form !== null}>
          {t('casework.proceedings.add')}
        </button>
      </div>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      {form ? <ProceedingForm caseId={caseId} proceedings={all} {...(form === 'add' ? {} : { editing: form })} onDone={() => setForm(null)} /> : null}
      {all.length === 0 ? (
        <p className="cw-muted">{t('casework.proceedings.none')}</p>
      ) : (
        <section aria-label={t('casework.proceedings.chain')} className="cw-chains">
          {chains(all).map((chain, ci) => (
            <ol className="cw-chain" key={ci} data-testid="proceeding-chain">
              {chain.map((p) => (
                <li key={p.id} className={`cw-link cw-link-${p.status}`}>
                  <span className="cw-link-type">{t(`casework.proceedingTypes.${p.type}`)}</span>
                  {p.body ? <span className="cw-link-body">{p.body}</span> : null}
                  {p.reference ? <span className="cw-muted">{p.reference}</span> : null}
                  <span className="cw-muted">
                    {showDay(p.startedOn, lng)}
                    {p.endedOn ? ` – ${showDay(p.endedOn, lng)}` : ''}
                  </span>
                  <span className={`cw-pstatus cw-pstatus-${p.status}`}>{t(`casework.proceedingStatuses.${p.status}`)}</span>
                  {p.outcome ? <span className="cw-link-outcome">{p.outcome}</span> : null}
                  <span className="cw-link-actions">
                    <EditButton what={`${t(`casework.proceedingTypes.${p.type}`)}${p.body ? `, ${p.body}` : ''}`} onClick={() => setForm(p)} disabled={form !== null} />
                    <RemoveButton
                      what={`${t(`casework.proceedingTypes.${p.type}`)}${p.body ? `, ${p.body}` : ''}`}
                      onClick={() => void askRemove(p.id)}
                      disabled={form !== null || confirming !== null}
                    />
                  </span>
                  {confirming?.id === p.id ? (
                    <span className="cw-confirm" role="alertdialog" aria-label={t('casework.undo.alsoTitle')} data-testid="removal-confirm">
                      <span>
                        {t('casework.undo.alsoRemoves', {
                          what: [
                            confirming.impact.hearings ? t('casework.undo.hearings', { count: confirming.impact.hearings }) : '',
                            confirming.impact.events ? t('casework.undo.events', { count: confirming.impact.events }) : '',
                            confirming.impact.deadlines ? t('casework.undo.deadlines', { count: confirming.impact.deadlines }) : '',
                          ]
                            .filter(Boolean)
                            .join(', '),
                        })}
                      </span>
                      <button
                        type="button"
                        className="button-primary cw-small"
                        onClick={() => {
                          setConfirming(null);
                          void remove('proceeding', p.id).then(setFailure);
                        }}
                      >
                        {t('casework.undo.removeAll')}
                      </button>
                      <button type="button" className="button-quiet cw-small" onClick={() => setConfirming(null)}>
                        {t('casework.cancel')}
                      </button>
                    </span>
                  ) : null}
                </li>
              ))}
            </ol>
          ))}
        </section>
      )}
    </div>
  );
}

const FormSchema = z.object({
  type: z.enum(PROCEEDING_TYPES),
  body: z.string().trim().max(200, 'At most 200 characters'),
  reference: z.string().trim().max(100, 'At most 100 characters'),
  status: z.enum(PROCEEDING_STATUSES),
  outcome: z.string().trim().max(2000, 'At most 2000 characters'),
  startedOn: dayText(),
  endedOn: dayText(),
  parentId: z.string(),
});
type FormValues = z.infer<typeof FormSchema>;
const FIELDS = ['type', 'body', 'reference', 'status', 'outcome', 'startedOn', 'endedOn', 'parentId'] as const;

const toInput = (v: FormValues) => ({
  type: v.type,
  body: orNull(v.body),
  reference: orNull(v.reference),
  status: v.status,
  outcome: orNull(v.outcome),
  startedOn: dayValue(v.startedOn),
  endedOn: dayValue(v.endedOn),
  parentId: orNull(v.parentId),
});

/** `p` and everything that came out of it: none of these can become its parent without a loop. */
function selfAndDescendants(p: Proceeding, all: Proceeding[]): Set<string> {
  const out = new Set([p.id]);
  const todo = [p.id];
  while (todo.length) {
    const id = todo.pop();
    for (const x of all) {
      if (x.parentId === id && !out.has(x.id)) {
        out.add(x.id);
        todo.push(x.id);
      }
    }
  }
  return out;
}

function ProceedingForm({ caseId, proceedings, editing, onDone }: { caseId: string; proceedings: Proceeding[]; editing?: Proceeding; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const [initial] = useState<FormValues>(() =>
    editing
      ? {
          type: editing.type,
          body: editing.body ?? '',
          reference: editing.reference ?? '',
          status: editing.status,
          outcome: editing.outcome ?? '',
          startedOn: dayInput(editing.startedOn, i18n.language),
          endedOn: dayInput(editing.endedOn, i18n.language),
          parentId: editing.parentId ?? '',
        }
      : // A new proceeding most often follows the latest one.
        { type: 'complaint_to_prosecutor', body: '', reference: '', status: 'active', outcome: '', startedOn: '', endedOn: '', parentId: proceedings[proceedings.length - 1]?.id ?? '' },
  );
  const excluded = editing ? selfAndDescendants(editing, proceedings) : new Set<string>();
  const parents = proceedings.filter((p) => !excluded.has(p.id));
  const { register, handleSubmit, formState, setError, setValue } = useForm<FormValues>({
    resolver: zodResolver(FormSchema),
    defaultValues: initial,
  });
  const e = formState.errors;
  const { failure, save } = useRecordSave(caseId, setError, FIELDS, onDone);
  const submit = handleSubmit((v) =>
    save(() =>
      createOrPatch(
        editing?.id,
        toInput(initial),
        toInput(v),
        (input) => call('proceedings.create', { caseId, ...input }),
        (id, patch) => call('proceedings.update', { id, patch }),
      ),
    ),
  );
  return (
    <form className="panel cw-form" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="proc-form-h" data-testid="proceeding-form">
      <h2 id="proc-form-h">{editing ? t('casework.edit.proceeding') : t('casework.proceedings.add')}</h2>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      <div className="cw-grid">
        <Field id="pf-type" label={t('casework.proceedings.type')}>
          <EnumSelect id="pf-type" {...register('type')} values={PROCEEDING_TYPES} labels="casework.proceedingTypes" />
        </Field>
        <Field id="pf-parent" label={t('casework.proceedings.parent')}>
          <select id="pf-parent" {...register('parentId')}>
            <option value="">{t('casework.proceedings.noParent')}</option>
            {parents.map((p) => (
              <option key={p.id} value={p.id}>
                {t(`casework.proceedingTypes.${p.type}`)}
                {p.body ? ` — ${p.body}` : ''}
              </option>
            ))}
          </select>
        </Field>
        <Field id="pf-body" label={t('casework.proceedings.body')} error={e.body?.message}>
          <input id="pf-body" type="text" {...register('body')} />
        </Field>
        <Field id="pf-ref" label={t('casework.proceedings.reference')} error={e.reference?.message}>
          <input id="pf-ref" type="text" {...register('reference')} />
        </Field>
        <Field id="pf-status" label={t('casework.proceedings.status')}>
          <EnumSelect id="pf-status" {...register('status')} values={PROCEEDING_STATUSES} labels="casework.proceedingStatuses" />
        </Field>
        <Field id="pf-start" label={t('casework.proceedings.startedOn')} error={e.startedOn?.message} hint={t('dates.dayHint')}>
          <DateInput id="pf-start" {...register('startedOn')} onPick={(s) => setValue('startedOn', s, { shouldValidate: true, shouldDirty: true })} {...invalidProps('pf-start', e.startedOn?.message)} />
        </Field>
        <Field id="pf-end" label={t('casework.proceedings.endedOn')} error={e.endedOn?.message} hint={t('dates.dayHint')}>
          <DateInput id="pf-end" {...register('endedOn')} onPick={(s) => setValue('endedOn', s, { shouldValidate: true, shouldDirty: true })} {...invalidProps('pf-end', e.endedOn?.message)} />
        </Field>
      </div>
      <Field id="pf-outcome" label={t('casework.proceedings.outcome')} error={e.outcome?.message}>
        <textarea id="pf-outcome" rows={2} {...register('outcome')} />
      </Field>
      <FormActions saveLabel={editing ? t('casework.edit.save') : t('casework.proceedings.save')} submitting={formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}
