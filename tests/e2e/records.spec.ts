/**
 * Issue 14, records: every record can be removed and the removal undone (a toast with Undo); a proceeding
 * says what goes with it and comes back with all of it; a hearing is held, cancelled or adjourned to a new
 * date with its history kept; the activity log names the record an entry is about. In English and Russian.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startBridge } from '../bridge/server';
import { parseIcs } from '../helpers/ics-parse';
import { createVaultViaUi, expect, PASS, screenshot, test } from './fixtures';

async function openCase(page: Page, title: string) {
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByTestId('case-list').getByText(title).click();
  await expect(page.getByTestId('case-title')).toHaveText(title);
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

async function toRussian(page: Page) {
  await page.locator('nav button[data-area="settings"]').click();
  await page.getByTestId('settings-language').getByRole('combobox').selectOption('ru');
  await expect(page.locator('nav button[data-area="settings"]')).toHaveText('Настройки');
}

test('records (English): a note, a deadline and a proceeding with its hearing are removed and brought back with Undo; a hearing is adjourned with its history; the log names them', async ({
  app: page,
  bridge,
  pageErrors,
}) => {
  test.setTimeout(180_000);
  await createVaultViaUi(page);
  const cw = bridge.services.caseWork;
  const kase = cw.cases.create({ title: 'Tursunov v. Pervomaisky police' });
  const proc = cw.timeline.createProceeding({ caseId: kase.id, type: 'criminal_trial', body: 'Pervomaisky district court' });
  cw.agenda.createHearing({ caseId: kase.id, date: '2030-04-02', time: '10:00', purpose: 'Preliminary hearing', proceedingId: proc.id });
  cw.agenda.createDeadline({ caseId: kase.id, dueOn: '2030-05-01', what: 'File the appeal' });
  cw.notes.create({ caseId: kase.id, title: 'Call with the family', body: 'They will bring the medical record.' });
  await openCase(page, 'Tursunov v. Pervomaisky police');

  // A note: Remove, the toast offers Undo, Undo brings it back.
  await openTab(page, 'Notes');
  await page.getByTestId('note').getByRole('button', { name: /^Remove/ }).click();
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText('Note removed');
  await expect(page.getByTestId('note')).toHaveCount(0);
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('note')).toContainText('Call with the family');
  await expect(toast).toBeHidden();

  // A hearing adjourned to a new date: it moves, and the old date stays in its history with the reason.
  await openTab(page, 'Hearings & deadlines');
  const hearing = page.getByTestId('hearing');
  await hearing.getByRole('button', { name: 'Adjourn' }).click();
  const adjourn = page.getByTestId('adjourn-form');
  await adjourn.getByLabel('New date').fill('16.04.2030');
  await adjourn.getByLabel('Reason (optional)').fill('The prosecutor did not appear');
  await adjourn.getByRole('button', { name: 'Adjourn' }).click();
  await expect(adjourn).toBeHidden();
  await expect(hearing).toContainText('16 April 2030');
  await expect(hearing.getByTestId('hearing-history')).toHaveText('Adjourned from 2 April 2030 to 16 April 2030 — The prosecutor did not appear');
  await hearing.getByRole('button', { name: 'Held', exact: true }).click();
  await expect(hearing).toHaveAttribute('data-status', 'held');
  await expect(hearing.getByTestId('hearing-history')).toContainText('Marked held on 16 April 2030');
  await screenshot(page, 'records-hearing-history-en');

  // A deadline removed and undone.
  const deadlines = page.getByTestId('case-deadlines');
  await deadlines.getByRole('button', { name: /^Remove/ }).click();
  await expect(toast).toContainText('Deadline removed');
  await expect(deadlines).toContainText('No deadlines');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(deadlines).toContainText('File the appeal');

  // A proceeding with a hearing: the page says the hearing goes with it; Undo brings both back.
  await openTab(page, 'Proceedings');
  await page.getByRole('button', { name: /^Remove/ }).click();
  const confirm = page.getByTestId('removal-confirm');
  await expect(confirm).toContainText('This also removes 1 hearing linked to it');
  await confirm.getByRole('button', { name: 'Remove all' }).click();
  await expect(toast).toContainText('Proceeding removed');
  await expect(page.getByTestId('proceeding-chain')).toHaveCount(0);
  expect(cw.agenda.listHearings(kase.id)).toEqual([]);
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('proceeding-chain')).toContainText('Pervomaisky district court');
  await openTab(page, 'Hearings & deadlines');
  await expect(page.getByTestId('hearing')).toContainText('16 April 2030');
  await expect(page.getByTestId('hearing-history')).toContainText('Adjourned from 2 April 2030 to 16 April 2030');

  // The log says which record each entry is about, a removed one included.
  await openTab(page, 'Activity');
  const log = page.getByTestId('activity');
  await expect(log.locator('[data-action="note.delete"]')).toContainText('Note removed “Call with the family”');
  await expect(log.locator('[data-action="note.restore"]')).toContainText('Note restored “Call with the family”');
  await expect(log.locator('[data-action="hearing.adjourned"]')).toContainText('Hearing adjourned to a new date “2030-04-16 Preliminary hearing”');
  await expect(log.locator('[data-action="proceeding.restore"]')).toContainText('Pervomaisky district court');
  expect(pageErrors).toEqual([]);
});

test('records (Russian): an event and a hearing removed and undone, a hearing adjourned and cancelled, the log names them', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(180_000);
  await createVaultViaUi(page);
  await toRussian(page);
  const cw = bridge.services.caseWork;
  const kase = cw.cases.create({ title: 'Эркинбеков против Кара-Суйского РОВД' });
  cw.timeline.createEvent({ caseId: kase.id, date: { precision: 'day', date: '2024-03-12' }, type: 'arrest', description: 'Задержан у дома' });
  cw.agenda.createHearing({ caseId: kase.id, date: '2030-03-12', purpose: 'Допрос свидетеля Асанова' });
  await openCase(page, 'Эркинбеков против Кара-Суйского РОВД');

  await openTab(page, 'Хронология');
  await page.getByTestId('timeline-event').getByRole('button', { name: /^Удалить/ }).click();
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText('Событие удалено');
  await expect(page.getByTestId('timeline-event')).toHaveCount(0);
  await toast.getByRole('button', { name: 'Отменить' }).click();
  await expect(page.getByTestId('timeline-event')).toContainText('Задержан у дома');

  await openTab(page, 'Заседания и сроки');
  const hearing = page.getByTestId('hearing');
  await hearing.getByRole('button', { name: 'Отложить' }).click();
  const adjourn = page.getByTestId('adjourn-form');
  await adjourn.getByLabel('Новая дата').fill('2 апреля 2030');
  await adjourn.getByLabel('Причина (необязательно)').fill('неявка прокурора');
  await adjourn.getByRole('button', { name: 'Отложить' }).click();
  await expect(hearing).toContainText('2 апреля 2030');
  await expect(hearing.getByTestId('hearing-history')).toHaveText('Отложено с 12 марта 2030 на 2 апреля 2030 — неявка прокурора');
  await hearing.getByRole('button', { name: 'Отменить заседание' }).click();
  await expect(hearing).toHaveAttribute('data-status', 'cancelled');
  await expect(hearing).toContainText('Отменено');
  await screenshot(page, 'records-hearing-history-ru');

  await hearing.getByRole('button', { name: /^Удалить/ }).click();
  await expect(toast).toContainText('Заседание удалено');
  await expect(page.getByTestId('hearing')).toHaveCount(0);
  await toast.getByRole('button', { name: 'Отменить' }).click();
  await expect(page.getByTestId('hearing')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('hearing-history')).toContainText('Отложено с 12 марта 2030 на 2 апреля 2030');

  await openTab(page, 'Журнал');
  const log = page.getByTestId('activity');
  await expect(log.locator('[data-action="event.delete"]')).toContainText('Событие удалено «Задержан у дома»');
  await expect(log.locator('[data-action="hearing.cancelled"]')).toContainText('Заседание отменено');
  await expect(log.locator('[data-action="hearing.restore"]')).toContainText('Допрос свидетеля Асанова');
  expect(pageErrors).toEqual([]);
});

test('case list: "Changed" follows documents and bundles as they happen, in English and Russian', async ({ page }) => {
  test.setTimeout(120_000);
  // Midday in Bishkek, five days apart: the day shown is the same in any time zone the test runs in.
  const clock = { now: new Date('2026-03-10T06:00:00Z') };
  const bridge = await startBridge({ now: () => clock.now });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-changed-'));
  try {
    await page.goto(bridge.url);
    await createVaultViaUi(page);
    const kase = bridge.services.caseWork.cases.create({ title: 'Asanova v. Ministry of Health' });
    const row = page.getByTestId('case-list').getByRole('button', { name: /Asanova/ });
    await expect(row).toContainText('10 March 2026');

    clock.now = new Date('2026-03-15T06:00:00Z');
    fs.writeFileSync(path.join(dir, 'statement.txt'), 'Statement of the witness');
    await bridge.services.documents.import({ caseId: kase.id, paths: [path.join(dir, 'statement.txt')] });
    await expect(row).toContainText('15 March 2026');

    await toRussian(page);
    await page.locator('nav button[data-area="cases"]').click();
    clock.now = new Date('2026-03-20T06:00:00Z');
    bridge.services.bundles.saveDefinition({ caseId: kase.id, name: 'Апелляция', definition: bridge.services.bundles.defaults(kase.id) });
    await expect(page.getByTestId('case-list').getByRole('button', { name: /Asanova/ })).toContainText('20 марта 2026');
  } finally {
    await bridge.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The ISO day of the 15th of the month the calendar opens on (the current one). */
