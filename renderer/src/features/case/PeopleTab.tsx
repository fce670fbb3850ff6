import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { formatPartialDate, parsePartialDate } from '../../../../shared/partial-date';
import { CONTACT_KINDS, ContactSchema, IDENTIFICATIONS, PersonInputSchema, ROLES, type Party, type Person, type Role } from '../../../../shared/schemas/person';
import { call } from '../../api/client';
import { EnumSelect } from '../../components/EnumSelect';
import { Notice } from '../../components/Notice';
import { navigate } from '../../router/router';
import { useQuery } from '../../state/store';
import { DateInput } from '../../components/DateInput';
import { changedOnly, dayInput, dayValue, dayText, EditButton, Field, FormActions, invalidProps, orNull, partialDateInput, partialDateText, placeServerErrors } from '../../components/form-kit';

const formSchema = (editingPerson: boolean) =>
  z
    .object({
      personId: z.string(),
      name: z.string().trim().max(200, 'At most 200 characters'),
      nameTranslit: z.string().trim().max(200, 'At most 200 characters'),
      birth: partialDateText(false),
      death: partialDateText(false),
      contacts: z.array(z.object({ kind: z.enum(CONTACT_KINDS), value: ContactSchema.shape.value, label: z.string().trim().max(100, 'At most 100 characters') })),
      notes: z.string().max(20_000, 'At most 20000 characters'),
      role: z.enum(ROLES),
      representsPersonId: z.string(),
      rankUnit: z.string().trim().max(200, 'At most 200 characters'),
      identification: z.enum(['', ...IDENTIFICATIONS]),
      description: z.string().trim().max(2000, 'At most 2000 characters'),
      since: dayText(),
      until: dayText(),
    })
    .superRefine((v, ctx) => {
      // A new or edited person needs a name; the rule and wording are the IPC schema's own.
      if (editingPerson || !v.personId) {
        const r = PersonInputSchema.shape.name.safeParse(v.name);
        if (!r.success) ctx.addIssue({ code: 'custom', path: ['name'], message: r.error.issues[0]?.message ?? 'Enter a name' });
      }
    });
type FormValues = z.infer<ReturnType<typeof formSchema>>;
const FIELDS = ['personId', 'name', 'nameTranslit', 'birth', 'death', 'contacts', 'notes', 'role', 'representsPersonId', 'rankUnit', 'identification', 'description', 'since', 'until'] as const;

const EMPTY: FormValues = {
  personId: '',
  name: '',
  nameTranslit: '',
  birth: '',
  death: '',
  contacts: [],
  notes: '',
  role: 'client',
  representsPersonId: '',
  rankUnit: '',
  identification: '',
  description: '',
  since: '',
  until: '',
};

function toValues(person: Person | undefined, role: Role | undefined, lng: string): FormValues {
  const v = { ...EMPTY };
  if (person) {
    Object.assign(v, {
      personId: person.id,
      name: person.name,
      nameTranslit: person.nameTranslit ?? '',
      birth: partialDateInput(person.birth, lng),
      death: partialDateInput(person.death, lng),
      contacts: person.contacts.map((c) => ({ kind: c.kind, value: c.value, label: c.label ?? '' })),
      notes: person.notes,
    });
  }
  if (role) {
    Object.assign(v, {
      role: role.role,
      representsPersonId: role.representsPersonId ?? '',
      rankUnit: role.rankUnit ?? '',
      identification: role.identification ?? '',
      description: role.description ?? '',
      since: dayInput(role.since, lng),
      until: dayInput(role.until, lng),
    });
  }
  return v;
}

/** The person's own fields as the service takes them (shared by every case the person is in). */
const toPersonInput = (v: FormValues) => ({
  name: v.name,
  nameTranslit: orNull(v.nameTranslit),
  birth: v.birth ? parsePartialDate(v.birth) : null,
  death: v.death ? parsePartialDate(v.death) : null,
  contacts: v.contacts.map((c) => ({ kind: c.kind, value: c.value, label: orNull(c.label) })),
  notes: v.notes,
});

