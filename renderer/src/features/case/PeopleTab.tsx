import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { formatPartialDate, parsePartialDate } from '../../../../shared/partial-date';
import { IDENTIFICATIONS, PersonInputSchema, ROLES, type Party } from '../../../../shared/schemas/person';
import { call } from '../../api/client';
import { Notice } from '../../components/Notice';
import { navigate } from '../../router/router';
import { useQuery } from '../../state/store';
import { dayText, Field, invalidProps, orNull, partialDateText, placeServerErrors, FormActions } from './form-kit';
import { refreshCase } from './refresh';

const FormSchema = z
  .object({
    personId: z.string(),
    name: z.string().trim().max(200, 'At most 200 characters'),
    nameTranslit: z.string().trim().max(200, 'At most 200 characters'),
    birth: partialDateText(false),
    death: partialDateText(false),
    role: z.enum(ROLES),
    representsPersonId: z.string(),
    rankUnit: z.string().trim().max(200, 'At most 200 characters'),
    identification: z.enum(['', ...IDENTIFICATIONS]),
    description: z.string().trim().max(2000, 'At most 2000 characters'),
    since: dayText(),
    until: dayText(),
  })
  .superRefine((v, ctx) => {
    // A new person needs a name; the rule and wording are the IPC schema's own.
    if (!v.personId) {
      const r = PersonInputSchema.shape.name.safeParse(v.name);
      if (!r.success) ctx.addIssue({ code: 'custom', path: ['name'], message: r.error.issues[0]?.message ?? 'Enter a name' });
    }
  });
type FormValues = z.infer<typeof FormSchema>;
const FIELDS = ['personId', 'name', 'nameTranslit', 'birth', 'death', 'role', 'representsPersonId', 'rankUnit', 'identification', 'description', 'since', 'until'] as const;

