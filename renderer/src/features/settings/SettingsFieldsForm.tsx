import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SETTING_SCHEMAS, type Settings } from '../../../../shared/schemas/settings';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { ShortcutInput } from '../../components/ShortcutInput';
import { saveSettings } from './settings-data';

type FieldName = 'autoLockMinutes' | 'panicShortcut' | 'backupReminderDays' | 'backupKeepLast' | 'backupKeepWeekly' | 'hearingLeadDays' | 'deadlineLeadDays';

const NUMERIC: ReadonlySet<FieldName> = new Set(['autoLockMinutes', 'backupReminderDays', 'backupKeepLast', 'backupKeepWeekly', 'hearingLeadDays', 'deadlineLeadDays']);

/**
 * A small form over some settings, validated with the same schemas the main process applies; errors
 * from either side appear under the field they concern.
 */
export function SettingsFieldsForm({ names, settings, testId }: { names: readonly FieldName[]; settings: Settings; testId: string }) {
  const { t } = useTranslation();
  const idBase = useId();
  const schema = z.object(Object.fromEntries(names.map((n) => [n, SETTING_SCHEMAS[n]])) as unknown as Record<FieldName, z.ZodType>);
  const form = useForm<Record<string, unknown>>({
    resolver: zodResolver(schema) as never,
    values: Object.fromEntries(names.map((n) => [n, settings[n]])),
  });
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);

  const submit = form.handleSubmit(async (values) => {
    setMessage(null);
    const r = await saveSettings(values);
    if (r.ok) return setMessage({ kind: 'info', text: t('protection.settings.saved') });
    let placed = false;
    for (const n of names) {
      if (r.fields[n]) {
        form.setError(n, { message: r.fields[n] });
        placed = true;
      }
    }
    if (!placed) setMessage({ kind: 'error', text: errorText(t, r) });
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid={testId} className="settings-form">
      <div className="settings-grid">
        {names.map((n) => {
          const id = `${idBase}-${n}`;
          const err = form.formState.errors[n]?.message;
          const hint = t(`protection.settings.fields.${n}.hint`, { defaultValue: '' });
          return (
            <div className="field" key={n}>
              <label htmlFor={id}>{t(`protection.settings.fields.${n}.label`)}</label>
              {n === 'panicShortcut' ? (
                <Controller
                  control={form.control}
                  name={n}
                  render={({ field }) => (
                    <ShortcutInput
                      ref={field.ref}
                      id={id}
                      value={typeof field.value === 'string' ? field.value : ''}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      invalid={Boolean(err)}
                      describedBy={[hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
                    />
                  )}
                />
              ) : (
              <input
                id={id}
                type={NUMERIC.has(n) ? 'number' : 'text'}
                inputMode={NUMERIC.has(n) ? 'numeric' : undefined}
                className={NUMERIC.has(n) ? 'input-number' : 'input-text'}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={err ? true : undefined}
                aria-describedby={[hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
                {...form.register(n, NUMERIC.has(n) ? { valueAsNumber: true } : {})}
              />
              )}
              {hint ? (
                <p id={`${id}-hint`} className="field-hint">
                  {hint}
                </p>
              ) : null}
              {typeof err === 'string' ? (
                <p id={`${id}-error`} className="field-error" role="alert">
                  {err}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={form.formState.isSubmitting}>
          {t('protection.settings.save')}
        </button>
        {message ? (
          <Notice kind={message.kind} testId={`${testId}-message`}>
            {message.text}
          </Notice>
        ) : null}
      </div>
    </form>
  );
}
