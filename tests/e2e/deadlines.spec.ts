import path from 'node:path';
import type { Page } from '@playwright/test';
import { createVaultViaUi, expect, PASS, screenshot, test } from './fixtures';
import type { Bridge } from '../bridge/server';

/**
 * Proposals, not surprises: recording a refusal proposes the appeal deadline with its article; accepting it
 * puts it on the dashboard with its citation; correcting the event's date recounts it with a notice; an event
 * no rule starts from proposes nothing. Once in English, once in Russian (with an unverified UN rule).
 */
const S = {
  en: {
    cases: 'Cases',
    timeline: 'Timeline',
    agenda: 'Hearings & deadlines',
    addEvent: 'Add an event',
    saveEvent: 'Add event',
    date: 'Date',
    type: 'Type',
    what: 'What happened',
    save: 'Save changes',
    accept: 'Accept',
    accepted: 'Added to the case’s deadlines',
    words: '10 days from receipt: 13.03 → 22.03; 22.03 is a Sunday → 23.03',
    verified: 'verified',
    unverified: 'unverified',
    overdue: 'Overdue deadlines',
    notice: /Recounted because the event’s date changed: it was/,
    whichAct: 'What was it?',
  },
  ru: {
    cases: 'Дела',
    timeline: 'Хронология',
    agenda: 'Заседания и сроки',
    addEvent: 'Добавить событие',
    saveEvent: 'Добавить событие',
    date: 'Дата',
    type: 'Вид',
    what: 'Что произошло',
    save: 'Сохранить изменения',
    accept: 'Принять',
    accepted: 'Добавлен в сроки дела',
    words: '10 дней с момента получения: 13.03 → 22.03; 22.03 — воскресенье → 23.03',
    verified: 'проверено',
    unverified: 'не проверено',
    overdue: 'Пропущенные сроки',
    notice: /Пересчитан, потому что изменилась дата события: было/,
    whichAct: 'Что это было?',
  },
} as const;
type Lang = keyof typeof S;

async function openCase(page: Page, bridge: Bridge, lang: Lang, title: string) {
  bridge.services.caseWork.cases.create({ title, openedOn: '2026-03-01' });
  await page.locator('nav button[data-area="cases"]').click();
  await expect(page.getByRole('heading', { name: S[lang].cases })).toBeVisible();
  await page.reload(); // the case was made behind the page's back
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByTestId('case-list').getByText(title).click();
  await expect(page.getByTestId('case-title')).toHaveText(title);
}

async function tab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

/** Records an event through the form; resolves once the page has asked for its proposals. */
async function addEvent(page: Page, lang: Lang, ev: { date: string; type: string; what?: string }) {
  const s = S[lang];
  await page.getByRole('button', { name: s.addEvent }).click();
  const form = page.getByTestId('event-form');
  await form.getByLabel(s.date, { exact: true }).fill(ev.date);
  await form.getByLabel(s.type).selectOption(ev.type);
  if (ev.what) await form.getByLabel(s.what).fill(ev.what);
  const proposed = page.waitForResponse((r) => r.url().endsWith('/ipc/rules.propose'));
  await form.getByRole('button', { name: s.saveEvent }).click();
  await expect(form).toBeHidden();
  await proposed;
}

async function flow(page: Page, bridge: Bridge, lang: Lang) {
  const s = S[lang];
  await openCase(page, bridge, lang, lang === 'en' ? 'Tursunov v. Pervomaisky police' : 'Турсунов против РОВД');
  await tab(page, s.timeline);

  // An event no rule starts from: saved, its proposals asked for, and nothing shown.
  await addEvent(page, lang, { date: '2026-03-10', type: 'medical_examination' });
  await expect(page.getByTestId('timeline-event')).toHaveCount(1);
  await expect(page.getByTestId('deadline-proposals')).toHaveCount(0);

  // The refusal: the appeal deadline, its count in words, its article, verified.
  await addEvent(page, lang, { date: '2026-03-12', type: 'decision', what: 'Постановление об отказе в возбуждении уголовного дела' });
  const panel = page.getByTestId('deadline-proposals');
  await expect(panel).toBeVisible();
  const card = panel.getByTestId('deadline-proposal');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('proposal-words')).toHaveText(s.words);
  await expect(card.getByTestId('rule-citation')).toContainText('154(3)');
  await expect(card.getByTestId('rule-citation')).toContainText(s.verified);
  await expect(card.getByTestId('rule-unverified')).toHaveCount(0);
  await screenshot(page, `deadlines-proposal-${lang}`);
  await card.getByRole('button', { name: s.accept, exact: true }).click();
  await expect(card.getByRole('status')).toHaveText(s.accepted);
  const caseId = bridge.services.caseWork.cases.list({}).items[0]!.id;
  const [deadline] = bridge.services.caseWork.agenda.listDeadlines(caseId);
  expect(deadline).toMatchObject({ dueOn: '2026-03-23' });
  expect(bridge.services.rules.links(caseId)).toEqual([expect.objectContaining({ ruleId: 'kg-upk.154-3', deadlineId: deadline!.id })]);

  // On the dashboard (it is past due by now), with its citation.
  await page.locator('nav button[data-area="dashboard"]').click();
  const overdue = page.getByTestId('dash-overdue');
  await expect(overdue.getByRole('heading', { name: s.overdue })).toBeVisible();
  await expect(overdue).toContainText(deadline!.what);
  await expect(overdue.getByTestId('rule-citation')).toContainText('154(3)');

  // The refusal's date was wrong: correcting it recounts the deadline, and the case says so.
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByTestId('case-list').getByText(lang === 'en' ? 'Tursunov v. Pervomaisky police' : 'Турсунов против РОВД').click();
  await tab(page, s.timeline);
  const refusal = page.getByTestId('timeline-event').filter({ hasText: 'Постановление об отказе' });
  await refusal.getByRole('button', { name: lang === 'en' ? /^Edit\s/ : /^Изменить\s/ }).click();
  const form = page.getByTestId('event-form');
  await form.getByLabel(s.date, { exact: true }).fill('2026-03-16');
  await form.getByRole('button', { name: s.save }).click();
  await expect(form).toBeHidden();
  await tab(page, s.agenda);
  const deadlines = page.getByTestId('case-deadlines');
  await expect(deadlines.getByTestId('deadline-notice')).toContainText(s.notice);
  await expect(deadlines.getByTestId('rule-citation')).toContainText('154(3)');
  expect(bridge.services.caseWork.agenda.getDeadline(deadline!.id).dueOn).toBe('2026-03-26');
  await screenshot(page, `deadlines-recounted-${lang}`);
}