export function PeopleTab({ caseId, parties }: { caseId: string; parties: Party[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [adding, setAdding] = useState(false);

  async function removeRole(id: string) {
    await call('roles.remove', { id });
    refreshCase(caseId);
  }

  return (
    <div className="cw-stack">
      <div className="actions">
        <button type="button" className="button-primary" onClick={() => setAdding(true)} disabled={adding}>
          {t('casework.people.add')}
        </button>
      </div>
      {adding ? <PersonRoleForm caseId={caseId} parties={parties} onDone={() => setAdding(false)} /> : null}
      {parties.length === 0 ? (
        <p className="cw-muted">{t('casework.people.none')}</p>
      ) : (
        <table className="cw-table" data-testid="people-table">
          <thead>
            <tr>
              <th>{t('casework.people.name')}</th>
              <th>{t('casework.people.role')}</th>
              <th>{t('casework.people.birth')}</th>
              <th>{t('casework.people.death')}</th>
              <th>{t('casework.people.rankUnit')}</th>
              <th>
                <span className="visually-hidden">{t('casework.people.removeRole')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {parties.map((p) => {
              const represents = p.role.representsPersonId ? parties.find((x) => x.person.id === p.role.representsPersonId)?.person.name : null;
              return (
                <tr key={p.role.id}>
                  <td>
                    <button type="button" className="button-link" onClick={() => navigate('person', { personId: p.person.id })}>
                      {p.person.name}
                    </button>
                    {p.person.nameTranslit ? <div className="cw-muted">{p.person.nameTranslit}</div> : null}
                  </td>
                  <td>
                    {t(`casework.roles.${p.role.role}`)}
                    {represents ? <div className="cw-muted">{t('casework.case.represents', { name: represents })}</div> : null}
                    {p.role.identification ? <div className="cw-muted">{t(`casework.identifications.${p.role.identification}`)}</div> : null}
                  </td>
                  <td>{p.person.birth ? formatPartialDate(p.person.birth, lng) : '—'}</td>
                  <td>{p.person.death ? `† ${formatPartialDate(p.person.death, lng)}` : '—'}</td>
                  <td>{p.role.rankUnit ?? '—'}</td>
                  <td>
                    <button type="button" className="button-quiet cw-small" onClick={() => void removeRole(p.role.id)}>
                      {t('casework.people.removeRole')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

function PersonRoleForm({ caseId, parties, onDone }: { caseId: string; parties: Party[]; onDone(): void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const people = useQuery('persons:all', () => call('persons.list', { limit: 10_000 }).then((r) => r.items));
  const { register, handleSubmit, formState, setError, watch } = useForm<FormValues>({
    resolver: zodResolver(FormSchema),
    defaultValues: {
      personId: '',
      name: '',
      nameTranslit: '',
      birth: '',
      death: '',
      role: 'client',
      representsPersonId: '',
      rankUnit: '',
      identification: '',
      description: '',
      since: '',
      until: '',
    },
  });
  const e = formState.errors;
  const isNew = watch('personId') === '';
  const role = watch('role');
  const perpetrator = role === 'alleged_perpetrator';
  const uniqueParties = [...new Map(parties.map((p) => [p.person.id, p.person])).values()];

  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      let personId = v.personId;
      if (!personId) {
        const created = await call('persons.create', {
          name: v.name,
          nameTranslit: orNull(v.nameTranslit),
          birth: v.birth ? parsePartialDate(v.birth) : null,
          death: v.death ? parsePartialDate(v.death) : null,
        });
        personId = created.id;
      }
      await call('roles.add', {
        caseId,
        personId,
        role: v.role,
        representsPersonId: orNull(v.representsPersonId),
        rankUnit: orNull(v.rankUnit),
        identification: v.identification === '' ? null : v.identification,
        description: orNull(v.description),
        since: orNull(v.since),
        until: orNull(v.until),
      });
      refreshCase(caseId);
      onDone();
    } catch (err) {
      setFailure(placeServerErrors(err, setError, FIELDS));
    }
  });

  return (
    <form className="panel cw-form" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="person-form-h" data-testid="person-form">
      <h2 id="person-form-h">{t('casework.people.add')}</h2>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      <div className="cw-grid">
        <Field id="pr-person" label={t('casework.people.existing')}>
          <select id="pr-person" {...register('personId')}>
            <option value="">{t('casework.people.newPerson')}</option>
            {people.status === 'ready'
              ? people.data.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))
              : null}
          </select>
        </Field>
        {isNew ? (
          <>
            <Field id="pr-name" label={t('casework.people.name')} error={e.name?.message}>
              <input id="pr-name" type="text" autoFocus {...register('name')} {...invalidProps('pr-name', e.name?.message)} />
            </Field>
            <Field id="pr-translit" label={t('casework.people.nameTranslit')} error={e.nameTranslit?.message}>
              <input id="pr-translit" type="text" {...register('nameTranslit')} />
            </Field>
            <Field id="pr-birth" label={t('casework.people.birth')} error={e.birth?.message} hint={t('casework.dateHint')}>
              <input id="pr-birth" type="text" {...register('birth')} {...invalidProps('pr-birth', e.birth?.message)} />
            </Field>
            <Field id="pr-death" label={t('casework.people.death')} error={e.death?.message} hint={t('casework.dateHint')}>
              <input id="pr-death" type="text" {...register('death')} {...invalidProps('pr-death', e.death?.message)} />
            </Field>
          </>
        ) : null}
        <Field id="pr-role" label={t('casework.people.role')} error={e.role?.message}>
          <select id="pr-role" {...register('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`casework.roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="pr-represents" label={t('casework.people.represents')} error={e.representsPersonId?.message}>
          <select id="pr-represents" {...register('representsPersonId')}>
            <option value="">{t('casework.people.nobody')}</option>
            {uniqueParties.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        {perpetrator ? (
          <>
            <Field id="pr-rank" label={t('casework.people.rankUnit')} error={e.rankUnit?.message}>
              <input id="pr-rank" type="text" {...register('rankUnit')} />
            </Field>
            <Field id="pr-ident" label={t('casework.people.identification')}>
              <select id="pr-ident" {...register('identification')}>
                <option value="">—</option>
                {IDENTIFICATIONS.map((i) => (
                  <option key={i} value={i}>
                    {t(`casework.identifications.${i}`)}
                  </option>
                ))}
              </select>
            </Field>
          </>
        ) : null}
        <Field id="pr-since" label={t('casework.people.since')} error={e.since?.message} hint={t('casework.dayHint')}>
          <input id="pr-since" type="text" {...register('since')} {...invalidProps('pr-since', e.since?.message)} />
        </Field>
        <Field id="pr-until" label={t('casework.people.until')} error={e.until?.message} hint={t('casework.dayHint')}>
          <input id="pr-until" type="text" {...register('until')} {...invalidProps('pr-until', e.until?.message)} />
        </Field>
      </div>
      <Field id="pr-description" label={t('casework.people.description')} error={e.description?.message}>
        <textarea id="pr-description" rows={2} {...register('description')} />
      </Field>
      <FormActions saveLabel={t('casework.people.save')} submitting={formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}
