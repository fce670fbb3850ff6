/**
 * Issue 5 "Done when": a court bundle of the sample documents built through the builder, then read back
 * with the tools a court clerk would use (poppler's pdfinfo/pdftotext, qpdf).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { outline, pageCount, pageTexts, run, stampOf } from '../integration/bundle-pdf-tools';
import type { Page } from '@playwright/test';
import { createVaultViaUi, expect, screenshot, test } from './fixtures';
import { SAMPLES } from '../helpers/samples';


/** Index rows as printed: title → page reference (the last column of the row). */
function indexRefs(indexText: string, titles: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of indexText.split('\n')) for (const t of titles) if (line.includes(t)) out.set(t, line.trim().split(/\s{2,}/).pop()!);
  return out;
}

/** The way a lawyer gets there: Cases → the case → its "Court bundle" tab. */
async function openBundleTab(page: Page, caseTitle: string): Promise<void> {
  await page.getByRole('button', { name: 'Cases', exact: true }).click();
  // The list was loaded before the test set the case up behind the page's back; a search loads it afresh.
  await page.getByRole('searchbox', { name: 'Search cases' }).fill(caseTitle.split(' ')[0]!);
  await page.getByRole('button', { name: caseTitle }).click();
  await expect(page.getByTestId('case-title')).toHaveText(caseTitle);
  await page.getByRole('tab', { name: 'Court bundle' }).click();
}

