import type { Page } from '@playwright/test';
import { createVaultViaUi, expect, screenshot, test } from './fixtures';

const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

test('case work: a torture case from first form to dashboard, timeline and search', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(120_000);
  await createVaultViaUi(page);
  const cw = () => bridge.services.caseWork;

  // --- New case: bad input shows beside its field and saves nothing ---
  await page.getByRole('button', { name: 'New case' }).click();
  const form = page.getByTestId('new-case-form');
  await form.getByRole('button', { name: 'Create case' }).click();
  await expect(form.getByText('Enter a title')).toBeVisible();
  await expect(form.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Title').fill('Пытки в ИВС');
  await form.getByLabel('Opened on').fill('2024-02-30');
  await form.getByRole('button', { name: 'Create case' }).click();
  await expect(form.getByText('Sakta cannot read this as a date')).toBeVisible();
  expect(cw().cases.list({}).total).toBe(0);

  await form.getByLabel('Opened on').fill('2024-02-20');
  await form.getByLabel('Internal reference').fill('ADV-2024-017');
  await form.getByRole('button', { name: 'Add a number' }).click();
  await form.getByLabel('Number 1').fill('УД-1-245/2024');
  await form.getByLabel('Court or body 1').fill('Первомайский районный суд г. Бишкек');
  await form.getByRole('button', { name: 'Add a number' }).click();
  await form.getByLabel('Number 2').fill('АП-77/2024');
  await form.getByLabel('Court or body 2').fill('Бишкекский городской суд');
  await form.getByLabel('Category').selectOption({ label: 'Torture' });
  await form.getByLabel('Current stage').fill('Апелляция');
  await form.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByTestId('case-title')).toHaveText('Пытки в ИВС');
  const [theCase] = cw().cases.list({}).items;
  expect(theCase?.courtNumbers.map((n) => n.number)).toEqual(['УД-1-245/2024', 'АП-77/2024']);
  const caseId = theCase!.id;

  // --- People: the client, who died, and his father who acts for him afterwards (both through the form) ---
  await openTab(page, 'People');
  await page.getByRole('button', { name: 'Add a person' }).click();
  let pf = page.getByTestId('person-form');
  await pf.getByLabel('Name', { exact: true }).fill('Азамат Турсунов');
  await pf.getByLabel('Died').fill('2025-03');
  await pf.getByLabel('Role in this case').selectOption('client');
  await pf.getByRole('button', { name: 'Add to case' }).click();
  await expect(page.getByTestId('people-table')).toContainText('Азамат Турсунов');

  await page.getByRole('button', { name: 'Add a person' }).click();
  pf = page.getByTestId('person-form');
  // A malformed partial date is caught at its field and nothing is created.
  await pf.getByLabel('Name', { exact: true }).fill('Бакыт Турсунов');
  await pf.getByLabel('Born').fill('31.02.1960');
  await pf.getByRole('button', { name: 'Add to case' }).click();
  await expect(pf.getByText('Sakta cannot read this as a date')).toBeVisible();
  expect(cw().persons.list({}).total).toBe(1);
  await pf.getByLabel('Born').fill('1960');
  await pf.getByLabel('Role in this case').selectOption('family_representative');
  await pf.getByLabel('Acts for').selectOption({ label: 'Азамат Турсунов' });
  await pf.getByLabel('Since').fill('2025-04-01');
  await pf.getByRole('button', { name: 'Add to case' }).click();
  await expect(page.getByTestId('people-table')).toContainText('represents Азамат Турсунов');

  // A perpetrator with rank and unit, and how sure the identification is.
  await page.getByRole('button', { name: 'Add a person' }).click();
  pf = page.getByTestId('person-form');
  await pf.getByLabel('Name', { exact: true }).fill('Ст. лейтенант «Марат»');
  await pf.getByLabel('Role in this case').selectOption('alleged_perpetrator');
  await pf.getByLabel('Rank and unit').fill('ст. лейтенант, ИВС ГУВД г. Бишкек');
  await pf.getByLabel('Identification').selectOption('described');
  await pf.getByRole('button', { name: 'Add to case' }).click();
  await expect(page.getByTestId('people-table')).toContainText('Described only');

  // --- Proceedings: a chain of three (records made through the services to keep the test short) ---
  const complaint = cw().timeline.createProceeding({ caseId, type: 'complaint_to_prosecutor', body: 'Прокуратура г. Бишкек', status: 'decided', startedOn: '2024-02-21', endedOn: '2024-04-10', outcome: 'Отказ в возбуждении дела' });
  const appeal = cw().timeline.createProceeding({ caseId, type: 'appeal_of_refusal', body: 'Первомайский районный суд', status: 'decided', startedOn: '2024-04-20', endedOn: '2024-09-01', parentId: complaint.id });
  cw().timeline.createProceeding({ caseId, type: 'appeal', body: 'Бишкекский городской суд', status: 'active', startedOn: '2024-10-01', parentId: appeal.id });
  await openTab(page, 'Proceedings');
  const chain = page.getByTestId('proceeding-chain');
  await expect(chain).toHaveCount(1);
  await expect(chain.locator('li')).toHaveText([/Complaint to the prosecutor/, /Appeal of refusal/, /^Appeal/]);

  // --- Timeline: exact day through the form; a month and a season through the services ---
  const people = cw().persons.list({}).items;
  const azamat = people.find((p) => p.name === 'Азамат Турсунов')!;
  cw().timeline.createEvent({ caseId, type: 'arrest', date: { precision: 'season', year: 2023, season: 'summer' }, place: 'Бишкек', personIds: [azamat.id] });
  cw().timeline.createEvent({ caseId, type: 'detention', date: { precision: 'month', year: 2023, month: 9 }, place: 'ИВС ГУВД' });
  await openTab(page, 'Timeline');
  await page.getByRole('button', { name: 'Add an event' }).click();
  const ef = page.getByTestId('event-form');
  await ef.getByLabel('Date').fill('2023-13-45');
  await ef.getByRole('button', { name: 'Add event' }).click();
  await expect(ef.getByText('Sakta cannot read this as a date')).toBeVisible();
  await ef.getByLabel('Date').fill('2023-10-02');
  await ef.getByLabel('Type').selectOption('medical_examination');
  await ef.getByLabel('Place').fill('Бюро СМЭ');
  await ef.getByLabel('Азамат Турсунов').check();
  await ef.getByLabel('What happened').fill('Судебно-медицинская экспертиза № 318: множественные гематомы.');
  await ef.getByRole('button', { name: 'Add event' }).click();
  const events = page.getByTestId('timeline-event');
  await expect(events).toHaveCount(3);
  await expect(events.nth(0)).toContainText('summer 2023');
  await expect(events.nth(0)).toContainText('approximate');
  await expect(events.nth(1)).toContainText('September 2023');
  await expect(events.nth(1)).toContainText('approximate');
  await expect(events.nth(2)).toContainText('2 October 2023');
  await expect(events.nth(2)).not.toContainText('approximate');
  await expect(page.locator('.cw-strip-band')).toHaveCount(3);
  await screenshot(page, 'casework-timeline');
  // Filtering by person keeps only the events naming him.
  await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Азамат Турсунов' });
  await expect(events).toHaveCount(2);
  await page.getByLabel('Event type').selectOption('arrest');
  await expect(events).toHaveCount(1);

  // --- Hearing next week and an overdue deadline, both through the forms ---
  await openTab(page, 'Hearings & deadlines');
  await page.getByRole('button', { name: 'Add a hearing' }).click();
  const hf = page.getByTestId('hearing-form');
  await hf.getByLabel('Date').fill(day(7));
  await hf.getByLabel('Time').fill('10:30');
  await hf.getByLabel('Court').fill('Бишкекский городской суд');
  await hf.getByLabel('Purpose').fill('Рассмотрение апелляционной жалобы');
  await hf.getByRole('button', { name: 'Add hearing' }).click();
  await expect(page.getByTestId('case-hearings')).toContainText('Рассмотрение апелляционной жалобы');

  await page.getByRole('button', { name: 'Add a deadline' }).click();
  const df = page.getByTestId('deadline-form');
  await df.getByLabel('Due on').fill(day(-3));
  await df.getByRole('button', { name: 'Add deadline' }).click();
  await expect(df.getByText('Say what is due')).toBeVisible();
  expect(cw().agenda.listDeadlines(caseId)).toHaveLength(0);
  await df.getByLabel('What is due').fill('Подать дополнение к апелляционной жалобе');
  await df.getByRole('button', { name: 'Add deadline' }).click();
  await expect(page.getByTestId('case-deadlines')).toContainText('Overdue');

  // --- Overview: who acts for the client who died, both numbers, what is next ---
  await openTab(page, 'Overview');
  const parties = page.getByTestId('overview-parties');
  await expect(parties).toContainText('Азамат Турсунов');
  await expect(parties).toContainText('died March 2025');
  await expect(parties.getByTestId('represented-by')).toContainText('Represented by Бакыт Турсунов');
  await expect(page.getByTestId('court-numbers')).toContainText('УД-1-245/2024');
  await expect(page.getByTestId('court-numbers')).toContainText('АП-77/2024');
  await expect(page.getByTestId('overview-next-hearing')).toContainText('Рассмотрение апелляционной жалобы');
  await expect(page.getByTestId('overview-deadlines')).toContainText('Подать дополнение');
  await screenshot(page, 'casework-overview');

  // --- Dashboard: the hearing and the overdue deadline ---
  await page.locator('nav').getByRole('button', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('dash-overdue')).toContainText('Подать дополнение к апелляционной жалобе');
  await expect(page.getByTestId('dash-overdue')).toContainText('3 days overdue');
  await expect(page.getByTestId('dash-hearings')).toContainText('Пытки в ИВС');
  await expect(page.getByTestId('dash-hearings')).toContainText('10:30');
  await screenshot(page, 'casework-dashboard');

  // --- Search: lower-case Cyrillic finds the case, and only it ---
  cw().cases.create({ title: 'Дело о клевете — Садыкова', courtNumbers: [{ number: 'ГД-12/2023' }] });
  await page.locator('nav').getByRole('button', { name: 'Cases' }).click();
  await expect(page.getByTestId('cases-count')).toHaveText('2 cases');
  await page.getByLabel('Search cases').fill('пытки');
  await expect(page.getByTestId('cases-count')).toHaveText('1 case');
  await expect(page.getByTestId('case-list')).toContainText('Пытки в ИВС');
  await expect(page.getByTestId('case-list')).not.toContainText('Садыкова');
  await page.getByLabel('Search cases').fill('ап-77');
  await expect(page.getByTestId('cases-count')).toHaveText('1 case');

  // --- Calendar: the hearing in its month, in the month grid and the agenda list ---
  await page.locator('nav').getByRole('button', { name: 'Calendar' }).click();
  if (day(7).slice(0, 7) !== day(0).slice(0, 7)) await page.getByRole('button', { name: 'Next month' }).click();
  await expect(page.getByTestId('calendar-month')).toContainText('Пытки в ИВС');
  await screenshot(page, 'casework-calendar');
  await page.getByRole('button', { name: 'Agenda', exact: true }).click();
  await expect(page.getByTestId('calendar-agenda')).toContainText('10:30 Пытки в ИВС');

  // --- Quick switcher: Ctrl+K finds a person by name ---
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Go to a case, person, document, number or note' }).fill('бакыт');
  await expect(page.getByRole('option')).toContainText(['Бакыт Турсунов']);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Бакыт Турсунов' })).toBeVisible();

  expect(pageErrors).toEqual([]);
});

