import type { Page } from '@playwright/test';
import { createVaultViaUi, expect, screenshot, test } from './fixtures';

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

/** A full reload (the vault stays unlocked, the app starts on the dashboard), then back to the case. */
async function reopenCase(page: Page, title: string) {
  await page.reload();
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByTestId('case-list').getByText(title).click();
  await expect(page.getByTestId('case-title')).toHaveText(title);
}

const editButton = { name: /^Edit\b/ };

test('editing: case, person, event, hearing, deadline and proceeding are corrected through their own forms', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(120_000);
  await createVaultViaUi(page);
  const cw = () => bridge.services.caseWork;

  // Every *.update request the page sends, by channel, to check that Save sends only what changed.
  const sent: Record<string, { id: string; patch: Record<string, unknown> }[]> = {};
  page.on('request', (r) => {
    const channel = /\/ipc\/([^/?]+)$/.exec(r.url())?.[1];
    if (channel && channel.endsWith('.update')) (sent[channel] ??= []).push(r.postDataJSON() as { id: string; patch: Record<string, unknown> });
  });
  const lastPatchKeys = (channel: string) => Object.keys(sent[channel]?.at(-1)?.patch ?? {}).sort();

  // --- The records, made through the add forms ---
  await page.getByRole('button', { name: 'New case' }).click();
  const nf = page.getByTestId('new-case-form');
  await nf.getByLabel('Title').fill('Tursunov v. Pervomaisky police');
  await nf.getByLabel('Internal reference').fill('ADV-2024-017');
  await nf.getByLabel('Opened on').fill('2024-02-20');
  await nf.getByLabel('Summary').fill('Beaten in custody at the district police station.');
  await nf.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByTestId('case-title')).toHaveText('Tursunov v. Pervomaisky police');
  const caseId = cw().cases.list({}).items[0]!.id;
  // Two records are made behind the page's back, before their tabs are first opened.
  cw().agenda.createHearing({ caseId, date: '2030-04-02', time: '10:00', body: 'Pervomaisky district court', purpose: 'Preliminary hearing' });
  cw().timeline.createProceeding({ caseId, type: 'complaint_to_prosecutor', body: 'Bishkek city prosecutor', status: 'active', startedOn: '2024-02-21' });
  const note = cw().notes.create({ caseId, title: 'Call with the family', body: 'They will bring the medical record.' });

  await openTab(page, 'People');
  await page.getByRole('button', { name: 'Add a person' }).click();
  const addPerson = page.getByTestId('person-form');
  await addPerson.getByLabel('Name', { exact: true }).fill('Azamat Tursunov');
  await addPerson.getByLabel('Role in this case').selectOption('client');
  await addPerson.getByRole('button', { name: 'Add to case' }).click();
  await expect(page.getByTestId('people-table')).toContainText('Azamat Tursunov');

  await openTab(page, 'Timeline');
  await page.getByRole('button', { name: 'Add an event' }).click();
  const addEvent = page.getByTestId('event-form');
  await addEvent.getByLabel('Date').fill('2014');
  await addEvent.getByLabel('Type').selectOption('ill_treatment');
  await addEvent.getByLabel('Azamat Tursunov').check();
  await addEvent.getByLabel('What happened').fill('Beaten during questioning.');
  await addEvent.getByRole('button', { name: 'Add event' }).click();
  const event = page.getByTestId('timeline-event');
  await expect(event).toHaveCount(1);
  await expect(event).toContainText('2014');

  await openTab(page, 'Hearings & deadlines');
  await page.getByRole('button', { name: 'Add a deadline' }).click();
  const addDeadline = page.getByTestId('deadline-form');
  await addDeadline.getByLabel('Due on').fill('2030-05-10');
  await addDeadline.getByLabel('What is due').fill('File the appeal');
  await addDeadline.getByRole('button', { name: 'Add deadline' }).click();
  await expect(page.getByTestId('case-deadlines')).toContainText('File the appeal');

  // --- Case: Cancel leaves it as it was and sends nothing ---
  await openTab(page, 'Overview');
  await page.getByRole('button', { name: 'Edit case' }).click();
  let cf = page.getByTestId('edit-case-form');
  await expect(cf.getByLabel('Title')).toHaveValue('Tursunov v. Pervomaisky police');
  await expect(cf.getByLabel('Internal reference')).toHaveValue('ADV-2024-017');
  await expect(cf.getByLabel('Opened on')).toHaveValue('20 February 2024');
  await cf.getByLabel('Title').fill('Something else entirely');
  await cf.getByRole('button', { name: 'Cancel' }).click();
  await expect(cf).toHaveCount(0);
  await expect(page.getByTestId('case-title')).toHaveText('Tursunov v. Pervomaisky police');
  expect(sent['cases.update']).toBeUndefined();

  // --- Case: a Russian title, closed; the service's own check (closing before opening) shows at its field ---
  await page.getByRole('button', { name: 'Edit case' }).click();
  cf = page.getByTestId('edit-case-form');
  await expect(cf.getByLabel('Title')).toHaveValue('Tursunov v. Pervomaisky police');
  await cf.getByLabel('Title').fill('Турсунов против ОВД Первомайского района');
  await cf.getByLabel('Status').selectOption('closed');
  await cf.getByLabel('Closed on').fill('2024-01-10');
  await screenshot(page, 'editing-case-form');
  await cf.getByRole('button', { name: 'Save changes' }).click();
  await expect(cf.getByText('The case cannot close before it opened')).toBeVisible();
  await expect(cf.getByLabel('Closed on')).toHaveAttribute('aria-invalid', 'true');
  expect(cw().cases.get(caseId).title).toBe('Tursunov v. Pervomaisky police');
  await cf.getByLabel('Closed on').fill('2025-01-15');
  await cf.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('case-title')).toHaveText('Турсунов против ОВД Первомайского района');
  await expect(page.locator('.cw-case-head')).toContainText('Closed');
  expect(lastPatchKeys('cases.update')).toEqual(['closedOn', 'status', 'title']);

  // --- Person (from the People tab): name in Cyrillic and a phone number; the role is untouched ---
  await openTab(page, 'People');
  await page.getByTestId('people-table').getByRole('button', editButton).click();
  const pf = page.getByTestId('person-form');
  await expect(pf.getByRole('heading')).toHaveText('Edit person');
  await expect(pf.getByLabel('Name', { exact: true })).toHaveValue('Azamat Tursunov');
  await expect(pf.getByLabel('Role in this case')).toHaveValue('client');
  await pf.getByLabel('Name', { exact: true }).fill('Азамат Турсунов');
  await pf.getByRole('button', { name: 'Add a contact' }).click();
  await pf.getByLabel('Type 1').selectOption('phone');
  await pf.getByLabel('Contact 1').fill('+996 555 123 456');
  await pf.getByLabel('Comment 1').fill('мать');
  await screenshot(page, 'editing-person-form');
  await pf.getByRole('button', { name: 'Save changes' }).click();
  await expect(pf).toHaveCount(0);
  await expect(page.getByTestId('people-table')).toContainText('Азамат Турсунов');
  expect(lastPatchKeys('persons.update')).toEqual(['contacts', 'name']);
  expect(sent['roles.update']).toBeUndefined();

  // --- Event: "2014" becomes "summer 2014" (still approximate), nothing else is sent ---
  await openTab(page, 'Timeline');
  await event.getByRole('button', editButton).click();
  const ef = page.getByTestId('event-form');
  await expect(ef.getByRole('heading')).toHaveText('Edit event');
  await expect(ef.getByLabel('Date')).toHaveValue('2014');
  await expect(ef.getByLabel('Азамат Турсунов')).toBeChecked();
  await ef.getByLabel('Date').fill('summer 2015x');
  await ef.getByRole('button', { name: 'Save changes' }).click();
  await expect(ef.getByText('Sakta cannot read this as a date')).toBeVisible();
  await ef.getByLabel('Date').fill('summer 2014');
  await screenshot(page, 'editing-event-form');
  await ef.getByRole('button', { name: 'Save changes' }).click();
  await expect(ef).toHaveCount(0);
  await expect(event).toContainText('summer 2014');
  await expect(event).toContainText('approximate');
  expect(lastPatchKeys('events.update')).toEqual(['date']);
  expect(sent['events.update']?.at(-1)?.patch.date).toEqual({ precision: 'season', year: 2014, season: 'summer' });
  await screenshot(page, 'editing-timeline');

  // --- Hearing and deadline ---
  await openTab(page, 'Hearings & deadlines');
  await page.getByTestId('case-hearings').getByRole('button', editButton).click();
  const hf = page.getByTestId('hearing-form');
  await expect(hf.getByLabel('Date')).toHaveValue('2 April 2030');
  await expect(hf.getByLabel('Court')).toHaveValue('Pervomaisky district court');
  await hf.getByLabel('Date').fill('2030-04-09');
  await hf.getByLabel('Room').fill('12');
  await hf.getByRole('button', { name: 'Save changes' }).click();
  await expect(hf).toHaveCount(0);
  await expect(page.getByTestId('case-hearings')).toContainText('9 April 2030');
  expect(lastPatchKeys('hearings.update')).toEqual(['date', 'room']);

  await page.getByTestId('case-deadlines').getByRole('button', editButton).click();
  const df = page.getByTestId('deadline-form');
  await expect(df.getByLabel('Due on')).toHaveValue('10 May 2030');
  await df.getByLabel('Due on').fill('2030-06-01');
  await df.getByLabel('What is due').fill('Подать апелляционную жалобу');
  await screenshot(page, 'editing-deadline-form');
  await df.getByRole('button', { name: 'Save changes' }).click();
  await expect(df).toHaveCount(0);
  await expect(page.getByTestId('case-deadlines')).toContainText('1 June 2030');
  await expect(page.getByTestId('case-deadlines')).toContainText('Подать апелляционную жалобу');
  expect(lastPatchKeys('deadlines.update')).toEqual(['dueOn', 'what']);
  await screenshot(page, 'editing-agenda');

  // --- Proceeding: decided, with its outcome ---
  await openTab(page, 'Proceedings');
  await page.getByTestId('proceeding-chain').getByRole('button', editButton).click();
  const prf = page.getByTestId('proceeding-form');
  await expect(prf.getByLabel('Court or body')).toHaveValue('Bishkek city prosecutor');
  // A proceeding cannot follow from itself.
  await expect(prf.getByLabel('Follows from').locator('option')).toHaveCount(1);
  await prf.getByLabel('Status').selectOption('decided');
  await prf.getByLabel('Ended').fill('2024-04-10');
  await prf.getByLabel('Outcome').fill('Отказ в возбуждении уголовного дела');
  await prf.getByRole('button', { name: 'Save changes' }).click();
  await expect(prf).toHaveCount(0);
  await expect(page.getByTestId('proceeding-chain')).toContainText('Decided');
  expect(lastPatchKeys('proceedings.update')).toEqual(['endedOn', 'outcome', 'status']);
  await screenshot(page, 'editing-proceedings');

  // --- A record deleted while its form is open: the error shows, nothing else changes ---
  await openTab(page, 'Notes');
  await page.getByTestId('note').getByRole('button', editButton).click();
  const nof = page.getByTestId('note-form');
  await expect(nof.getByLabel('Title')).toHaveValue('Call with the family');
  cw().notes.delete(note.id);
  await nof.getByLabel('Text (Markdown)').fill('They brought the medical record.');
  await nof.getByRole('button', { name: 'Save changes' }).click();
  await expect(nof.getByRole('alert')).toContainText('This record no longer exists');
  await nof.getByRole('button', { name: 'Cancel' }).click();

  // --- The person's own page: the Latin spelling, added there ---
  await openTab(page, 'People');
  await page.getByTestId('people-table').getByRole('button', { name: 'Азамат Турсунов', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Азамат Турсунов' })).toBeVisible();
  await page.getByRole('button', { name: 'Edit person' }).click();
  const ppf = page.getByTestId('person-form');
  await expect(ppf.getByLabel('Contact 1')).toHaveValue('+996 555 123 456');
  // Editing from the person's page changes the person only: no case role to choose.
  await expect(ppf.getByLabel('Role in this case')).toHaveCount(0);
  await ppf.getByLabel('Name in Latin letters').fill('Azamat Tursunov');
  await ppf.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('person-contacts')).toContainText('+996 555 123 456');
  await expect(page.locator('dl.facts')).toContainText('Azamat Tursunov');
  expect(lastPatchKeys('persons.update')).toEqual(['nameTranslit']);
  await screenshot(page, 'editing-person-page');

  // --- After a reload, every change is still there ---
  await reopenCase(page, 'Турсунов против ОВД Первомайского района');
  await expect(page.getByTestId('overview-parties')).toContainText('Азамат Турсунов');
  await expect(page.getByTestId('overview-deadlines')).toContainText('1 June 2030');
  await expect(page.getByTestId('overview-next-hearing')).toContainText('9 April 2030');
  await expect(page.locator('.cw-overview')).toContainText('15 January 2025');
  await screenshot(page, 'editing-overview');
  await openTab(page, 'People');
  await expect(page.getByTestId('people-table')).toContainText('Азамат Турсунов');
  await screenshot(page, 'editing-people');
  await openTab(page, 'Timeline');
  await expect(page.getByTestId('timeline-event')).toContainText('summer 2014');
  await openTab(page, 'Hearings & deadlines');
  await expect(page.getByTestId('case-deadlines')).toContainText('Подать апелляционную жалобу');
  await openTab(page, 'Proceedings');
  await expect(page.getByTestId('proceeding-chain')).toContainText('Отказ в возбуждении уголовного дела');

  // --- The Activity tab says in words what each edit changed: which record (by its name now) and which fields,
  // never the values they had: the log keeps ids and field names, the names are read from the records ---
  await openTab(page, 'Activity');
  const activity = page.getByTestId('activity');
  const said: [string, string, string][] = [
    ['case.update', 'Case details changed', 'title, status, closed on'],
    ['person.update', 'Person’s details changed', 'name, contacts'],
    ['person.update', 'Person’s details changed', 'name in Latin letters'],
    ['event.update', 'Event changed', 'date'],
    ['hearing.update', 'Hearing changed', 'date, room'],
    ['deadline.update', 'Deadline changed', 'due date, what is due'],
    ['proceeding.update', 'Proceeding changed', 'status, outcome, end date'],
  ];
  for (const [action, phrase, fields] of said) {
    await expect(activity.locator(`[data-action="${action}"]`, { hasText: fields }).first()).toContainText(phrase);
  }
  await expect(activity.locator('[data-action="role.add"]')).toContainText('Person added to the case');
  // Entries sit under a heading for their day; no raw codes or field names are shown.
  await expect(activity.getByRole('heading').first()).toBeVisible();
  await expect(activity).not.toContainText('case.update');
  await expect(activity).not.toContainText('closedOn');
  await expect(activity.locator('[data-action="deadline.update"]')).toContainText('“2030-06-01 Подать апелляционную жалобу”');
  await expect(activity.locator('[data-action="person.update"]').first()).toContainText('“Азамат Турсунов”');
  await expect(activity).not.toContainText('File the appeal');
  await expect(activity).not.toContainText('Azamat Tursunov');
  await expect(activity).not.toContainText('2030-05-10');
  await screenshot(page, 'editing-activity');

  // --- In the Russian UI an approximate date opens as Russian text ("лето 2014") and saves back unchanged ---
  await page.locator('nav button[data-area="settings"]').click();
  await page.getByTestId('settings-language').getByRole('combobox').selectOption('ru');
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByTestId('case-list').getByText('Турсунов против ОВД Первомайского района').click();
  await openTab(page, 'Хронология');
  await page.getByTestId('timeline-event').getByRole('button', { name: /^Изменить/ }).click();
  const ruForm = page.getByTestId('event-form');
  await expect(ruForm.getByRole('heading')).toHaveText('Изменить событие');
  await expect(ruForm.getByLabel('Дата')).toHaveValue('лето 2014');
  await ruForm.getByLabel('Место').fill('Первомайский РОВД, Бишкек');
  await screenshot(page, 'editing-event-form-ru');
  await ruForm.getByRole('button', { name: 'Сохранить изменения' }).click();
  await expect(ruForm).toHaveCount(0);
  await expect(page.getByTestId('timeline-event')).toContainText('лето 2014');
  await expect(page.getByTestId('timeline-event')).toContainText('Первомайский РОВД, Бишкек');
  expect(lastPatchKeys('events.update')).toEqual(['place']);

  // --- The same trail in Russian ---
  await openTab(page, 'Журнал');
  const ruActivity = page.getByTestId('activity');
  await expect(ruActivity.locator('[data-action="event.update"]').first()).toContainText('Событие изменено');
  await expect(ruActivity.locator('[data-action="event.update"]').first()).toContainText('место');
  await expect(ruActivity.locator('[data-action="case.update"]')).toContainText('название, статус, дата закрытия');
  await expect(ruActivity).not.toContainText('Первомайский РОВД');
  await screenshot(page, 'editing-activity-ru');

  expect(pageErrors).toEqual([]);
});