test('a bundle of the sample documents built in the builder has a true index, bookmarks, stamps and Russian text', async ({ app: page, bridge, pageErrors }) => {
  await createVaultViaUi(page);

  // Setup through the services: a case holding the four sample documents, typed and dated.
  const kase = bridge.services.caseWork.cases.create({ title: 'Эркинбеков v. Kyrgyzstan', courtNumbers: [{ number: '318/2024', body: 'Osh City Court' }] });
  const files = ['complaint-to-prosecutor-ru.pdf', 'forensic-report-318-en.pdf', 'injury-photo-1.png', 'hrw-letter-2017-12-20.txt'];
  const { documents } = await bridge.services.documents.import({ caseId: kase.id, paths: files.map((f) => path.join(SAMPLES, f)) });
  const id = (name: string) => documents.find((d) => d.originalName === name)!.id;
  bridge.services.documents.update(id(files[0]!), { type: 'complaint', title: 'Жалоба прокурору', date: { precision: 'day', date: '2010-07-12' } });
  bridge.services.documents.update(id(files[1]!), { type: 'forensic-report', title: 'Forensic report No. 318', date: { precision: 'month', year: 2010, month: 8 } });
  bridge.services.documents.update(id(files[2]!), { type: 'injury-photo', title: 'Photo of injuries', date: { precision: 'day', date: '2010-06-16' } });
  bridge.services.documents.update(id(files[3]!), { type: 'correspondence', title: 'HRW letter', date: { precision: 'day', date: '2017-12-20' } });

  await openBundleTab(page, 'Эркинбеков v. Kyrgyzstan');
  const builder = page.getByTestId('bundle-builder');
  await expect(builder).toBeVisible();

  // Section C starts in date order: the photo (June 2010) before the forensic report (August 2010).
  const sectionC = page.getByTestId('bundle-section-C');
  await expect(sectionC.getByTestId('bundle-item')).toHaveText([/Photo of injuries/, /Forensic report No. 318/]);
  // Moving by keyboard puts the report first and switches the section to manual order.
  const up = page.getByRole('button', { name: 'Move “Forensic report No. 318” up' });
  await up.focus();
  await page.keyboard.press('Enter');
  await expect(sectionC.getByTestId('bundle-item')).toHaveText([/Forensic report No. 318/, /Photo of injuries/]);
  await expect(sectionC.getByLabel('Order')).toHaveValue('manual');

  // Rename section D, mark the complaint agreed, fill the cover.
  await page.getByLabel('Title of section D').fill('Correspondence with NGOs');
  await page.getByLabel('Agreed status of “Жалоба прокурору”').selectOption('agreed');
  await page.getByLabel('Court or body').fill('Osh City Court');
  await page.getByLabel('Bundle title').fill('Appeal hearing bundle');
  await expect(page.getByTestId('pseudonym-notice')).toContainText('NOT redacted');
  // Case notes are privileged work: ticking them brings up the warning that the court and the other side will read them.
  const notes = page.getByRole('checkbox', { name: 'Case notes', exact: true });
  await expect(page.getByTestId('notes-privilege-warning')).toHaveCount(0);
  await notes.check();
  await expect(page.getByTestId('notes-privilege-warning')).toBeVisible();
  await expect(page.getByTestId('notes-privilege-warning')).toContainText('the court and the other side');
  await notes.uncheck();
  await expect(page.getByTestId('notes-privilege-warning')).toHaveCount(0);
  // Source pages are scaled onto the paper unless the lawyer turns it off; the choice is saved with the bundle.
  const fit = page.getByLabel('Scale every document page to this paper size (landscape pages stay landscape)');
  await expect(fit).toBeChecked();
  await fit.uncheck();

  // Save the definition under a name; it is listed and stored with the edits.
  await page.getByLabel('Save this bundle as').fill('Appeal hearing, 12 March');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Court bundle: Appeal hearing, 12 March' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open the saved bundle “Appeal hearing, 12 March”' })).toBeVisible();
  const saved = bridge.services.bundles.listDefinitions(kase.id);
  expect(saved.map((d) => d.name)).toEqual(['Appeal hearing, 12 March']);
  expect(bridge.services.bundles.getDefinition(saved[0]!.id).definition.sections[3]!.title).toBe('Correspondence with NGOs');
  expect(bridge.services.bundles.getDefinition(saved[0]!.id).definition.options.fitToPaper).toBe(false);

  await page.getByTestId('case-title').scrollIntoViewIfNeeded();
  await screenshot(page, 'bundles-01-builder');

  // An unsaved change is dropped by opening the saved definition again.
  await page.getByLabel('US Letter').check();
  await page.getByRole('button', { name: 'Open the saved bundle “Appeal hearing, 12 March”' }).click();
  await expect(page.getByLabel('A4')).toBeChecked();
  await expect(page.getByLabel('Title of section D')).toHaveValue('Correspondence with NGOs');
  await expect(fit).not.toBeChecked();
  await page.setViewportSize({ width: 1280, height: 1400 });
  await screenshot(page, 'bundles-02-builder-tall');
  await page.setViewportSize({ width: 1280, height: 720 });

  // The page numbers can be checked before anything is written.
  await page.getByRole('button', { name: 'Check page numbers' }).click();
  const previewRows = page.getByTestId('bundle-preview').locator('tbody tr:not(.bundle-preview-section)');
  await expect(previewRows).toHaveCount(4);
  const previewPages = new Map<string, string>();
  for (const row of await previewRows.all()) {
    const cells = await row.locator('td').allTextContents();
    previewPages.set(cells[1]!, cells[3]!);
  }

  // Build: the save dialog answers with a path outside the vault.
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-bundle-out-'));
  const file = path.join(outDir, 'appeal.pdf');
  bridge.dialogs.saves.push(file);
  await page.getByRole('button', { name: 'Build bundle…' }).click();
  const done = page.getByTestId('bundle-done');
  await expect(done).toBeVisible({ timeout: 30_000 });
  await expect(done).toContainText('appeal.pdf');
  await expect(done).toContainText('appeal.manifest.json');
  await screenshot(page, 'bundles-03-built');

  // Open and Show in folder ask the OS (the bridge's recorder here) for the written PDF, by the main process's path.
  await done.getByRole('button', { name: 'Open', exact: true }).click();
  await done.getByRole('button', { name: 'Show in folder' }).click();
  await expect.poll(() => bridge.shell.calls).toEqual([
    { how: 'open', path: file },
    { how: 'reveal', path: file },
  ]);
  // Check the bundle: the manifest's signature, this vault's key and each file's SHA-256, from inside the app.
  await done.getByRole('button', { name: 'Check the bundle' }).click();
  const check = page.getByTestId('bundle-check');
  await expect(check).toContainText('Verified');
  await expect(check).toContainText('appeal.pdf: SHA-256 matches');
  await expect(check).toContainText('appeal.manifest.json: signature valid, signed by this vault');
  await screenshot(page, 'bundles-03b-checked');

  // The PDF, read back by poppler and qpdf.
  const pages = pageTexts(file);
  // A byte changed after the build: the same button now says so.
  const original = fs.readFileSync(file);
  const altered = Buffer.from(original);
  const middle = altered.length >> 1;
  altered[middle] = altered[middle]! ^ 0xff;
  fs.writeFileSync(file, altered);
  await done.getByRole('button', { name: 'Check the bundle' }).click();
  await expect(check).toContainText('does NOT match');
  await expect(check).toContainText('appeal.pdf: changed since it was signed (SHA-256 mismatch)');
  fs.writeFileSync(file, original);
  const total = pageCount(file);
  expect(pages.length).toBe(total);
  const reported = Number(/Pages: (\d+)\./.exec((await done.textContent()) ?? '')?.[1]);
  expect(total).toBe(reported);

  // A stamp on every page: roman numerals on the cover and index, then 1..N without a gap.
  const stamps = pages.map(stampOf);
  const front = stamps.findIndex((s) => s === '1');
  expect(front).toBeGreaterThanOrEqual(2);
  expect(stamps.slice(0, front)).toEqual(['i', 'ii', 'iii', 'iv'].slice(0, front));
  expect(stamps.slice(front)).toEqual(Array.from({ length: total - front }, (_, i) => String(i + 1)));

  // The index: each document's stated first page is the stamped page where that document's text begins.
  const firstText: Record<string, (t: string) => boolean> = {
    'Жалоба прокурору': (t) => t.includes('ЗАЯВЛЕНИЕ') && t.includes('о применении пыток'),
    'Forensic report No. 318': (t) => t.includes('Forensic medical examination report No. 318'),
    'Photo of injuries': (t) => t.trim().split('\n').filter((l) => l.trim()).length <= 2,
    'HRW letter': (t) => t.includes('Human Rights Watch'),
  };
  const indexText = pages.slice(1, front).join('\n');
  expect(indexText).toContain('Correspondence with NGOs');
  const refs = indexRefs(indexText, Object.keys(firstText));
  expect([...refs.keys()].sort()).toEqual(Object.keys(firstText).sort());
  const starts = new Map<string, number>();
  for (const [title, ref] of refs) {
    const first = ref.split('–')[0]!;
    const physical = stamps.indexOf(first) + 1;
    expect(physical, `${title} starts at stamp ${first}`).toBeGreaterThan(front);
    expect(firstText[title]!(pages[physical - 1]!), `${title} is on the page stamped ${first}`).toBe(true);
    starts.set(title, physical);
  }
  // What "Check page numbers" showed is what the index prints.
  for (const [title, ref] of refs) expect(previewPages.get(title), title).toBe(ref);
  // The order set by hand in the builder is the order in the bundle.
  expect(starts.get('Forensic report No. 318')!).toBeLessThan(starts.get('Photo of injuries')!);
  expect(starts.get('Жалоба прокурору')!).toBeLessThan(starts.get('Forensic report No. 318')!);

  // One outline entry per document, pointing at its first page; sections carry the builder's titles.
  const ol = outline(file);
  const docs = ol.flatMap((o) => o.kids);
  expect(docs.map((d) => d.title.replace(/^[A-Z]\d+ /, '')).sort()).toEqual(Object.keys(firstText).sort());
  for (const d of docs) expect(d.page).toBe(starts.get(d.title.replace(/^[A-Z]\d+ /, '')));
  expect(ol.map((o) => o.title)).toContain('D. Correspondence with NGOs');

  // The Russian complaint is extracted as Russian text, not mojibake.
  const all = pages.join('\n');
  expect(all).toContain('Прокурору Кара-Суйского района');
  expect(all).toContain('Эркинбеков');
  // The cover carries what the lawyer typed.
  expect(pages[0]).toContain('Osh City Court');
  expect(pages[0]).toContain('Appeal hearing bundle');

  // The manifest is beside the PDF and nothing else was written there.
  expect(fs.readdirSync(outDir).sort()).toEqual(['appeal.manifest.json', 'appeal.pdf']);
  expect(run('pdfinfo', [file])).toMatch(/Pages:\s+\d+/);
  expect(pageErrors).toEqual([]);
  fs.rmSync(outDir, { recursive: true, force: true });
});

