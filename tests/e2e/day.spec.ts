/**
 * Issue 14, "a lawyer's day without friction": the broken things (a dated document's details saved a
 * second time; Ctrl+K → type → Enter after a sidebar click; the backdrop; the switcher finding
 * documents, court and proceeding numbers and notes) and one date input everywhere (20.02.2024,
 * март 2025, a calendar that still lets the lawyer type, hint and error apart, no mm/dd/yyyy), in
 * English and in Russian, with screenshots at 1280×720 and 2560×1440.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Bridge } from '../bridge/server';
import { createVaultViaUi, expect, screenshot, test } from './fixtures';

const SAMPLES = path.resolve('../shared/samples');
const PDF = path.join(SAMPLES, 'complaint-to-prosecutor-ru.pdf');
const CASE = 'Турсунов против ОВД Первомайского района';

/** A case with a court number, a proceeding with its own number, a note and an imported complaint. */
async function seed(bridge: Bridge) {
  const cw = bridge.services.caseWork;
  const kase = cw.cases.create({ title: CASE, courtNumbers: [{ number: 'АП-77/2024', body: 'Бишкекский городской суд' }] });
  cw.timeline.createProceeding({ caseId: kase.id, type: 'complaint_to_prosecutor', reference: 'УД-2-118/2025', body: 'Прокуратура Первомайского района' });
  cw.notes.create({ caseId: kase.id, title: 'Беседа с матерью', body: 'Мать назвала свидетеля: Нуржан, сосед по камере.' });
  const { documents } = await bridge.services.documents.import({ caseId: kase.id, paths: [PDF] });
  return { kase, doc: documents[0]! };
}

async function toRussian(page: Page) {
  await page.locator('nav button[data-area="settings"]').click();
  await page.getByTestId('settings-language').getByRole('combobox').selectOption('ru');
  await expect(page.locator('nav button[data-area="settings"]')).toHaveText('Настройки');
}