test('deadline proposals in English: refusal → appeal deadline, dashboard, recount with a notice; no rule, no proposal', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await createVaultViaUi(page);
  await flow(page, bridge, 'en');
  expect(pageErrors).toEqual([]);
});

test('deadline proposals in Russian, and an unverified UN rule marked as such', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByLabel('Language').selectOption('ru');
  await page.getByLabel('Парольная фраза', { exact: true }).fill(PASS);
  await page.getByLabel('Повторите парольную фразу').fill(PASS);
  await page.getByRole('button', { name: 'Создать хранилище' }).click();
  await page.getByLabel('Я записал(а) ключ восстановления и надёжно его храню').check();
  await page.getByRole('button', { name: 'Перейти в Sakta' }).click();
  await flow(page, bridge, 'ru');

  // A final domestic decision: the lawyer says what it was, and the UN rule shows it is not verified.
  await page.getByRole('tab', { name: S.ru.timeline }).click();
  await addEvent(page, 'ru', { date: '2026-04-01', type: 'decision', what: 'Решение Верховного суда' });
  const panel = page.getByTestId('deadline-proposals');
  await panel.getByLabel(S.ru.whichAct).selectOption('domestic_remedies_exhausted');
  const card = panel.getByTestId('deadline-proposal');
  await expect(card.getByTestId('rule-unverified')).toHaveText(S.ru.unverified);
  await expect(card.getByTestId('proposal-words')).toHaveText('5 лет с момента получения: 02.04.2026 → 01.04.2031 (календарные дни: на рабочий день не переносится)');
  // Received later than the decision's date: the lawyer types the day of receipt and the count follows it.
  await panel.getByLabel('Дата получения').fill('05.04.2026');
  await expect(card.getByTestId('proposal-words')).toHaveText('5 лет с момента получения: 06.04.2026 → 05.04.2031 (календарные дни: на рабочий день не переносится)');
  expect(pageErrors).toEqual([]);
});

test('a refusal received as a document: put on the timeline from its page, its appeal deadline proposed there', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Tursunov v. Pervomaisky police' });
  const { documents } = await bridge.services.documents.import({ caseId: kase.id, paths: [path.resolve('../shared/samples/complaint-to-prosecutor-ru.pdf')] });
  // The lawyer has filed it as the prosecutor's refusal, received on 12.03.2026.
  bridge.services.documents.update(documents[0]!.id, { type: 'decision', title: 'Постановление об отказе', date: { precision: 'day', date: '2026-03-12' } });
  await page.reload();
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByTestId('case-list').getByText('Tursunov v. Pervomaisky police').click();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('button', { name: /^Open Постановление об отказе/ }).click();
  const box = page.getByTestId('document-deadlines');
  await expect(box).toContainText('Put this document on the case timeline');
  await box.getByRole('button', { name: 'Put on the timeline and propose deadlines' }).click();

  const panel = page.getByTestId('deadline-proposals');
  await panel.getByLabel('What was it?').selectOption('refusal_to_open_case');
  const card = panel.getByTestId('deadline-proposal');
  await expect(card.getByTestId('rule-citation')).toContainText('154(3)');
  await expect(card.getByTestId('proposal-due')).toContainText('2026');
  await screenshot(page, 'deadlines-from-document-en');
  await card.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(card.getByRole('status')).toBeVisible();

  // One event, dated as the document and linked to it; one deadline, set by the rule.
  const [event] = bridge.services.caseWork.timeline.listEvents({ caseId: kase.id });
  expect(event).toMatchObject({ type: 'decision', date: { precision: 'day', date: '2026-03-12' }, description: 'Постановление об отказе' });
  expect(bridge.services.documents.get(documents[0]!.id).links).toEqual([{ type: 'event', id: event!.id }]);
  expect(bridge.services.rules.links(kase.id)).toEqual([expect.objectContaining({ ruleId: 'kg-upk.154-3' })]);
  expect(pageErrors).toEqual([]);
});

