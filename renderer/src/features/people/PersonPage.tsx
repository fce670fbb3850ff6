import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPartialDate } from '../../../../shared/partial-date';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import type { Route } from '../../router/router';
import { navigate } from '../../router/router';
import { useQuery } from '../../state/store';
import '../../styles/casework.css';
import { PersonRoleForm } from '../case/PeopleTab';

/** A person and every case they take part in (reached from the quick switcher and the People tab). */
export function PersonPage({ route }: { route: Route }) {
  const { t, i18n } = useTranslation();
  const id = route.params.personId ?? '';
  const [editing, setEditing] = useState(false);
  const q = useQuery('persons.cases', { id });
  return (
    <>
      {q.status === 'loading' ? <p className="busy">{t('common.loading')}</p> : null}
      {q.status === 'error' ? <Notice kind="error">{errorText(t, q.error)}</Notice> : null}
      {q.status === 'ready' ? (
        <>
          <header className="page-header">
            <h1>{q.data.person.name}</h1>
            {editing ? null : (
              <button type="button" className="button-quiet" onClick={() => setEditing(true)}>
                {t('casework.edit.person')}
              </button>
            )}
          </header>
          {editing ? (
            <PersonRoleForm person={q.data.person} onDone={() => setEditing(false)} />
          ) : (
            <dl className="facts panel">
              {q.data.person.nameTranslit ? (
                <>
                  <dt>{t('casework.people.nameTranslit')}</dt>
                  <dd>{q.data.person.nameTranslit}</dd>
                </>
              ) : null}
              <dt>{t('casework.people.birth')}</dt>
              <dd>{q.data.person.birth ? formatPartialDate(q.data.person.birth, i18n.language) : '—'}</dd>
              {q.data.person.death ? (
                <>
                  <dt>{t('casework.people.death')}</dt>
                  <dd>† {formatPartialDate(q.data.person.death, i18n.language)}</dd>
                </>
              ) : null}
              {q.data.person.contacts.length ? (
                <>
                  <dt>{t('casework.people.contacts')}</dt>
                  <dd data-testid="person-contacts">
                    <ul className="cw-plain">
                      {q.data.person.contacts.map((c, i) => (
                        <li key={i}>
                          <span className="cw-muted">{t(`casework.contactKinds.${c.kind}`)}: </span>
                          {c.value}
                          {c.label ? <span className="cw-muted"> · {c.label}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
              {q.data.person.notes ? (
                <>
                  <dt>{t('casework.people.notes')}</dt>
                  <dd className="cw-prose">{q.data.person.notes}</dd>
                </>
              ) : null}
            </dl>
          )}
          <section className="panel" aria-labelledby="person-cases">
            <h2 id="person-cases">{t('casework.person.cases')}</h2>
            <ul className="cw-recent">
              {q.data.cases.map((c) => (
                <li key={c.case.id}>
                  <button type="button" className="button-link" onClick={() => navigate('case', { caseId: c.case.id, tab: 'people' })}>
                    {c.case.title}
                  </button>
                  <span className="cw-muted">{c.roles.map((r) => t(`casework.roles.${r}`, { defaultValue: r })).join(', ')}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </>
  );
}
