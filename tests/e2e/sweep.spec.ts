/**
 * Every screen, in English and Russian, at 1280×720 and 2560×1440 (issue 14's layout and language checks):
 * - layout: no element is wider than its box unless the box scrolls or ends in an ellipsis on purpose, and no
 *   element sticks out of its parent;
 * - language: in Russian, no English word is left on screen outside a short allowlist (product names, formats);
 * - a screenshot of each screen goes to test-results/screens/sweep-<lang>-<size>-<screen>.png, to be looked at.
 * The vault is filled through the services with Russian data only, so any Latin word on a Russian screen is ours.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Bridge } from '../bridge/server';
import { expect, PASS, screenshot, test } from './fixtures';
import { findEnglish, findOverflow, type Overflow } from './sweep-checks';

const SAMPLES = path.resolve('../shared/samples');
const SIZES = [
  { name: '1280x720', width: 1280, height: 720, scale: 1 },
  { name: '2560x1440', width: 2560, height: 1440, scale: 1.5 },
] as const;
type Lang = 'en' | 'ru';

/** A case as a lawyer in Osh would have it a year in: people, proceedings, events, hearings, deadlines, documents, a note, a bundle. */
async function seed(bridge: Bridge): Promise<{ caseId: string; title: string }> {
  const w = bridge.services.caseWork;
  const title = 'Турсунов против Первомайского РОВД';
  const kase = w.cases.create({
    title,
    internalRef: 'ОФ-2024-017',
    courtNumbers: [{ number: 'АП-77/24', body: 'Ошский областной суд' }],
    openedOn: '2024-02-20',
    summary: 'Задержан 14 февраля 2024 года, избит в здании районного отдела милиции.',
    tags: ['пытки', 'срочно'],
  });
  const client = w.persons.create({ name: 'Азамат Турсунов', nameTranslit: 'Azamat Tursunov', birth: { precision: 'year', year: 1985 } });
  const mother = w.persons.create({ name: 'Гульнара Турсунова' });
  const officer = w.persons.create({ name: 'Капитан Исаков' });
  w.persons.addRole({ caseId: kase.id, personId: client.id, role: 'client' });
  w.persons.addRole({ caseId: kase.id, personId: mother.id, role: 'family_representative', representsPersonId: client.id });
  w.persons.addRole({ caseId: kase.id, personId: officer.id, role: 'alleged_perpetrator', rankUnit: 'Первомайский РОВД', identification: 'named' });
  const complaint = w.timeline.createProceeding({ caseId: kase.id, type: 'complaint_to_prosecutor', body: 'Прокуратура Первомайского района', reference: 'ЖП-12', startedOn: '2024-02-22' });
  w.timeline.createProceeding({ caseId: kase.id, type: 'appeal_of_refusal', body: 'Первомайский районный суд', reference: 'АП-77/24', parentId: complaint.id, startedOn: '2024-03-20' });
  w.timeline.createEvent({ caseId: kase.id, date: { precision: 'day', date: '2024-02-14' }, type: 'arrest', place: 'Ош, ул. Ленина', description: 'Задержан у дома без объяснения причин.', personIds: [client.id, officer.id] });
  w.timeline.createEvent({ caseId: kase.id, date: { precision: 'day', date: '2024-02-15' }, type: 'medical_examination', description: 'Судебно-медицинская экспертиза: кровоподтёки на запястьях.' });
  const today = new Date();
  const inDays = (n: number) => new Date(today.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  w.agenda.createHearing({ caseId: kase.id, date: inDays(3), time: '10:00', body: 'Первомайский районный суд', room: 'Зал 4', purpose: 'Рассмотрение жалобы на отказ в возбуждении дела' });
  w.agenda.createDeadline({ caseId: kase.id, dueOn: inDays(2), what: 'Подать апелляционную жалобу', rule: 'УПК КР ст. 435: 10 дней' });
  w.notes.create({ caseId: kase.id, title: 'Встреча с матерью', body: '## Итоги\n\n**Важно:** свидетель готов дать показания.' });
  w.cases.create({ title: 'Асанов против Ошского ГУВД', openedOn: '2023-05-02', status: 'closed' });

  // Russian file names: the original name is shown on the document page.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-sweep-'));
  const files = [
    ['complaint-to-prosecutor-ru.pdf', 'жалоба-прокурору.pdf'],
    ['injury-photo-1.png', 'фото-травм.png'],
  ].map(([from, to]) => {
    const dest = path.join(work, to!);
    fs.copyFileSync(path.join(SAMPLES, from!), dest);
    return dest;
  });
  const { documents } = await bridge.services.documents.import({ caseId: kase.id, paths: files });
  bridge.services.documents.update(documents[0]!.id, { type: 'complaint', title: 'Жалоба прокурору', date: { precision: 'day', date: '2024-02-22' }, language: 'ru' });
  bridge.services.documents.update(documents[1]!.id, { type: 'injury-photo', title: 'Фото травм' });
  fs.rmSync(work, { recursive: true, force: true });
  return { caseId: kase.id, title };
}

interface Finding {
  screen: string;
  overflow: Overflow[];
  english: string[];
}

async function check(page: Page, lang: Lang, size: string, screen: string, findings: Finding[]): Promise<void> {
  // Let fonts, live queries and transitions settle before measuring.
  await page.evaluate(async () => { await document.fonts.ready; });
  await page.waitForTimeout(300);
  await screenshot(page, `sweep-${lang}-${size}-${screen}`);
  const overflow = await page.evaluate(findOverflow);
  const english = lang === 'ru' ? await page.evaluate(findEnglish) : [];
  if (overflow.length || english.length) findings.push({ screen, overflow, english });
}

async function nav(page: Page, area: string): Promise<void> {
  await page.locator(`nav button[data-area="${area}"]`).click();
  await expect(page.locator(`main.page[data-area="${area}"]`)).toBeVisible();
}

for (const lang of ['en', 'ru'] as const) {
  for (const size of SIZES) {
    test.describe(`${lang} ${size.name}`, () => {
      // A Russian lawyer's computer speaks Russian: before unlock, the app follows the system's language.
      test.use({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.scale, locale: lang === 'ru' ? 'ru-RU' : 'en-US' });
      test(`every screen in ${lang} at ${size.name}: nothing wider than its box${lang === 'ru' ? ', no English left' : ''}`, async ({ page, bridge }) => {
        test.setTimeout(240_000);
        const findings: Finding[] = [];
        await page.goto(bridge.url);
        await check(page, lang, size.name, 'create', findings);
        await bridge.services.vault.create(PASS);
        await bridge.services.settings.update({ language: lang });
        const { caseId, title } = await seed(bridge);
        void caseId;
        await bridge.services.vault.lock('user');
        await page.reload();
        await expect(page.locator('input[type="password"]').first()).toBeVisible();
        await check(page, lang, size.name, 'unlock', findings);
        await page.locator('input[type="password"]').first().fill(PASS);
        await page.keyboard.press('Enter');
        await expect(page.locator('main.page[data-area="dashboard"]')).toBeVisible();
        await check(page, lang, size.name, 'dashboard', findings);
        // The never-backed-up reminder is on every page: one slim line, not a block that pushes the work down.
        const reminder = (await page.getByTestId('backup-reminder').boundingBox())!;
        expect(reminder.height).toBeLessThan(44);

        await nav(page, 'cases');
        await expect(page.getByTestId('case-list')).toContainText(title);
        await check(page, lang, size.name, 'cases', findings);
        await page.getByTestId('case-list').getByText(title).click();
        await expect(page.getByTestId('case-title')).toHaveText(title);
        // The case's tabs stay one row, all of them in view, in both languages (Russian names are longer).
        const tabsBox = (await page.getByRole('tablist').boundingBox())!;
        const lastTab = (await page.locator('#case-tab-activity').boundingBox())!;
        const firstTab = (await page.locator('#case-tab-overview').boundingBox())!;
        expect(lastTab.y).toBe(firstTab.y);
        expect(lastTab.x + lastTab.width).toBeLessThanOrEqual(tabsBox.x + tabsBox.width + 1);
        for (const tab of ['overview', 'people', 'proceedings', 'timeline', 'agenda', 'documents', 'bundles', 'notes', 'activity']) {
          await page.locator(`#case-tab-${tab}`).click();
          await expect(page.locator(`#case-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
          await check(page, lang, size.name, `case-${tab}`, findings);
          if (tab === 'people') {
            // Names start at the left of their cell, as the rest of the table does (they were centred).
            const cell = (await page.locator('#case-tabpanel tbody tr').first().locator('th, td').first().boundingBox())!;
            const name = (await page.locator('#case-tabpanel tbody').getByRole('button', { name: 'Азамат Турсунов' }).first().boundingBox())!;
            expect(name.x - cell.x).toBeLessThan(20);
          }
        }

        // The case's Sharing, opened from its header.
        await page.getByTestId('case-sharing-button').click();
        await expect(page.getByTestId('case-sharing')).toBeVisible();
        await check(page, lang, size.name, 'case-sharing', findings);

        // A document's page, with its viewer.
        await page.locator('#case-tab-documents').click();
        await page.locator('#case-tabpanel').getByText('Жалоба прокурору').first().click();
        await expect(page.locator('main.page[data-area="document"]')).toBeVisible();
        await check(page, lang, size.name, 'document', findings);

        // A person's page.
        await nav(page, 'cases');
        await page.getByTestId('case-list').getByText(title).click();
        await page.locator('#case-tab-people').click();
        await page.locator('#case-tabpanel').getByText('Азамат Турсунов').first().click();
        await expect(page.locator('main.page[data-area="person"]')).toBeVisible();
        await check(page, lang, size.name, 'person', findings);

        await nav(page, 'calendar');
        // A month-grid entry shows more than its first few letters: it wraps onto a second line.
        const chip = page.getByTestId('calendar-month').getByRole('button', { name: /Подать апелляционную жалобу/ });
        const lineHeight = await chip.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
        expect((await chip.boundingBox())!.height).toBeGreaterThan(1.8 * lineHeight);
        await check(page, lang, size.name, 'calendar', findings);
        await nav(page, 'search');
        await page.locator('main.page input[type="search"], main.page input').first().fill('жалоба');
        await page.keyboard.press('Enter');
        await page.waitForTimeout(500);
        await check(page, lang, size.name, 'search', findings);
        await nav(page, 'travel-safety');
        await check(page, lang, size.name, 'travel-safety', findings);
        await nav(page, 'settings');
        await check(page, lang, size.name, 'settings', findings);
        await nav(page, 'team');
        await check(page, lang, size.name, 'team', findings);
        await page.getByTestId('team-setup').click();
        await expect(page.getByTestId('team-device-id')).toBeVisible();
        await check(page, lang, size.name, 'team-set-up', findings);
        await page.getByTestId('team-open-conflicts').click();
        await expect(page.locator('main.page[data-area="conflicts"]')).toBeVisible();
        await check(page, lang, size.name, 'conflicts', findings);

        await page.keyboard.press('Control+k');
        await page.keyboard.type('АП-77');
        await page.waitForTimeout(300);
        await check(page, lang, size.name, 'quick-switch', findings);
        await page.keyboard.press('Escape');

        // One list of everything found, so a failure reads as a to-do list.
        expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
      });
    });
  }
}