test('a source PDF that cannot be read stops the build with a message naming the document, and nothing is written', async ({ app: page, bridge }) => {
  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Broken source case' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-bundle-bad-'));
  const enc = path.join(dir, 'sealed.pdf');
  run('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', path.join(SAMPLES, 'forensic-report-318-en.pdf'), enc]);
  const { documents } = await bridge.services.documents.import({ caseId: kase.id, paths: [path.join(SAMPLES, 'complaint-to-prosecutor-ru.pdf'), enc] });
  bridge.services.documents.update(documents.find((d) => d.originalName === 'sealed.pdf')!.id, { title: 'Sealed medical report' });

  await openBundleTab(page, 'Broken source case');
  await expect(page.getByTestId('bundle-builder')).toBeVisible();

  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  bridge.dialogs.saves.push(path.join(out, 'bundle.pdf'));
  await page.getByRole('button', { name: 'Build bundle…' }).click();
  const error = page.getByTestId('bundle-error');
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error).toContainText('Sealed medical report');
  await screenshot(page, 'bundles-04-broken-source');
  await page.getByRole('button', { name: 'Close this message' }).click();
  await expect(error).toHaveCount(0);
  expect(fs.readdirSync(out)).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('in Russian the builder speaks Russian and says plainly that pseudonyms do not redact the sources', async ({ app: page, bridge }) => {
  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Аскаров против Кыргызстана' });
  await bridge.services.documents.import({ caseId: kase.id, paths: [path.join(SAMPLES, 'complaint-to-prosecutor-ru.pdf')] });
  const person = bridge.services.caseWork.persons.create({ name: 'Азимжан Аскаров' });
  bridge.services.caseWork.persons.addRole({ caseId: kase.id, personId: person.id, role: 'client' });

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.locator('select').filter({ has: page.locator('option[value="ru"]') }).first().selectOption('ru');
  await page.getByRole('button', { name: 'Дела', exact: true }).click();
  await page.getByRole('searchbox').fill('Аскаров');
  await page.getByRole('button', { name: 'Аскаров против Кыргызстана' }).click();
  await page.getByRole('tab', { name: 'Для суда' }).click();

  await expect(page.getByLabel('Название раздела A')).toHaveValue('Процессуальные документы и решения');
  await expect(page.getByTestId('pseudonym-notice')).toContainText('Сами исходные документы НЕ обезличиваются');
  await page.getByRole('checkbox', { name: 'Азимжан Аскаров' }).check();
  // The default code is Russian all through: a Cyrillic «А», no Latin letter, no initials.
  const code = page.getByLabel('Код для Азимжан Аскаров');
  await expect(code).toHaveValue('Лицо А');
  expect(await code.inputValue()).not.toMatch(/[A-Za-z]/);
  // The notes option warns, in Russian, that privileged notes are disclosed to the court and the other side.
  await page.getByRole('checkbox', { name: 'Заметки по делу', exact: true }).check();
  await expect(page.getByTestId('notes-privilege-warning')).toContainText('суд и другая сторона');
  // A bundle started in the Russian UI writes its own pages in Russian too.
  const language = page.getByLabel('Язык страниц подборки');
  await expect(language).toHaveValue('ru');
  await expect(page.getByLabel('Подогнать каждую страницу документов под этот формат (альбомные остаются альбомными)')).toBeChecked();
  await page.setViewportSize({ width: 1280, height: 1400 });
  await screenshot(page, 'bundles-05-russian');
  await page.getByTestId('bundle-builder').scrollIntoViewIfNeeded();
  await page.getByRole('heading', { name: 'Параметры подборки' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'bundles-06-russian-page-language');

  // Switching the page language renames the untouched default sections with it, and back.
  // The default pseudonym code follows the page language too ("Person A" in English).
  await language.selectOption('en');
  await expect(page.getByLabel('Название раздела A')).toHaveValue('Pleadings and orders');
  await expect(code).toHaveValue('Person A');
  await language.selectOption('ru');
  await expect(page.getByLabel('Название раздела A')).toHaveValue('Процессуальные документы и решения');
  await expect(code).toHaveValue('Лицо А');

  // The page-number check carries the main process's pseudonym notice, worded in Russian.
  await page.getByRole('button', { name: 'Проверить номера страниц' }).click();
  const notice = page.getByTestId('bundle-preview').getByTestId('bundle-notice');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('Коды заменяют выбранных лиц только на страницах, которые создаёт Sakta');
  await expect(notice).not.toContainText('Codes replace');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-bundle-ru-'));
  const file = path.join(dir, 'подборка.pdf');
  bridge.dialogs.saves.push(file);
  await page.getByRole('button', { name: 'Сформировать подборку…' }).click();
  const done = page.getByTestId('bundle-done');
  await expect(done).toBeVisible({ timeout: 30_000 });
  await expect(done.getByTestId('bundle-notice')).toContainText('Сами исходные документы НЕ обезличиваются');
  await done.getByRole('button', { name: 'Открыть', exact: true }).click();
  await done.getByRole('button', { name: 'Показать в папке' }).click();
  await expect.poll(() => bridge.shell.calls).toEqual([
    { how: 'open', path: file },
    { how: 'reveal', path: file },
  ]);
  await done.getByRole('button', { name: 'Проверить подборку' }).click();
  await expect(page.getByTestId('bundle-check')).toContainText('Проверено');
  await expect(page.getByTestId('bundle-check')).toContainText('подборка.pdf: SHA-256 совпадает');
  await screenshot(page, 'bundles-05b-russian-checked');
  const pages = pageTexts(file);
  expect(pages[0]).toContain('СБОРНИК ДОКУМЕНТОВ');
  expect(pages[0]).toMatch(/без\s+обезличивания/);
  expect(pages[1]).toContain('Опись документов');
  expect(pages[1]).toMatch(/№\s+Наименование документа\s+Дата\s+Согласовано\s+Листы/);
  // The client's pseudonym replaces his name in the case title on the generated pages.
  expect(pages[1]).toContain('Лицо А против Кыргызстана');
  expect(pages.join('\n')).not.toContain('Лицо A');
  const titles = outline(file).map((o) => o.title);
  expect(titles.slice(0, 2)).toEqual(['Обложка', 'Опись документов']);
  expect(titles[2]).toMatch(/^[A-D]\. (Процессуальные документы и решения|Показания свидетелей|Заключения экспертов и медицинские документы|Переписка и иные документы)$/);
  fs.rmSync(dir, { recursive: true, force: true });
});

for (const lang of ['en', 'ru'] as const) {
  test(`at 1280×720 the Build bar never covers a row and the page-number check answers in view (${lang})`, async ({ app: page, bridge }) => {
    await createVaultViaUi(page);
    const kase = bridge.services.caseWork.cases.create({ title: 'Эркинбеков v. Kyrgyzstan' });
    const files = ['complaint-to-prosecutor-ru.pdf', 'forensic-report-318-en.pdf', 'injury-photo-1.png', 'hrw-letter-2017-12-20.txt'];
    await bridge.services.documents.import({ caseId: kase.id, paths: files.map((f) => path.join(SAMPLES, f)) });
    await page.setViewportSize({ width: 1280, height: 720 });
    if (lang === 'ru') {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.locator('select').filter({ has: page.locator('option[value="ru"]') }).first().selectOption('ru');
      await page.getByRole('button', { name: 'Дела', exact: true }).click();
      await page.getByRole('searchbox').fill('Эркинбеков');
      await page.getByRole('button', { name: 'Эркинбеков v. Kyrgyzstan' }).click();
      await page.getByRole('tab', { name: 'Для суда' }).click();
    } else {
      await openBundleTab(page, 'Эркинбеков v. Kyrgyzstan');
    }
    const bar = page.getByTestId('bundle-footer');
    await expect(bar).toBeVisible();
    const rows = page.getByTestId('bundle-item');
    await expect(rows).toHaveCount(4);
    // Every row, scrolled to as the browser does for focus and links, ends above the bar.
    for (let i = 0; i < 4; i++) {
      const row = rows.nth(i);
      await row.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
      const r = (await row.boundingBox())!;
      const b = (await bar.boundingBox())!;
      expect(r.y + r.height).toBeLessThanOrEqual(b.y + 0.5);
    }
    await page.getByRole('button', { name: lang === 'ru' ? 'Проверить номера страниц' : 'Check page numbers' }).click();
    const result = page.getByTestId('bundle-preview');
    await expect(result).toBeVisible();
    await expect(result.getByRole('heading')).toBeInViewport();
    // The bar stays at the window's foot, below the answer, and the app shell has not slid out of the window.
    await expect(bar).toBeInViewport();
    const h = (await result.getByRole('heading').boundingBox())!;
    expect(h.y + h.height).toBeLessThanOrEqual((await bar.boundingBox())!.y);
    await expect(page.getByRole('button', { name: lang === 'ru' ? 'Дела' : 'Cases', exact: true })).toBeInViewport();
    await expect(result.getByRole('heading')).toContainText(lang === 'ru' ? 'Страниц' : 'Pages');
    await screenshot(page, `bundles-07-check-in-view-${lang}`);
  });
}

for (const lang of ['en', 'ru'] as const) {
  test(`the bundle keeps the lawyer's exhibit numbers, refuses a clash naming both documents, and prints notes without Markdown (${lang})`, async ({ app: page, bridge }) => {
    await createVaultViaUi(page);
    const kase = bridge.services.caseWork.cases.create({ title: 'Эркинбеков v. Kyrgyzstan' });
    const files = ['complaint-to-prosecutor-ru.pdf', 'forensic-report-318-en.pdf'];
    const { documents } = await bridge.services.documents.import({ caseId: kase.id, paths: files.map((f) => path.join(SAMPLES, f)) });
    const [complaint, report] = files.map((f) => documents.find((d) => d.originalName === f)!.id) as [string, string];
    bridge.services.documents.update(complaint, { title: 'Жалоба прокурору', exhibitNo: 'A-5' });
    bridge.services.documents.update(report, { title: 'Forensic report No. 318', exhibitNo: 'A-5' });
    bridge.services.caseWork.notes.create({ caseId: kase.id, body: '## **Позиция защиты**\n\n- *побои* доказаны\n- свидетели **есть**' });

    if (lang === 'ru') {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.locator('select').filter({ has: page.locator('option[value="ru"]') }).first().selectOption('ru');
      await page.getByRole('button', { name: 'Дела', exact: true }).click();
      await page.getByRole('searchbox').fill('Эркинбеков');
      await page.getByRole('button', { name: 'Эркинбеков v. Kyrgyzstan' }).click();
      await page.getByRole('tab', { name: 'Для суда' }).click();
    } else {
      await openBundleTab(page, 'Эркинбеков v. Kyrgyzstan');
    }
    await page.getByRole('checkbox', { name: lang === 'ru' ? 'Заметки по делу' : 'Case notes', exact: true }).check();
    const build = page.getByRole('button', { name: lang === 'ru' ? 'Сформировать подборку…' : 'Build bundle…' });

    // Two documents numbered A-5: nothing is built, and the message names both.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-bundle-exhibits-'));
    bridge.dialogs.saves.push(path.join(dir, 'clash.pdf'));
    await build.click();
    const error = page.getByTestId('bundle-error');
    await expect(error).toBeVisible({ timeout: 30_000 });
    await expect(error).toContainText('A-5');
    await expect(error).toContainText('Жалоба прокурору');
    await expect(error).toContainText('Forensic report No. 318');
    expect(fs.existsSync(path.join(dir, 'clash.pdf'))).toBe(false);

    bridge.services.documents.update(complaint, { exhibitNo: 'A-1' });
    const file = path.join(dir, 'bundle.pdf');
    bridge.dialogs.saves.push(file);
    await build.click();
    await expect(page.getByTestId('bundle-done')).toBeVisible({ timeout: 30_000 });
    const pages = pageTexts(file);
    expect(pages[1]).toMatch(/A-1\s+Жалоба прокурору/);
    expect(pages[1]).toMatch(/A-5\s+Forensic report No\. 318/);
    const kids = outline(file).flatMap((o) => o.kids.map((k) => k.title));
    expect(kids).toEqual(expect.arrayContaining(['A-1 Жалоба прокурору', 'A-5 Forensic report No. 318']));
    const notes = pages.find((p) => p.includes('Позиция защиты'))!;
    expect(notes).toMatch(/•\s+побои доказаны/);
    expect(notes).toMatch(/•\s+свидетели есть/);
    expect(pages.join('\n')).not.toMatch(/##|\*\*|\*побои\*/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
}