test('hostile text in a case title, a person name and a note renders as text and runs nothing', async ({ app: page, bridge, pageErrors }) => {
  await createVaultViaUi(page);
  const img = '<img src=x onerror="window.__xss=1">';
  const script = '<script>window.__xss=1</script>';
  // Typed into the forms, as a hostile document's text might be pasted.
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByTestId('new-case-form').getByLabel('Title').fill(`${img} ${script}`);
  await page.getByTestId('new-case-form').getByLabel('Summary').fill(script);
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByTestId('case-title')).toHaveText(`${img} ${script}`);
  await page.getByRole('tab', { name: 'People' }).click();
  await page.getByRole('button', { name: 'Add a person' }).click();
  await page.getByTestId('person-form').getByLabel('Name', { exact: true }).fill(img);
  await page.getByRole('button', { name: 'Add to case' }).click();
  await expect(page.getByTestId('people-table')).toContainText(img);
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByTestId('overview-parties')).toContainText(img);
  expect(bridge.services.caseWork.cases.list({}).items[0]?.title).toBe(`${img} ${script}`);

  await page.getByRole('tab', { name: 'Notes' }).click();
  await page.getByRole('button', { name: 'Add a note' }).click();
  await page.getByLabel('Title').fill(script);
  await page.getByLabel('Text (Markdown)').fill(`${img}\n\n${script}\n\n[click me](javascript:window.__xss=1) ![pic](http://example.invalid/x.png)\n\n**bold**`);
  await page.getByRole('button', { name: 'Save note' }).click();
  const note = page.getByTestId('note');
  await expect(note).toContainText('click me');
  await expect(note.getByRole('heading')).toHaveText(script);
  await expect(note.locator('strong')).toHaveText('bold');
  // Raw HTML is dropped, links are inert and images are never fetched.
  await expect(note.locator('img, script, a, iframe')).toHaveCount(0);

  await page.locator('nav').getByRole('button', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('dash-recent')).toContainText(img);
  await page.locator('nav').getByRole('button', { name: 'Cases' }).click();
  await expect(page.getByTestId('case-list')).toContainText(img);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await page.locator('img').count()).toBe(0);
  expect(pageErrors).toEqual([]);
});