function fifteenth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-15`;
}

test('calendar: a hearing is added from a day of the month, with its case and proceeding picked, in English and Russian', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(120_000);
  await createVaultViaUi(page);
  const cw = bridge.services.caseWork;
  const kase = cw.cases.create({ title: 'Tursunov v. Pervomaisky police', internalRef: 'АП-77' });
  const proc = cw.timeline.createProceeding({ caseId: kase.id, type: 'criminal_trial', body: 'Pervomaisky district court' });
  cw.cases.create({ title: 'Another case' });

  await page.locator('nav button[data-area="calendar"]').click();
  await page.getByRole('button', { name: /^Add a hearing on 15 / }).click();
  const form = page.getByTestId('calendar-hearing-form');
  await expect(form.getByLabel('Date')).toHaveValue(/^15 /);
  // Saving without a case says so next to the picker.
  await form.getByRole('button', { name: 'Add hearing', exact: true }).click();
  await expect(form.getByText('Choose the case').last()).toBeVisible();
  await form.getByLabel('Case').selectOption({ label: 'Tursunov v. Pervomaisky police (АП-77)' });
  await form.getByLabel('Proceeding').selectOption({ label: 'Criminal trial · Pervomaisky district court' });
  await form.getByLabel('Time').fill('10:30');
  await form.getByLabel('Purpose').fill('Preliminary hearing');
  await form.getByRole('button', { name: 'Add hearing', exact: true }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('calendar-month').locator('.cw-cal-hearing')).toContainText('10:30 Tursunov v. Pervomaisky police');
  expect(cw.agenda.listHearings(kase.id)).toMatchObject([{ date: fifteenth(), time: '10:30', proceedingId: proc.id, purpose: 'Preliminary hearing' }]);
  // Called off: it stays on its day, marked cancelled.
  cw.agenda.setHearingStatus({ id: cw.agenda.listHearings(kase.id)[0]!.id, status: 'cancelled' });
  await expect(page.getByTestId('calendar-month').locator('.cw-cal-hearing')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('calendar-month').locator('.cw-cal-hearing')).toHaveAttribute('title', 'Tursunov v. Pervomaisky police — Cancelled');

  await toRussian(page);
  await page.locator('nav button[data-area="calendar"]').click();
  await page.getByRole('button', { name: 'Добавить заседание', exact: true }).click();
  const ru = page.getByTestId('calendar-hearing-form');
  await ru.getByLabel('Дата').fill(`16.${fifteenth().slice(5, 7)}.${fifteenth().slice(0, 4)}`);
  await ru.getByLabel('Дело').selectOption({ label: 'Another case' });
  await expect(ru.getByLabel('Производство')).toHaveCount(0);
  await ru.getByLabel('Цель').fill('Оглашение приговора');
  await ru.getByRole('button', { name: 'Добавить заседание' }).click();
  await expect(ru).toBeHidden();
  await expect(page.getByTestId('calendar-month').locator('.cw-cal-hearing')).toHaveCount(2);
  await screenshot(page, 'calendar-add-hearing-ru');
  expect(pageErrors).toEqual([]);
});

test('lock with unsaved text: a lock she asks for warns first (Go back keeps the text); an automatic lock discards it and the unlock screen says so — English and Russian', async ({
  app: page,
  bridge,
  pageErrors,
}) => {
  test.setTimeout(150_000);
  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Tursunov v. Pervomaisky police' });
  await openCase(page, 'Tursunov v. Pervomaisky police');
  await openTab(page, 'Notes');
  await page.getByRole('button', { name: 'Add a note' }).click();
  await page.getByTestId('note-form').getByLabel('Text (Markdown)').fill('The witness remembered the car number');

  // The Lock button asks first; Go back returns to the form with the text still there.
  await page.getByTestId('lock').click();
  const confirm = page.getByTestId('lock-confirm');
  await expect(confirm).toContainText('A form has text you have not saved');
  await confirm.getByRole('button', { name: 'Go back' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('note-form').getByLabel('Text (Markdown)')).toHaveValue('The witness remembered the car number');
  // Ctrl+Shift+L asks too; Lock anyway locks, and the unlock screen says the text went.
  await page.keyboard.press('Control+Shift+L');
  await confirm.getByRole('button', { name: 'Lock anyway' }).click();
  await expect(page.getByTestId('unlock')).toBeVisible();
  await expect(page.getByText('Unsaved text in an open form was discarded at lock')).toBeVisible();
  await page.getByLabel('Passphrase').fill(PASS);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByTestId('case-title')).toHaveText('Tursunov v. Pervomaisky police');
  expect(bridge.services.caseWork.notes.list(kase.id)).toEqual([]);

  // Nothing typed: the Lock button locks at once, and the unlock screen has nothing to confess.
  await page.getByTestId('lock').click();
  await expect(page.getByTestId('unlock')).toBeVisible();
  await expect(page.getByText('Unsaved text in an open form was discarded at lock')).toHaveCount(0);
  await page.getByLabel('Passphrase').fill(PASS);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByTestId('case-title')).toBeVisible();

  // In Russian, an idle lock (not asked for) discards the text by design and says so.
  await toRussian(page);
  await openCase(page, 'Tursunov v. Pervomaisky police');
  await openTab(page, 'Заметки');
  await page.getByRole('button', { name: 'Добавить заметку' }).click();
  await page.getByTestId('note-form').getByLabel('Текст (Markdown)').fill('Свидетель вспомнил номер машины');
  bridge.services.vault.lock('idle');
  await expect(page.getByTestId('unlock')).toBeVisible();
  await expect(page.getByText('Несохранённый текст в открытой форме был удалён при блокировке')).toBeVisible();
  await screenshot(page, 'unlock-discarded-ru');
  expect(pageErrors).toEqual([]);
});

test('settings: one section at a time from a list on the left, each fitting 1280×720; the backup reminder opens its section — English and Russian', async ({
  app: page,
  pageErrors,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await createVaultViaUi(page);
  await page.locator('nav button[data-area="settings"]').click();
  const sections = page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button');
  await expect(sections).toHaveText(['General and language', 'Security and lock', 'Passphrase and recovery key', 'Backup', 'Reminders', 'Erase the vault']);
  await expect(page.locator('[data-settings-section="general"]')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('settings-language')).toBeVisible();
  await expect(page.getByTestId('vault-info')).toBeVisible();
  await expect(page.getByTestId('settings-erase')).toHaveCount(0);

  // Each section is short enough for the window: the page is no longer one 3,000 px scroll.
  const heights: Record<string, number> = {};
  for (const s of ['general', 'security', 'keys', 'backup', 'reminders', 'erase']) {
    await page.locator(`[data-settings-section="${s}"]`).click();
    await expect(page.locator('.settings-body')).toHaveAttribute('data-section', s);
    heights[s] = await page.locator('main.page').evaluate((m) => m.scrollHeight);
  }
  console.log(`settings section heights at 1280×720: ${JSON.stringify(heights)}`);
  for (const [s, h] of Object.entries(heights)) expect([s, h <= 2 * 720]).toEqual([s, true]);
  await page.locator('[data-settings-section="security"]').click();
  await expect(page.getByTestId('locking-form')).toBeVisible();
  await expect(page.getByTestId('settings-level')).toBeVisible();
  await screenshot(page, 'settings-security-1280');

  // The reminder on every page links straight to the backup section.
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByTestId('backup-reminder').getByRole('button').click();
  await expect(page.locator('[data-settings-section="backup"]')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('settings-backup')).toBeVisible();

  await toRussian(page);
  await expect(page.getByRole('navigation', { name: 'Разделы настроек' }).getByRole('button')).toHaveText([
    'Общие и язык',
    'Безопасность и блокировка',
    'Парольная фраза и ключ восстановления',
    'Резервные копии',
    'Напоминания',
    'Уничтожение хранилища',
  ]);
  await page.locator('[data-settings-section="reminders"]').click();
  await expect(page.getByTestId('reminders-form')).toBeVisible();
  await screenshot(page, 'settings-reminders-ru-1280');
  expect(pageErrors).toEqual([]);
});

test('calendar: hearings and deadlines of the chosen cases go to an .ics file, without client names unless ticked — English and Russian', async ({
  app: page,
  bridge,
  pageErrors,
}) => {
  test.setTimeout(120_000);
  await createVaultViaUi(page);
  const cw = bridge.services.caseWork;
  const kase = cw.cases.create({ title: 'Tursunov v. Pervomaisky police', internalRef: 'АП-77' });
  const h = cw.agenda.createHearing({ caseId: kase.id, date: '2030-04-02', time: '10:00', body: 'Pervomaisky district court', purpose: 'Preliminary hearing' });
  cw.agenda.createDeadline({ caseId: kase.id, dueOn: '2030-05-01', what: 'File the appeal' });
  const other = cw.cases.create({ title: 'Asanova v. Ministry of Health' });
  cw.agenda.createHearing({ caseId: other.id, date: '2030-04-03' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-ics-'));
  try {

    await page.locator('nav button[data-area="calendar"]').click();
    await page.getByRole('button', { name: 'Export to a calendar (.ics)…' }).click();
    const panel = page.getByTestId('ics-export');
    await panel.getByLabel('Asanova v. Ministry of Health').uncheck();
    await expect(panel.getByTestId('ics-sample')).toContainText('«Hearing — case АП-77»');
    bridge.dialogs.saves.push(path.join(dir, 'hearings'));
    await panel.getByRole('button', { name: 'Save .ics file…' }).click();
    await expect(panel.getByTestId('ics-message')).toContainText('1 hearings, 1 deadlines');
    const text = fs.readFileSync(path.join(dir, 'hearings.ics'), 'utf8');
    const { events } = parseIcs(text);
    expect(events.map((e) => e['SUMMARY']!.value)).toEqual(['Hearing — case АП-77', 'Deadline — case АП-77']);
    expect(events[0]!['UID']!.value).toBe(`hearing-${h.id}@sakta`);
    expect(text).not.toContain('Tursunov');
    expect(text).not.toContain('Pervomaisky');
    expect(text).not.toContain('Asanova');

    await toRussian(page);
    await page.locator('nav button[data-area="calendar"]').click();
    await page.getByRole('button', { name: 'Выгрузить в календарь (.ics)…' }).click();
    const ru = page.getByTestId('ics-export');
    await ru.getByLabel('Невыполненные сроки').uncheck();
    await ru.getByLabel('Включить названия дел (имена клиентов)').check();
    await ru.getByLabel('Включить суд, зал, цель и что нужно сделать').check();
    bridge.dialogs.saves.push(path.join(dir, 'с-именами.ics'));
    await ru.getByRole('button', { name: 'Сохранить файл .ics…' }).click();
    await expect(ru.getByTestId('ics-message')).toContainText('заседаний — 2, сроков — 0');
    const named = parseIcs(fs.readFileSync(path.join(dir, 'с-именами.ics'), 'utf8')).events;
    expect(named.map((e) => e['SUMMARY']!.value).sort()).toEqual(['Заседание — Asanova v. Ministry of Health', 'Заседание — Tursunov v. Pervomaisky police: Preliminary hearing']);
    expect(named.find((e) => e['UID']!.value === `hearing-${h.id}@sakta`)!['LOCATION']!.value).toBe('Pervomaisky district court');
    await screenshot(page, 'calendar-ics-export-ru');
    expect(pageErrors).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