/** The person's part in this case. */
const toRoleInput = (v: FormValues) => ({
  role: v.role,
  representsPersonId: orNull(v.representsPersonId),
  rankUnit: orNull(v.rankUnit),
  identification: v.identification === '' ? null : v.identification,
  description: orNull(v.description),
  since: dayValue(v.since),
  until: dayValue(v.until),
});

export function PeopleTab({ caseId, parties }: { caseId: string; parties: Party[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  // One form at a time: adding someone, or editing one row (person and role together).
  const [form, setForm] = useState<'add' | Party | null>(null);

  async function removeRole(id: string) {
    await call('roles.remove', { id });
  }

  return (
    <div className="cw-stack">
      <div className="actions">
        <button type="button" className="button-primary" onClick={() => setForm('add')} disabled={form !== null}>
          {t('casework.people.add')}
        </button>
      </div>
      {form === 'add' ? <PersonRoleForm caseId={caseId} parties={parties} onDone={() => setForm(null)} /> : null}
      {form && form !== 'add' ? (
        <PersonRoleForm key={form.role.id} caseId={caseId} parties={parties} person={form.person} role={form.role} onDone={() => setForm(null)} />
      ) : null}
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
                <span className="visually-hidden">{t('casework.edit.actions')}</span>
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
                    <div className="cw-row-actions">
                      <EditButton what={p.person.name} onClick={() => setForm(p)} disabled={form !== null} />
                      <button type="button" className="button-quiet cw-small" onClick={() => void removeRole(p.role.id)}>
                        {t('casework.people.removeRole')}
                      </button>
                    </div>
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

/**
 * Adds someone to a case (a new person or one already in the vault), edits a row of the People tab
 * (`person` and `role`), or edits a person alone from their own page (`person` without `caseId`).
 */
export function PersonRoleForm({ caseId, parties = [], person, role, onDone }: { caseId?: string; parties?: Party[]; person?: Person; role?: Role; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const editing = person !== undefined;
  const people = useQuery('persons.list', { limit: 10_000 }, (r) => r.items);
  const [initial] = useState(() => toValues(person, role, i18n.language));
  const { register, handleSubmit, formState, setError, setValue, watch, control } = useForm<FormValues>({
    resolver: zodResolver(formSchema(editing)),
    defaultValues: initial,
  });
  const contacts = useFieldArray({ control, name: 'contacts' });
  const e = formState.errors;
  const personFields = editing || watch('personId') === '';
  const roleFields = !editing || role !== undefined;
  const perpetrator = watch('role') === 'alleged_perpetrator';
  const uniqueParties = [...new Map(parties.map((p) => [p.person.id, p.person])).values()].filter((p) => p.id !== person?.id);

  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      if (person) {
        const personPatch = changedOnly(toPersonInput(initial), toPersonInput(v));
        if (Object.keys(personPatch).length) await call('persons.update', { id: person.id, patch: personPatch });
        const rolePatch = role ? changedOnly(toRoleInput(initial), toRoleInput(v)) : {};
        if (role && Object.keys(rolePatch).length) await call('roles.update', { id: role.id, patch: rolePatch });
      } else if (caseId) {
        let personId = v.personId;
        if (!personId) personId = (await call('persons.create', toPersonInput(v))).id;
        await call('roles.add', { caseId, personId, ...toRoleInput(v) });
      }
      onDone();
    } catch (err) {
      setFailure(placeServerErrors(t, err, setError, FIELDS));
    }
  });

  const heading = editing ? t('casework.edit.person') : t('casework.people.add');
  return (
    <form className="panel cw-form" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="person-form-h" data-testid="person-form">
      <h2 id="person-form-h">{heading}</h2>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      {editing && role ? <p className="cw-muted">{t('casework.edit.personShared')}</p> : null}
      <div className="cw-grid">
        {editing ? null : (
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
        )}
        {personFields ? (
          <>
            <Field id="pr-name" label={t('casework.people.name')} error={e.name?.message}>
              <input id="pr-name" type="text" autoFocus {...register('name')} {...invalidProps('pr-name', e.name?.message)} />
            </Field>
            <Field id="pr-translit" label={t('casework.people.nameTranslit')} error={e.nameTranslit?.message}>
              <input id="pr-translit" type="text" {...register('nameTranslit')} />
            </Field>
            <Field id="pr-birth" label={t('casework.people.birth')} error={e.birth?.message} hint={t('dates.hint')}>
              <DateInput id="pr-birth" {...register('birth')} onPick={(s) => setValue('birth', s, { shouldValidate: true, shouldDirty: true })} {...invalidProps('pr-birth', e.birth?.message)} />
            </Field>
            <Field id="pr-death" label={t('casework.people.death')} error={e.death?.message} hint={t('dates.hint')}>
              <DateInput id="pr-death" {...register('death')} onPick={(s) => setValue('death', s, { shouldValidate: true, shouldDirty: true })} {...invalidProps('pr-death', e.death?.message)} />
            </Field>
          </>
        ) : null}
        {roleFields ? (
          <>
            <Field id="pr-role" label={t('casework.people.role')} error={e.role?.message}>
              <EnumSelect id="pr-role" {...register('role')} values={ROLES} labels="casework.roles" />
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
                  <EnumSelect id="pr-ident" {...register('identification')} values={IDENTIFICATIONS} labels="casework.identifications" empty="—" />
                </Field>
              </>
            ) : null}
            <Field id="pr-since" label={t('casework.people.since')} error={e.since?.message} hint={t('dates.dayHint')}>
              <DateInput id="pr-since" {...register('since')} onPick={(s) => setValue('since', s, { shouldValidate: true, shouldDirty: true })} {...invalidProps('pr-since', e.since?.message)} />
            </Field>
            <Field id="pr-until" label={t('casework.people.until')} error={e.until?.message} hint={t('dates.dayHint')}>
              <DateInput id="pr-until" {...register('until')} onPick={(s) => setValue('until', s, { shouldValidate: true, shouldDirty: true })} {...invalidProps('pr-until', e.until?.message)} />
            </Field>
          </>
        ) : null}
      </div>
      {personFields ? (
        <fieldset className="cw-fieldset">
          <legend>{t('casework.people.contacts')}</legend>
          {contacts.fields.map((f, i) => (
            <div className="cw-row cw-row-contact" key={f.id}>
              <Field id={`pr-ckind-${i}`} label={`${t('casework.people.contactKind')} ${i + 1}`}>
                <EnumSelect id={`pr-ckind-${i}`} {...register(`contacts.${i}.kind`)} values={CONTACT_KINDS} labels="casework.contactKinds" />
              </Field>
              <Field id={`pr-cvalue-${i}`} label={`${t('casework.people.contactValue')} ${i + 1}`} error={e.contacts?.[i]?.value?.message}>
                <input id={`pr-cvalue-${i}`} type="text" {...register(`contacts.${i}.value`)} {...invalidProps(`pr-cvalue-${i}`, e.contacts?.[i]?.value?.message)} />
              </Field>
              <Field id={`pr-clabel-${i}`} label={`${t('casework.people.contactLabel')} ${i + 1}`} error={e.contacts?.[i]?.label?.message}>
                <input id={`pr-clabel-${i}`} type="text" {...register(`contacts.${i}.label`)} />
              </Field>
              <button type="button" className="button-quiet cw-small" onClick={() => contacts.remove(i)}>
                {t('casework.remove')}
              </button>
            </div>
          ))}
          <button type="button" className="button-quiet" onClick={() => contacts.append({ kind: 'phone', value: '', label: '' })}>
            {t('casework.people.addContact')}
          </button>
        </fieldset>
      ) : null}
      {roleFields ? (
        <Field id="pr-description" label={t('casework.people.description')} error={e.description?.message}>
          <textarea id="pr-description" rows={2} {...register('description')} />
        </Field>
      ) : null}
      {personFields ? (
        <Field id="pr-notes" label={t('casework.people.notes')} error={e.notes?.message}>
          <textarea id="pr-notes" rows={3} {...register('notes')} />
        </Field>
      ) : null}
      <FormActions saveLabel={editing ? t('casework.edit.save') : t('casework.people.save')} submitting={formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}
