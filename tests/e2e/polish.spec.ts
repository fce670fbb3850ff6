/**
 * Issue 14's remaining layout and language items, in Russian at 1280×720, each checked as a lawyer would
 * notice it: where things sit on screen (bounding boxes) and what language the words are in.
 */
import type { Page } from '@playwright/test';
import type { Bridge } from '../bridge/server';
import { expect, PASS, screenshot, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 }, locale: 'ru-RU' });

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A case whose chain of proceedings is too long for one row at 1280 px, and a hearing with its court, room and purpose. */
async function seed(bridge: Bridge) {
  await bridge.services.vault.create(PASS);
  await bridge.services.settings.update({ language: 'ru' });
  const w = bridge.services.caseWork;
  const kase = w.cases.create({ title: 'Турсунов против Первомайского РОВД', openedOn: '2020-02-20' });
  const types = ['complaint_to_prosecutor', 'appeal_of_refusal', 'appeal_of_refusal', 'appeal_of_refusal', 'un_treaty_body', 'un_treaty_body'] as const;
  let parentId: string | undefined;
  types.forEach((type, i) => {
    // The last one starts a few days before the end: a short band at the strip's right edge, with a long Russian name.
    const startedOn = i === types.length - 1 ? '2024-02-25' : `${2020 + i}-03-01`;
    const p = w.timeline.createProceeding({ caseId: kase.id, type, body: `Инстанция ${i + 1}`, startedOn, ...(parentId ? { parentId } : {}), status: 'decided', endedOn: i === types.length - 1 ? '2024-03-01' : `${2020 + i}-09-01` });
    parentId = p.id;
  });
  w.timeline.createEvent({ caseId: kase.id, date: { precision: 'day', date: '2024-03-01' }, type: 'arrest', description: 'Задержан у дома.' });
  w.agenda.createHearing({ caseId: kase.id, date: inDays(1), time: '10:00', body: 'Первомайский районный суд', room: '4', purpose: 'Рассмотрение жалобы' });
  await bridge.services.vault.lock('user');
  return kase;
}

async function unlock(page: Page, bridge: Bridge) {
  await page.goto(bridge.url);
  await page.locator('input[type="password"]').first().fill(PASS);
  await page.keyboard.press('Enter');
  await expect(page.locator('main.page[data-area="dashboard"]')).toBeVisible();
}

async function openCase(page: Page, title: string) {
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByTestId('case-list').getByText(title).click();
  await expect(page.getByTestId('case-title')).toHaveText(title);
}

test('proceedings chain: after the wrap each arrow sits on the row of the box it points to, inside the chain', async ({ page, bridge }) => {
  const kase = await seed(bridge);
  await unlock(page, bridge);
  await openCase(page, kase.title);
  await page.locator('#case-tab-proceedings').click();
  const chain = page.getByTestId('proceeding-chain');
  await expect(chain.locator(':scope > li')).toHaveCount(6);
  await screenshot(page, 'polish-ru-proceedings');
  const chainBox = (await chain.boundingBox())!;
  const links = await chain.locator(':scope > li').evaluateAll((lis) =>
    lis.map((li) => {
      const box = li.getBoundingClientRect();
      const arrow = getComputedStyle(li, '::before');
      // The arrow's line is drawn from the box's left edge backwards by its width, at half the box's height.
      const left = box.left + parseFloat(arrow.left);
      return { top: box.top, bottom: box.bottom, left: box.left, arrowLeft: arrow.content === 'none' ? null : left, arrowY: box.top + box.height / 2 };
    }),
  );
  // The chain does wrap at this width, or the test would prove nothing.
  expect(new Set(links.map((l) => Math.round(l.top))).size).toBeGreaterThan(1);
  links.slice(1).forEach((l) => {
    expect(l.arrowLeft).not.toBeNull();
    expect(l.arrowLeft!).toBeGreaterThanOrEqual(chainBox.x - 1);
    expect(l.arrowY).toBeGreaterThan(l.top);
    expect(l.arrowY).toBeLessThan(l.bottom);
  });
});