test('the case list stays a short DOM with 5,000 cases and reaches the last one by scrolling', async ({ app: page, bridge }) => {
  test.setTimeout(120_000);
  await createVaultViaUi(page);
  const cases = bridge.services.caseWork.cases;
  for (let i = 1; i <= 5000; i++) cases.create({ title: `Дело № ${String(i).padStart(4, '0')}`, internalRef: `R-${i}` });
  // A new query is a fresh request: the list loads with all 5,000.
  await page.getByLabel('Sort by').selectOption('title');
  await expect(page.getByTestId('cases-count')).toHaveText('5000 cases');
  const rows = page.getByTestId('case-list').locator('li');
  expect(await rows.count()).toBeLessThan(60);
  await page.getByTestId('case-list').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('case-list')).toContainText('Дело № 5000');
  expect(await rows.count()).toBeLessThan(60);
  await page.getByLabel('Search cases').fill('№ 4321');
  await expect(page.getByTestId('cases-count')).toHaveText('1 case');
  await expect(page.getByTestId('case-list')).toContainText('Дело № 4321');
});

test('a long activity trail is shown a page at a time, back to the start of the case, nothing cut off silently', async ({ app: page, bridge, pageErrors }) => {
  await createVaultViaUi(page);
  const { cases, notes } = bridge.services.caseWork;
  const kase = cases.create({ title: 'Долгое дело' });
  for (let i = 1; i <= 230; i++) notes.create({ caseId: kase.id, title: `Заметка ${i}`, body: 'text' });
  await page.reload();
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByText('Долгое дело').first().click();
  await page.getByRole('tab', { name: 'Activity' }).click();
  const entries = page.getByTestId('activity-entry');
  await expect(entries).toHaveCount(200);
  await expect(page.getByText("The start of the case's history.")).toHaveCount(0);
  await page.getByRole('button', { name: 'Show 200 older entries' }).click();
  // 230 notes and the case's creation: every entry once, the oldest last.
  await expect(entries).toHaveCount(231);
  await expect(entries.last()).toHaveAttribute('data-action', 'case.create');
  await expect(page.getByText("The start of the case's history.")).toBeVisible();
  await expect(page.getByRole('button', { name: /older entries/ })).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
