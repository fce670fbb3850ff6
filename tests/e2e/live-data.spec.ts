/**
 * Issue 11: screens that cannot go stale. Each test first shows a screen (so its answer is cached), changes
 * the data on another screen, and comes back: the change is there at once, without a reload or a lock,
 * because the main process's data.changed event reloaded the queries it affects.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { localDay } from '../../electron/services/cases/context';
import { createVaultViaUi, expect, test } from './fixtures';

async function openCase(page: Page, title: string): Promise<void> {
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByTestId('case-list').getByText(title).click();
  await expect(page.getByTestId('case-title')).toHaveText(title);
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

function textFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-live-'));
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

test('document details saved: the case’s document list shows them at once', async ({ app: page, bridge, pageErrors }) => {
  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Tursunov v. Pervomaisky police' });
  await bridge.services.documents.import({ caseId: kase.id, paths: [textFile('medical_report.txt', 'Bruises on both wrists.')] });

  await openCase(page, 'Tursunov v. Pervomaisky police');
  await openTab(page, 'Documents');
  const rows = page.getByTestId('document-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('medical report');

  await rows.first().getByRole('button', { name: 'Open medical report' }).click();
  await page.getByRole('button', { name: 'Edit details' }).click();
  const form = page.getByTestId('document-form');
  await form.getByLabel('Title').fill('Forensic medical report, 18 July');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);

  await page.getByRole('button', { name: /Back to the case/ }).click();
  await expect(page.getByTestId('documents-tab')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Forensic medical report, 18 July');
  await expect(rows.first().getByRole('button', { name: 'Open Forensic medical report, 18 July' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open medical report', exact: true })).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('a document trashed: gone from the bundle builder', async ({ app: page, bridge, pageErrors }) => {
  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Эркинбеков v. Kara-Suu police' });
  await bridge.services.documents.import({
    caseId: kase.id,
    paths: [textFile('complaint.txt', 'Complaint to the prosecutor.'), textFile('witness_statement.txt', 'Statement of the neighbour.')],
  });

  await openCase(page, 'Эркинбеков v. Kara-Suu police');
  await openTab(page, 'Court bundle');
  const builder = page.locator('.bundle-columns');
  await expect(builder).toContainText('witness statement');
  await expect(builder).toContainText('complaint');

  await openTab(page, 'Documents');
  const row = page.getByTestId('document-row').filter({ hasText: 'witness statement' });
  await row.getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByTestId('document-row')).toHaveCount(1);

  await openTab(page, 'Court bundle');
  await expect(builder).toContainText('complaint');
  await expect(builder).not.toContainText('witness statement');
  expect(pageErrors).toEqual([]);
});

test('a deadline marked done on the dashboard: done on the case’s agenda and in the calendar', async ({ app: page, bridge, pageErrors }) => {
  await createVaultViaUi(page);
  const w = bridge.services.caseWork;
  const kase = w.cases.create({ title: 'Asanov v. Osh city court' });
  // Today: on the dashboard's "due soon" list and in the calendar's current month whatever the date.
  w.agenda.createDeadline({ caseId: kase.id, dueOn: localDay(new Date()), what: 'Lodge the appeal' });

  // Both screens are seen first, so their answers are cached before the change.
  await openCase(page, 'Asanov v. Osh city court');
  await openTab(page, 'Hearings & deadlines');
  const deadline = page.getByTestId('case-deadlines').locator('li', { hasText: 'Lodge the appeal' });
  await expect(deadline.getByRole('checkbox')).not.toBeChecked();
  await page.locator('nav button[data-area="calendar"]').click();
  const inCalendar = page.getByTestId('calendar-month').getByRole('button', { name: /Lodge the appeal/ });
  await expect(inCalendar).toBeVisible();
  await expect(inCalendar).not.toHaveClass(/is-done/);

  await page.locator('nav button[data-area="dashboard"]').click();
  const onDashboard = page.getByTestId('dash-due').locator('li', { hasText: 'Lodge the appeal' });
  await onDashboard.getByRole('button', { name: 'Mark done' }).click();
  await expect(page.getByTestId('dash-due')).not.toContainText('Lodge the appeal');

  await openCase(page, 'Asanov v. Osh city court');
  await openTab(page, 'Hearings & deadlines');
  await expect(deadline.getByRole('checkbox')).toBeChecked();
  await expect(deadline).toHaveClass(/is-done/);
  await page.locator('nav button[data-area="calendar"]').click();
  await expect(inCalendar).toHaveClass(/is-done/);
  expect(w.agenda.listDeadlines(kase.id)[0]!.done).toBe(true);
  expect(pageErrors).toEqual([]);
});