/** Ctrl+K right after a click in the sidebar (which leaves the focus on that button), type, Enter at once. */
async function quick(page: Page, area: string, text: string) {
  await page.locator(`nav button[data-area="${area}"]`).click();
  await expect(page.locator(`nav button[data-area="${area}"]`)).toBeFocused();
  await page.keyboard.press('Control+k');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function shots(page: Page, name: string) {
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 2560, height: 1440 });
  await screenshot(page, `${name}-2560`);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('quick switcher: Enter after a sidebar click opens documents, court and proceeding numbers and notes; the backdrop dims everything', async ({
  app: page,
  bridge,
  pageErrors,
}) => {
  test.setTimeout(240_000);
  await createVaultViaUi(page);
  const { doc } = await seed(bridge);

  // A document by its title, Enter pressed without waiting for the list.
  await quick(page, 'cases', 'complaint-to');
  await expect(page.getByTestId('document-page')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(doc.title);

  // A court number of the case: the row says which number matched.
  await page.locator('nav button[data-area="calendar"]').click();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('ап-77');
  const option = page.getByRole('option').first();
  await expect(option).toContainText(CASE);
  await expect(option).toContainText('АП-77/2024');
  // The backdrop covers the whole window, the sidebar included.
  const box = await page.getByTestId('quick-backdrop').boundingBox();
  expect(box).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
  await shots(page, 'day-quick-court-number');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-title')).toHaveText(CASE);

  // A proceeding's number opens its case on the Proceedings tab.
  await quick(page, 'dashboard', 'УД-2-118');
  await expect(page.getByRole('tab', { name: 'Proceedings' })).toHaveAttribute('aria-selected', 'true');

  // A word inside a note opens the case's notes.
  await quick(page, 'calendar', 'нуржан');
  await expect(page.getByRole('tab', { name: 'Notes' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('case-title')).toHaveText(CASE);

  // Nothing matches: Enter still answers, with a full search for the words.
  await quick(page, 'cases', 'голодовка');
  await expect(page.getByLabel('Search everything')).toHaveValue('голодовка');
  await expect(page.getByTestId('search-total')).toBeVisible();

  // Escape gives the focus back to where it was.
  await page.locator('nav button[data-area="cases"]').click();
  await page.keyboard.press('Control+k');
  await page.keyboard.press('Escape');
  await expect(page.locator('nav button[data-area="cases"]')).toBeFocused();
  expect(pageErrors).toEqual([]);
});

test('a dated document saves its details again and again; dates typed as a Kyrgyz lawyer types them', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(240_000);
  await createVaultViaUi(page);
  const { kase, doc } = await seed(bridge);

  await quick(page, 'cases', 'complaint-to');
  await expect(page.getByTestId('document-page')).toBeVisible();
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Document date').fill('20.02.2024');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('.document-facts')).toContainText('20 February 2024');
  // The second save: the form opens on the displayed date and accepts its own text.
  await page.getByRole('button', { name: 'Edit details' }).click();
  await expect(page.getByLabel('Document date')).toHaveValue('20 February 2024');
  await page.getByLabel('Title').fill('Жалоба прокурору о пытках');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByRole('heading', { name: 'Жалоба прокурору о пытках' })).toBeVisible();
  expect(bridge.services.documents.get(doc.id).date).toEqual({ precision: 'day', date: '2024-02-20' });
  // A third time, changing the date with a month name.
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Document date').fill('March 2025');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('.document-facts')).toContainText('March 2025');
  expect(bridge.services.documents.get(doc.id).date).toEqual({ precision: 'month', year: 2025, month: 3 });

  // Case form, hearing and timeline take 20.02.2024 and "March 2025"; hint and error sit apart.
  // To the case by its court number (the Back button is covered by documents.spec).
  await quick(page, 'cases', 'АП-77');
  await expect(page.getByTestId('case-title')).toHaveText(CASE);
  await page.getByRole('tab', { name: 'Hearings & deadlines' }).click();
  await page.getByRole('button', { name: 'Add a hearing' }).click();
  const hf = page.getByTestId('hearing-form');
  await hf.getByLabel('Date').fill('31.02.2026');
  await hf.getByRole('button', { name: 'Add hearing' }).click();
  const err = hf.locator('#hf-date-error');
  await expect(err).toHaveText(/Sakta cannot read this as a date/);
  const hint = hf.locator('.field').first().locator('.field-hint');
  await expect(hint).toHaveText('e.g. 20.02.2024 or 20 February 2024');
  // On separate lines: the error starts below the hint.
  const [hb, eb] = [await hint.boundingBox(), await err.boundingBox()];
  expect(eb!.y).toBeGreaterThanOrEqual(hb!.y + hb!.height - 1);
  await hf.getByLabel('Date').fill('March 2026');
  await hf.getByRole('button', { name: 'Add hearing' }).click();
  await expect(err).toHaveText('This needs a full date with the day, such as 20.02.2024.');
  await shots(page, 'day-hearing-errors');
  await hf.getByLabel('Date').fill('20.02.2026');
  await hf.getByLabel('Time').fill('10:30');
  await hf.getByRole('button', { name: 'Add hearing' }).click();
  await expect(hf).toHaveCount(0);
  await expect(page.getByTestId('case-hearings')).toContainText('20 February 2026');

  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByRole('button', { name: 'Add an event' }).click();
  const ef = page.getByTestId('event-form');
  await ef.getByLabel('Date').fill('March 2025');
  await ef.getByLabel('What happened').fill('Подана жалоба в прокуратуру');
  await ef.getByRole('button', { name: 'Add event' }).click();
  await expect(ef).toHaveCount(0);
  await expect(page.getByTestId('timeline-event')).toContainText('March 2025');
  expect(bridge.services.caseWork.timeline.listEvents({ caseId: kase.id }).map((e) => e.date)).toEqual([{ precision: 'month', year: 2025, month: 3 }]);

  // The calendar: pick a day with the mouse, then still type over it.
  await page.getByRole('tab', { name: 'Hearings & deadlines' }).click();
  await page.getByRole('button', { name: 'Add a deadline' }).click();
  const df = page.getByTestId('deadline-form');
  await df.getByLabel('Due on').fill('10.05.2030');
  await df.getByRole('button', { name: 'Choose from a calendar' }).click();
  const popup = page.getByTestId('date-popup');
  await expect(popup.getByText('May 2030')).toBeVisible();
  await shots(page, 'day-date-picker');
  await popup.getByRole('button', { name: '14 May 2030' }).click();
  await expect(popup).toHaveCount(0);
  await expect(df.getByLabel('Due on')).toHaveValue('14 May 2030');
  // Keyboard: open, move a week on, pick with Enter.
  await df.getByRole('button', { name: 'Choose from a calendar' }).click();
  await expect(popup.getByRole('button', { name: '14 May 2030' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(df.getByLabel('Due on')).toHaveValue('21 May 2030');
  await df.getByLabel('What is due').fill('Апелляционная жалоба');
  await df.getByRole('button', { name: 'Add deadline' }).click();
  await expect(df).toHaveCount(0);
  await expect(page.getByTestId('case-deadlines')).toContainText('21 May 2030');

  // No native mm/dd/yyyy input anywhere the lawyer filters or builds a cover.
  await page.getByRole('tab', { name: 'Court bundle' }).click();
  await expect(page.getByTestId('bundle-builder')).toBeVisible();
  await expect(page.locator('input[type="date"]')).toHaveCount(0);
  await page.getByLabel('Date', { exact: true }).fill('01.03.2026');
  await expect(page.locator('#bundle-cover-date-error')).toHaveCount(0);
  await page.locator('nav button[data-area="search"]').click();
  await expect(page.locator('input[type="date"]')).toHaveCount(0);
  await page.getByLabel('Search everything').fill('жалоба');
  await page.getByLabel('Dated from').fill('2025');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await expect(page.getByTestId('search-total')).toBeVisible();
  await page.getByLabel('Dated from').fill('2025-99');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await expect(page.locator('#search-from-error')).toContainText('Sakta cannot read this as a date');
  await shots(page, 'day-search-filters');
  expect(pageErrors).toEqual([]);
});

test('in Russian: 20.02.24 and «март 2025» are read, errors and hints are Russian, the switcher and the calendar speak Russian', async ({
  app: page,
  bridge,
  pageErrors,
}) => {
  test.setTimeout(240_000);
  await createVaultViaUi(page);
  const { doc } = await seed(bridge);
  await toRussian(page);

  await quick(page, 'cases', 'complaint-to');
  await expect(page.getByTestId('document-page')).toBeVisible();
  await page.getByRole('button', { name: 'Изменить сведения' }).click();
  await page.getByLabel('Дата документа').fill('20.02.24');
  await page.getByRole('button', { name: 'Сохранить сведения' }).click();
  await expect(page.locator('.document-facts')).toContainText('20 февраля 2024');
  await page.getByRole('button', { name: 'Изменить сведения' }).click();
  await expect(page.getByLabel('Дата документа')).toHaveValue('20 февраля 2024');
  await page.getByLabel('Дата документа').fill('32.01.2024');
  await page.getByRole('button', { name: 'Сохранить сведения' }).click();
  await expect(page.locator('#doc-date-error')).toHaveText(/Sakta не может прочитать эту дату/);
  await page.getByLabel('Дата документа').fill('20 февраля 2024');
  await page.getByLabel('Название').fill('Жалоба прокурору');
  await page.getByRole('button', { name: 'Сохранить сведения' }).click();
  await expect(page.getByRole('heading', { name: 'Жалоба прокурору' })).toBeVisible();
  expect(bridge.services.documents.get(doc.id).date).toEqual({ precision: 'day', date: '2024-02-20' });

  // The switcher: Russian labels, a court number, Enter after a sidebar click.
  await page.locator('nav button[data-area="dashboard"]').click();
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('combobox', { name: 'Перейти к делу, лицу, документу, номеру или заметке' })).toBeFocused();
  await page.keyboard.type('беседа');
  await expect(page.getByRole('option').first()).toContainText('Заметка');
  await shots(page, 'day-quick-ru');
  await page.keyboard.press('Escape');
  await quick(page, 'cases', 'АП-77');
  await expect(page.getByTestId('case-title')).toHaveText(CASE);

  // Timeline in Russian: «март 2025», an error in Russian below its hint.
  await page.getByRole('tab', { name: 'Хронология' }).click();
  await page.getByRole('button', { name: 'Добавить событие' }).click();
  const ef = page.getByTestId('event-form');
  await ef.getByLabel('Дата').fill('мартобря 2025');
  await ef.getByLabel('Что произошло').fill('Подана жалоба');
  await ef.getByRole('button', { name: 'Добавить событие' }).click();
  await expect(ef.locator('#ev-date-error')).toHaveText(/Sakta не может прочитать эту дату/);
  await expect(ef.locator('.field').first().locator('.field-hint')).toHaveText('например 20.02.2024, март 2025, лето 2014 или 2014');
  await ef.getByLabel('Время').fill('25:00');
  await ef.getByRole('button', { name: 'Добавить событие' }).click();
  await expect(ef.locator('#ev-time-error')).toHaveText('Введите время в 24-часовом формате, например 14:30.');
  await shots(page, 'day-event-errors-ru');
  await ef.getByLabel('Время').fill('');
  await ef.getByLabel('Дата').fill('март 2025');
  await ef.getByRole('button', { name: 'Добавить событие' }).click();
  await expect(ef).toHaveCount(0);
  await expect(page.getByTestId('timeline-event')).toContainText('март 2025');

  // The calendar in Russian, picking a day writes it the Russian way.
  await page.getByRole('tab', { name: 'Заседания и сроки' }).click();
  await page.getByRole('button', { name: 'Добавить заседание' }).click();
  const hf = page.getByTestId('hearing-form');
  await hf.getByLabel('Дата').fill('03.2026');
  await hf.getByRole('button', { name: 'Выбрать в календаре' }).click();
  const popup = page.getByTestId('date-popup');
  await expect(popup.locator('.date-popup-month')).toHaveText('март 2026');
  await expect(popup.getByRole('columnheader').first()).toHaveText(/пн/i);
  await popup.getByRole('button', { name: '20 марта 2026' }).click();
  await expect(hf.getByLabel('Дата')).toHaveValue('20 марта 2026');
  // Form limits speak Russian too.
  await hf.getByLabel('Зал').fill('1'.repeat(101));
  await hf.getByRole('button', { name: 'Добавить заседание' }).click();
  await expect(hf.locator('#hf-room-error')).toHaveText('Не больше 100 знаков');
  await hf.getByLabel('Зал').fill('12');
  await shots(page, 'day-hearing-ru');
  await hf.getByRole('button', { name: 'Добавить заседание' }).click();
  await expect(hf).toHaveCount(0);
  await expect(page.getByTestId('case-hearings')).toContainText('20 марта 2026');
  expect(pageErrors).toEqual([]);
});

test('the passphrase meter rates Russian and Kyrgyz words, names, years and keyboard walks weak, in English and Russian', async ({ app: page }) => {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  const field = page.getByLabel('Passphrase', { exact: true });
  const meter = page.getByTestId('strength');
  for (const weak of ['пароль123', 'йцукен12345', 'Бишкек2024', 'Азамат1985!']) {
    await field.fill(weak);
    await expect(meter, weak).toHaveAttribute('data-score', /[012]/);
  }
  await page.getByLabel('Language').selectOption('ru');
  await expect(page.getByRole('heading', { name: 'Создание хранилища' })).toBeVisible();
  const ru = page.getByLabel('Парольная фраза', { exact: true });
  await ru.fill('Нурлан1990');
  await expect(meter).toHaveAttribute('data-score', /[012]/);
  await ru.fill('тихая река под горой Сулайман в апреле');
  await expect(meter).toHaveAttribute('data-score', /[34]/);
});
