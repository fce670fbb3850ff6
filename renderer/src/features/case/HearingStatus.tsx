import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { Hearing, HearingChange, HearingStatus } from '../../../../shared/schemas/agenda';
import { call, isApiError } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { errorText } from '../../components/errors';
import { dayValue, Field, FormActions, invalidProps, orNull, requiredDayText, timeText } from '../../components/form-kit';
import { Notice } from '../../components/Notice';
import { showDay } from '../../lib/format';

/**
 * A hearing's status, as Kyrgyz courts need it: held, cancelled, or adjourned to a new date. The hearing moves
 * to the new date; the date it had stays in its history below it.
 */
export function HearingStatusActions({ hearing, disabled }: { hearing: Hearing; disabled: boolean }) {
  const { t } = useTranslation();
  const [adjourning, setAdjourning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const set = async (status: Exclude<HearingStatus, 'adjourned'>) => {
    setFailure(null);
    try {
      await call('hearings.setStatus', { id: hearing.id, status });
    } catch (e) {
      setFailure(isApiError(e) ? errorText(t, e) : t('errors.generic'));
    }
  };
  return (
    <>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      {hearing.status === 'scheduled' ? (
        <>
          <button type="button" className="button-quiet cw-small" onClick={() => void set('held')} disabled={disabled}>
            {t('casework.hearingStatus.markHeld')}
          </button>
          <button type="button" className="button-quiet cw-small" onClick={() => setAdjourning(true)} disabled={disabled || adjourning}>
            {t('casework.hearingStatus.adjourn')}
          </button>
          <button type="button" className="button-quiet cw-small" onClick={() => void set('cancelled')} disabled={disabled}>
            {t('casework.hearingStatus.cancel')}
          </button>
        </>
      ) : (
        <button type="button" className="button-quiet cw-small" onClick={() => void set('scheduled')} disabled={disabled}>
          {t('casework.hearingStatus.reschedule')}
        </button>
      )}
      {adjourning ? <AdjournForm hearing={hearing} onDone={() => setAdjourning(false)} /> : null}
    </>
  );
}

const AdjournSchema = z.object({ date: requiredDayText(), time: timeText, reason: z.string().trim().max(500, 'At most 500 characters') });
type AdjournValues = z.infer<typeof AdjournSchema>;

function AdjournForm({ hearing, onDone }: { hearing: Hearing; onDone(): void }) {
  const { t } = useTranslation();
  const { register, handleSubmit, formState, setValue } = useForm<AdjournValues>({
    resolver: zodResolver(AdjournSchema),
    defaultValues: { date: '', time: hearing.time ?? '', reason: '' },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const e = formState.errors;
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      await call('hearings.setStatus', { id: hearing.id, status: 'adjourned', date: dayValue(v.date) ?? v.date, time: orNull(v.time), reason: orNull(v.reason) });
      onDone();
    } catch (err) {
      setFailure(isApiError(err) ? errorText(t, err) : t('errors.generic'));
    }
  });
  const id = `adj-${hearing.id}`;
  return (
    <form className="panel cw-form" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby={`${id}-h`} data-testid="adjourn-form">
      <h3 id={`${id}-h`}>{t('casework.hearingStatus.adjournTitle')}</h3>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      <Field id={`${id}-date`} label={t('casework.hearingStatus.newDate')} error={e.date?.message} hint={t('dates.dayHint')}>
        <DateInput
          id={`${id}-date`}
          autoFocus
          {...register('date')}
          onPick={(s) => setValue('date', s, { shouldValidate: true, shouldDirty: true })}
          {...invalidProps(`${id}-date`, e.date?.message)}
        />
      </Field>
      <Field id={`${id}-time`} label={t('casework.agenda.time')} error={e.time?.message} hint={t('dates.timeHint')}>
        <input id={`${id}-time`} type="text" inputMode="numeric" {...register('time')} {...invalidProps(`${id}-time`, e.time?.message)} />
      </Field>
      <Field id={`${id}-reason`} label={t('casework.hearingStatus.reason')} error={e.reason?.message}>
        <input id={`${id}-reason`} type="text" {...register('reason')} />
      </Field>
      <FormActions saveLabel={t('casework.hearingStatus.adjourn')} submitting={formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}

/** "Adjourned from 12 March 2026 to 2 April 2026 — the prosecutor did not appear", oldest first. */
export function HearingHistory({ changes }: { changes: HearingChange[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  if (changes.length === 0) return null;
  return (
    <ol className="cw-hhistory" aria-label={t('casework.hearingStatus.history')} data-testid="hearing-history">
      {changes.map((c) => (
        <li key={c.id}>
          {c.status === 'adjourned'
            ? t('casework.hearingStatus.adjournedFromTo', { from: showDay(c.fromDate, lng), to: showDay(c.toDate, lng) })
            : t(`casework.hearingStatus.became.${c.status}`, { date: showDay(c.fromDate, lng) })}
          {c.reason ? ` — ${c.reason}` : ''}
        </li>
      ))}
    </ol>
  );
}
