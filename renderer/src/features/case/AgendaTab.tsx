import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { RuleLinkInfo } from '../deadlines/RuleLinkInfo';
import { DeadlineInputSchema, type Deadline, type Hearing } from '../../../../shared/schemas/agenda';
import { call } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { useQuery } from '../../state/store';
import { DateInput } from '../../components/DateInput';
import { createOrPatch, dayInput, dayValue, EditButton, Field, FormActions, invalidProps, orNull, requiredDayText, timeText, useRecordSave } from '../../components/form-kit';
import { localToday, showDay } from '../../lib/format';
import { RemoveButton, useRemoveRecord } from '../../components/UndoToast';
import { HearingHistory, HearingStatusActions } from './HearingStatus';

export function AgendaTab({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  // One form at a time: a new hearing or deadline, or one being corrected.
  type Form = { kind: 'hearing'; editing?: Hearing } | { kind: 'deadline'; editing?: Deadline };
  const [form, setForm] = useState<Form | null>(null);
  const hearings = useQuery('hearings.list', { caseId }, (r) => r.items);
  const deadlines = useQuery('deadlines.list', { caseId }, (r) => r.items);
  // Deadlines accepted from a rule carry its citation (and a notice after a recount).
  const links = useQuery('rules.links', { caseId }, (r) => new Map(r.items.map((l) => [l.deadlineId, l])));
  const history = useQuery('hearings.history', { caseId }, (r) => r.items);
  const today = localToday();
  const remove = useRemoveRecord();
  const [failure, setFailure] = useState<string | null>(null);

  async function toggle(id: string, done: boolean) {
    await call('deadlines.setDone', { id, done });
  }

  return (
    <div className="cw-stack">
      <div className="actions">
        <button type="button" className="button-primary" onClick={() => setForm({ kind: 'hearing' })} disabled={form !== null}>
          {t('casework.agenda.addHearing')}
        </button>
        <button type="button" className="button-quiet" onClick={() => setForm({ kind: 'deadline' })} disabled={form !== null}>
          {t('casework.agenda.addDeadline')}
        </button>
      </div>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      {form?.kind === 'hearing' ? <HearingForm caseId={caseId} {...(form.editing ? { editing: form.editing } : {})} onDone={() => setForm(null)} /> : null}
      {form?.kind === 'deadline' ? <DeadlineForm caseId={caseId} {...(form.editing ? { editing: form.editing } : {})} onDone={() => setForm(null)} /> : null}
      <div className="cw-dash-columns">
        <section className="panel" aria-labelledby="ag-h" data-testid="case-hearings">
          <h2 id="ag-h">{t('casework.agenda.hearings')}</h2>
          {hearings.status === 'error' ? <Notice kind="error">{errorText(t, hearings.error)}</Notice> : null}
          {hearings.status === 'ready' && hearings.data.length === 0 ? <p className="cw-muted">{t('casework.agenda.noHearings')}</p> : null}
          {hearings.status === 'ready' ? (
            <ul className="cw-agenda">
              {hearings.data.map((h) => (
                <li key={h.id} className={`cw-agenda-item${h.date < today ? ' is-past' : ''} is-${h.status}`} data-testid="hearing" data-status={h.status}>
                  <div className="cw-agenda-when">
                    <span className="cw-when">{showDay(h.date, lng)}</span>
                    {h.time ? <span className="cw-time">{h.time}</span> : null}
                  </div>
                  <div className="cw-agenda-what">
                    <span className="cw-what">{h.purpose ?? '—'}</span>
                    <span className="cw-muted">{[h.body, h.room].filter(Boolean).join(' · ')}</span>
                    {h.outcome ? <span className="cw-prose">{h.outcome}</span> : null}
                    {h.status !== 'scheduled' ? <span className={`cw-hstatus cw-hstatus-${h.status}`}>{t(`casework.hearingStatus.${h.status}`)}</span> : null}
                    <HearingHistory changes={history.status === 'ready' ? history.data.filter((c) => c.hearingId === h.id) : []} />
                  </div>
                  <div className="cw-agenda-side">
                    <EditButton what={`${showDay(h.date, lng)} ${h.purpose ?? ''}`.trim()} onClick={() => setForm({ kind: 'hearing', editing: h })} disabled={form !== null} />
                    <HearingStatusActions hearing={h} disabled={form !== null} />
                    <RemoveButton what={`${showDay(h.date, lng)} ${h.purpose ?? ''}`.trim()} onClick={() => void remove('hearing', h.id).then(setFailure)} disabled={form !== null} />
                  </div>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <section className="panel" aria-labelledby="ag-d" data-testid="case-deadlines">
          <h2 id="ag-d">{t('casework.agenda.deadlines')}</h2>
          {deadlines.status === 'error' ? <Notice kind="error">{errorText(t, deadlines.error)}</Notice> : null}
          {deadlines.status === 'ready' && deadlines.data.length === 0 ? <p className="cw-muted">{t('casework.agenda.noDeadlines')}</p> : null}
          {deadlines.status === 'ready' ? (
            <ul className="cw-agenda">
              {deadlines.data.map((d) => {
                const overdue = !d.done && d.dueOn < today;
                return (
                  <li key={d.id} className={`cw-agenda-item${overdue ? ' is-overdue' : ''}${d.done ? ' is-done' : ''}`}>
                    <div className="cw-agenda-when">
                      <span className="cw-when">{showDay(d.dueOn, lng)}</span>
                      {overdue ? <span className="cw-badge-danger">{t('casework.agenda.overdue')}</span> : null}
                    </div>
                    <div className="cw-agenda-what">
                      <span className="cw-what">{d.what}</span>
                      {links.status === 'ready' && links.data.has(d.id) ? (
                        <RuleLinkInfo link={links.data.get(d.id)!} dueOn={d.dueOn} />
                      ) : d.rule ? (
                        <span className="cw-muted">{d.rule}</span>
                      ) : null}
                    </div>
                    <div className="cw-agenda-side">
                      <label className="check cw-small">
                        <input type="checkbox" checked={d.done} onChange={(e) => void toggle(d.id, e.target.checked)} /> {t('casework.agenda.done')}
                      </label>
                      <EditButton what={d.what} onClick={() => setForm({ kind: 'deadline', editing: d })} disabled={form !== null} />
                      <RemoveButton what={d.what} onClick={() => void remove('deadline', d.id).then(setFailure)} disabled={form !== null} />
                    </div>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </section>
      </div>
    </div>
  );
}

const HearingFormSchema = z.object({
  date: requiredDayText(),
  time: timeText,
  body: z.string().trim().max(200, 'At most 200 characters'),
  room: z.string().trim().max(100, 'At most 100 characters'),
  purpose: z.string().trim().max(500, 'At most 500 characters'),
  outcome: z.string().trim().max(2000, 'At most 2000 characters'),
});
type HearingValues = z.infer<typeof HearingFormSchema>;

const hearingValues = (h: Hearing | undefined, lng: string): HearingValues => ({
  date: dayInput(h?.date, lng),
  time: h?.time ?? '',
  body: h?.body ?? '',
  room: h?.room ?? '',
  purpose: h?.purpose ?? '',
  outcome: h?.outcome ?? '',
});
const hearingInput = (v: HearingValues) => ({
  date: dayValue(v.date) ?? v.date,
  time: orNull(v.time),
  body: orNull(v.body),
  room: orNull(v.room),
  purpose: orNull(v.purpose),
  outcome: orNull(v.outcome),
});

function HearingForm({ caseId, editing, onDone }: { caseId: string; editing?: Hearing; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const [initial] = useState(() => hearingValues(editing, i18n.language));
  const { register, handleSubmit, formState, setError, setValue } = useForm<HearingValues>({
    resolver: zodResolver(HearingFormSchema),
    defaultValues: initial,
  });
  const e = formState.errors;
  const { failure, save } = useRecordSave(caseId, setError, ['date', 'time', 'body', 'room', 'purpose', 'outcome'], onDone);
  const submit = handleSubmit((v) =>
    save(() =>
      createOrPatch(
        editing?.id,
        hearingInput(initial),
        hearingInput(v),
        (input) => call('hearings.create', { caseId, ...input }),
        (id, patch) => call('hearings.update', { id, patch }),
      ),
    ),
  );
  return (
    <form className="panel cw-form" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="hf-h" data-testid="hearing-form">
      <h2 id="hf-h">{editing ? t('casework.edit.hearing') : t('casework.agenda.addHearing')}</h2>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      <div className="cw-grid">
        <Field id="hf-date" label={t('casework.agenda.date')} error={e.date?.message} hint={t('dates.dayHint')}>
          <DateInput id="hf-date" autoFocus {...register('date')} onPick={(s) => setValue('date', s, { shouldValidate: true, shouldDirty: true })} {...invalidProps('hf-date', e.date?.message)} />
        </Field>
        <Field id="hf-time" label={t('casework.agenda.time')} error={e.time?.message} hint={t('dates.timeHint')}>
          <input id="hf-time" type="text" inputMode="numeric" {...register('time')} {...invalidProps('hf-time', e.time?.message)} />
        </Field>
        <Field id="hf-body" label={t('casework.agenda.body')} error={e.body?.message}>
          <input id="hf-body" type="text" {...register('body')} />
        </Field>
        <Field id="hf-room" label={t('casework.agenda.room')} error={e.room?.message}>
          <input id="hf-room" type="text" {...register('room')} />
        </Field>
      </div>
      <Field id="hf-purpose" label={t('casework.agenda.purpose')} error={e.purpose?.message}>
        <input id="hf-purpose" type="text" {...register('purpose')} />
      </Field>
      <Field id="hf-outcome" label={t('casework.agenda.outcome')} error={e.outcome?.message}>
        <textarea id="hf-outcome" rows={2} {...register('outcome')} />
      </Field>
      <FormActions saveLabel={editing ? t('casework.edit.save') : t('casework.agenda.saveHearing')} submitting={formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}

const DeadlineFormSchema = z.object({
  dueOn: requiredDayText(),
  what: DeadlineInputSchema.shape.what,
  rule: z.string().trim().max(500, 'At most 500 characters'),
});
type DeadlineValues = z.infer<typeof DeadlineFormSchema>;

const deadlineValues = (d: Deadline | undefined, lng: string): DeadlineValues => ({ dueOn: dayInput(d?.dueOn, lng), what: d?.what ?? '', rule: d?.rule ?? '' });
const deadlineInput = (v: DeadlineValues) => ({ dueOn: dayValue(v.dueOn) ?? v.dueOn, what: v.what, rule: orNull(v.rule) });

function DeadlineForm({ caseId, editing, onDone }: { caseId: string; editing?: Deadline; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const [initial] = useState(() => deadlineValues(editing, i18n.language));
  const { register, handleSubmit, formState, setError, setValue } = useForm<DeadlineValues>({
    resolver: zodResolver(DeadlineFormSchema),
    defaultValues: initial,
  });
  const e = formState.errors;
  const { failure, save } = useRecordSave(caseId, setError, ['dueOn', 'what', 'rule'], onDone);
  const submit = handleSubmit((v) =>
    save(() =>
      createOrPatch(
        editing?.id,
        deadlineInput(initial),
        deadlineInput(v),
        (input) => call('deadlines.create', { caseId, ...input }),
        (id, patch) => call('deadlines.update', { id, patch }),
      ),
    ),
  );
  return (
    <form className="panel cw-form" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="df-h" data-testid="deadline-form">
      <h2 id="df-h">{editing ? t('casework.edit.deadline') : t('casework.agenda.addDeadline')}</h2>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      <div className="cw-grid">
        <Field id="df-due" label={t('casework.agenda.dueOn')} error={e.dueOn?.message} hint={t('dates.dayHint')}>
          <DateInput id="df-due" autoFocus {...register('dueOn')} onPick={(s) => setValue('dueOn', s, { shouldValidate: true, shouldDirty: true })} {...invalidProps('df-due', e.dueOn?.message)} />
        </Field>
        <Field id="df-what" label={t('casework.agenda.what')} error={e.what?.message}>
          <input id="df-what" type="text" {...register('what')} {...invalidProps('df-what', e.what?.message)} />
        </Field>
      </div>
      <Field id="df-rule" label={t('casework.agenda.rule')} error={e.rule?.message}>
        <input id="df-rule" type="text" {...register('rule')} />
      </Field>
      <FormActions saveLabel={editing ? t('casework.edit.save') : t('casework.agenda.saveDeadline')} submitting={formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}
