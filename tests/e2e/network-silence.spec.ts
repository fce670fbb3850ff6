import path from 'node:path';
import { createVaultViaUi, expect, test } from './fixtures';
import { SAMPLES } from '../helpers/samples';

/**
 * A whole working session with every request the page makes intercepted: anything not addressed to the
 * app's own origin is recorded and refused. Content tries to reach out too: a note with remote images and
 * links, and a PDF whose text holds URLs.
 */
test('a full session sends no request outside the app', async ({ app: page, bridge, pageErrors }) => {
  const outside: string[] = [];
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(bridge.origin + '/') || url.startsWith(bridge.frameOrigin + '/') || url.startsWith(bridge.mediaFrameOrigin + '/')) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });

  // The interceptor itself must see a stray request, or an empty list would prove nothing.
  const probe = await page.context().newPage();
  await probe.goto('https://interceptor-probe.example/').catch(() => undefined);
  await probe.close();
  expect(outside).toEqual(['https://interceptor-probe.example/']);
  outside.length = 0;

  await createVaultViaUi(page);
  const kase = bridge.services.caseWork.cases.create({ title: 'Network silence case', courtNumbers: [{ number: '1-55/2019', body: 'Osh City Court' }] });
  const person = bridge.services.caseWork.persons.create({ name: 'Тестов Тест' });
  bridge.services.caseWork.persons.addRole({ caseId: kase.id, personId: person.id, role: 'client' });
  bridge.services.caseWork.notes.create({
    caseId: kase.id,
    title: 'Links that must stay dead',
    body: '![tracker](https://tracker.example/pixel.png)\n\n[a link](https://example.org/) <img src="https://evil.example/x.png">\n\n<iframe src="https://evil.example/"></iframe>',
  });
  await bridge.services.documents.import({
    caseId: kase.id,
    paths: ['complaint-to-prosecutor-ru.pdf', 'injury-photo-1.png', 'hrw-letter-2017-12-20.txt'].map((f) => path.join(SAMPLES, f)),
  });
  // Made behind the page's back: a reload lets the (still unlocked) app load them.
  await page.reload();

  // Every area of the navigation.
  await expect(page.locator('nav button[data-area]').first()).toBeVisible();
  const areas = await page.locator('nav button[data-area]').evaluateAll((els) => els.map((e) => e.getAttribute('data-area')!));
  expect(areas.length).toBeGreaterThanOrEqual(5);
  for (const area of areas) {
    await page.locator(`nav button[data-area="${area}"]`).click();
    await expect(page.locator(`main[data-area="${area}"]`)).toBeVisible();
  }

  // The case and every tab of it.
  await page.locator('nav button[data-area="cases"]').click();
  await page.getByText('Network silence case').first().click();
  const tabs = page.getByRole('tab');
  const count = await tabs.count();
  expect(count).toBeGreaterThanOrEqual(6);
  for (let i = 0; i < count; i++) {
    await tabs.nth(i).click();
    await page.waitForTimeout(150);
  }

  // The PDF, drawn in its isolated frame (pdf.js and its worker load from the frame's origin only).
  await tabs.filter({ hasText: 'Documents' }).click();
  await page.getByRole('button', { name: /^Open complaint-to-prosecutor-ru/ }).click();
  await expect(page.getByTestId('pdf-view')).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });

  // The photo, decoded in the isolated media frame.
  await page.getByRole('button', { name: /Back to the case/ }).click();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('button', { name: /^Open injury-photo-1/ }).click();
  await expect(page.getByTestId('image-frame-view')).toHaveAttribute('data-shown', 'true', { timeout: 20_000 });

  // Search across everything.
  await page.locator('nav button[data-area="search"]').click();
  await page.getByLabel('Search everything').fill('пытки');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await page.waitForTimeout(500);

  expect(outside).toEqual([]);
  expect(pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
});
