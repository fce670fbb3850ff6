import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { errorText } from '../../components/errors';
import { dayInput, dayValue, Field, FormActions, invalidProps, orNull, placeServerErrors, requiredDayText, timeText } from '../../components/form-kit';
import { Notice } from '../../components/Notice';
import { useQuery } from '../../state/store';

const Schema = z.object({
  caseId: z.string().min(1, 'casework.calendar.pickCase'),
  proceedingId: z.string(),
  date: requiredDayText(),
  time: timeText,
  body: z.string().trim().max(200, 'At most 200 characters'),
  purpose: z.string().trim().max(500, 'At most 500 characters'),
});
type Values = z.infer<typeof Schema>;

/**
 * A hearing added from the calendar: the day the lawyer clicked is filled in; she picks the case (and, if it
 * has any, the proceeding). The case's own Agenda tab has the full form.
 */
export function AddHearingForm({ day, onDone }: { day: string; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const cases = useQuery('cases.list', { sort: 'title', limit: 10_000 }, (r) => r.items);
  const { register, handleSubmit, formState, setValue, setError, watch } = useForm<Values>({
    resolver: zodResolver(Schema),
    defaultValues: { caseId: '', proceedingId: '', date: dayInput(day, i18n.language), time: '', body: '', purpose: '' },
  });
  const caseId = watch('caseId');
  const [failure, setFailure] = useState<string | null>(null);
  const e = formState.errors;
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      await call('hearings.create', {
        caseId: v.caseId,
        proceedingId: orNull(v.proceedingId),
        date: dayValue(v.date) ?? v.date,
        time: orNull(v.time),
        body: orNull(v.body),
        purpose: orNull(v.purpose),
      });
      onDone();
    } catch (err) {
      setFailure(placeServerErrors(t, err, setError, ['caseId', 'proceedingId', 'date', 'time', 'body', 'purpose']));
    }
  });
  return (
    <form className="panel cw-form" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="chf-h" data-testid="calendar-hearing-form">
      <h2 id="chf-h">{t('casework.agenda.addHearing')}</h2>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      {cases.status === 'error' ? <Notice kind="error">{errorText(t, cases.error)}</Notice> : null}
      <div className="cw-grid">
        <Field id="chf-case" label={t('casework.calendar.case')} error={e.caseId?.message}>
          <select id="chf-case" autoFocus {...register('caseId', { onChange: () => setValue('proceedingId', '') })} {...invalidProps('chf-case', e.caseId?.message)}>
            <option value="">{t('casework.calendar.pickCase')}</option>
            {(cases.status === 'ready' ? cases.data : []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.internalRef ? `${c.title} (${c.internalRef})` : c.title}
              </option>
            ))}
          </select>
        </Field>
        {caseId ? <ProceedingPicker caseId={caseId} register={register('proceedingId')} /> : null}
        <Field id="chf-date" label={t('casework.agenda.date')} error={e.date?.message} hint={t('dates.dayHint')}>
          <DateInput id="chf-date" {...register('date')} onPick={(s) => setValue('date', s, { shouldValidate: true })} {...invalidProps('chf-date', e.date?.message)} />
        </Field>
        <Field id="chf-time" label={t('casework.agenda.time')} error={e.time?.message} hint={t('dates.timeHint')}>
          <input id="chf-time" type="text" inputMode="numeric" {...register('time')} {...invalidProps('chf-time', e.time?.message)} />
        </Field>
        <Field id="chf-body" label={t('casework.agenda.body')} error={e.body?.message}>
          <input id="chf-body" type="text" {...register('body')} />
        </Field>
        <Field id="chf-purpose" label={t('casework.agenda.purpose')} error={e.purpose?.message}>
          <input id="chf-purpose" type="text" {...register('purpose')} />
        </Field>
      </div>
      <FormActions saveLabel={t('casework.agenda.saveHearing')} submitting={formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}

function ProceedingPicker({ caseId, register }: { caseId: string; register: ReturnType<ReturnType<typeof useForm<Values>>['register']> }) {
  const { t } = useTranslation();
  const procs = useQuery('proceedings.list', { caseId }, (r) => r.items);
  if (procs.status !== 'ready' || procs.data.length === 0) return null;
  return (
    <Field id="chf-proc" label={t('casework.calendar.proceeding')}>
      <select id="chf-proc" {...register}>
        <option value="">{t('casework.calendar.noProceeding')}</option>
        {procs.data.map((p) => (
          <option key={p.id} value={p.id}>
            {[t(`casework.proceedingTypes.${p.type}`), p.body, p.reference].filter(Boolean).join(' · ')}
          </option>
        ))}
      </select>
    </Field>
  );
}