test('timeline strip: every band label stays inside the strip, and one drawn inside its band stays inside the band', async ({ page, bridge }) => {
  const kase = await seed(bridge);
  await unlock(page, bridge);
  await openCase(page, kase.title);
  await page.locator('#case-tab-timeline').click();
  const strip = page.locator('.cw-strip-svg');
  await expect(strip).toBeVisible();
  await screenshot(page, 'polish-ru-timeline');
  const stripBox = (await strip.boundingBox())!;
  const labels = await page.locator('.cw-strip-band-label').evaluateAll((ts) =>
    ts.map((t) => {
      const r = t.getBoundingClientRect();
      const band = t.parentElement!.querySelector('rect.cw-strip-band')!.getBoundingClientRect();
      // What is painted: the text cut by its clip path.
      const clip = document.getElementById((t.getAttribute('clip-path') ?? '').slice(5, -1))?.querySelector('rect')?.getBoundingClientRect();
      const left = Math.max(r.left, clip?.left ?? -Infinity);
      const right = Math.min(r.right, clip?.right ?? Infinity);
      return { text: t.textContent, left, right, place: t.getAttribute('data-place'), band: { left: band.left, right: band.right }, hasTitle: !!t.parentElement!.querySelector('title')?.textContent };
    }),
  );
  expect(labels).toHaveLength(6);
  for (const l of labels) {
    expect(l.left, l.text!).toBeGreaterThanOrEqual(stripBox.x - 1);
    expect(l.right, l.text!).toBeLessThanOrEqual(stripBox.x + stripBox.width + 1);
    if (l.place === 'inside') {
      expect(l.left, l.text!).toBeGreaterThanOrEqual(l.band.left - 1);
      expect(l.right, l.text!).toBeLessThanOrEqual(l.band.right + 1);
    }
    expect(l.hasTitle).toBe(true);
  }
  // The short band at the right edge has no room inside: its name goes before it, not past the strip.
  expect(labels[5]!.place).toBe('before');
});

test('calendar list shows the court, room and purpose; the dashboard leaves out a cancelled hearing', async ({ page, bridge }) => {
  const kase = await seed(bridge);
  await unlock(page, bridge);
  await expect(page.locator('main.page')).toContainText('Первомайский районный суд');
  await page.locator('nav button[data-area="calendar"]').click();
  // The hearing is tomorrow: possibly next month's page.
  if (inDays(1).slice(5, 7) !== new Date().toISOString().slice(5, 7)) await page.getByRole('button', { name: 'Следующий месяц' }).click();
  await page.getByRole('group').getByRole('button', { name: 'Список' }).click();
  const detail = page.getByTestId('calendar-agenda').getByTestId('calendar-hearing-detail');
  await expect(detail).toContainText('Первомайский районный суд');
  await expect(detail).toContainText('Зал: 4');
  await expect(detail).toContainText('Рассмотрение жалобы');
  await screenshot(page, 'polish-ru-calendar-list');

  const hearing = bridge.services.caseWork.agenda.listHearings(kase.id)[0]!;
  bridge.services.caseWork.agenda.setHearingStatus({ id: hearing.id, status: 'cancelled' });
  await expect(page.getByTestId('calendar-agenda')).toContainText('Отменено');
  await page.locator('nav button[data-area="dashboard"]').click();
  await expect(page.locator('main.page[data-area="dashboard"]')).toBeVisible();
  await expect(page.locator('main.page')).not.toContainText('Первомайский районный суд');
});

test('search boxes are as tall as the selects beside them (cases list and search page)', async ({ page, bridge }) => {
  await seed(bridge);
  await unlock(page, bridge);
  await page.locator('nav button[data-area="cases"]').click();
  const caseSearch = (await page.locator('#cases-search').boundingBox())!;
  const status = (await page.locator('#cases-status').boundingBox())!;
  expect(Math.round(caseSearch.height)).toBe(Math.round(status.height));
  expect(Math.round(caseSearch.y)).toBe(Math.round(status.y));
  await page.locator('nav button[data-area="search"]').click();
  const query = (await page.locator('#search-query').boundingBox())!;
  const select = (await page.locator('#search-case').boundingBox())!;
  expect(Math.round(query.height)).toBe(Math.round(select.height));
  // The four filters stay on one row at 1280 px: "to" was pushed onto a row of its own.
  const to = (await page.locator('#search-to').boundingBox())!;
  expect(Math.round(to.y)).toBe(Math.round(select.y));
});

test('in Russian, form limits and the time hint are Russian (case form, hearing form)', async ({ page, bridge }) => {
  const kase = await seed(bridge);
  await unlock(page, bridge);
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByRole('button', { name: 'Новое дело' }).click();
  await page.locator('#case-title').fill('Д'.repeat(301));
  await page.getByRole('button', { name: 'Создать дело' }).click();
  await expect(page.locator('#case-title-error')).toHaveText('Не больше 300 знаков');
  await page.getByRole('button', { name: 'Отмена' }).click();

  await openCase(page, kase.title);
  await page.locator('#case-tab-agenda').click();
  await page.getByRole('button', { name: 'Добавить заседание' }).first().click();
  await page.locator('#hf-body').fill('С'.repeat(300));
  await page.locator('#hf-time').fill('25:99');
  await page.locator('#hf-date').fill('20.02.2025');
  await page.locator('form').getByRole('button', { name: 'Добавить заседание' }).click();
  await expect(page.locator('#hf-body-error')).toHaveText('Не больше 200 знаков');
  await expect(page.locator('#hf-time-error')).not.toContainText(/[A-Za-z]/);
  const hint = page.locator('#hf-time').locator('xpath=following-sibling::span[contains(@class,"field-hint")]');
  await expect(hint).toContainText('24-часовой формат');
  await expect(page.locator('form')).not.toContainText(/\b(HH|MM|At most|Enter)\b/);
  await screenshot(page, 'polish-ru-hearing-form');
});
