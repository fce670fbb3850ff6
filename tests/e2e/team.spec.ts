/**
 * Issue 18, shared cases in the window: the Team screen (this device's id, pairing by a safety code compared on
 * both screens, the team folder and Sync now), sharing a case from its page, removing a member with a plain
 * warning, and a conflict made by two vaults editing one field, shown with both values and resolved with
 * "Keep this". The other device is a second real vault driven by the same services in this process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices, type AppServices } from '../../electron/composition/app-services';
import type { Bridge } from '../bridge/server';
import { createVaultViaUi, expect, PASS, screenshot, test } from './fixtures';

const CASE = 'Эркинбеков против Кара-Суйского РОВД';

/** The co-counsel's laptop: a vault of its own in a temp folder. */
async function otherDevice(): Promise<{ peer: AppServices; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-peer-'));
  const peer = createAppServices({ vaultDir: path.join(dir, 'vault'), crypto: createNativeCrypto(), allowTestKdf: true });
  await peer.vault.create(PASS);
  return { peer, dir };
}

const folder = (dir: string, name: string) => {
  const f = path.join(dir, name);
  fs.mkdirSync(f);
  return f;
};

/** Pairs through the UI: the offer's code must be the one the other device computes; the lawyer confirms it with a name. */
async function pairInUi(page: Page, bridge: Bridge, peer: AppServices, pairDir: string, name: string, texts: { choose: string; compared: string; name: string; pair: string }) {
  peer.sharing.pairing.offer(pairDir);
  bridge.dialogs.folders.push(pairDir);
  await page.getByRole('button', { name: texts.choose }).click();
  const offer = page.getByTestId('team-offer');
  await expect(offer).toBeVisible();
  // The other side reads the folder too (it now holds this device's offer) and shows its own code.
  const seenByPeer = peer.sharing.pairing.scan(pairDir).offers;
  expect(seenByPeer).toHaveLength(1);
  const code = seenByPeer[0]!.safetyCode;
  await expect(offer.getByTestId('team-offer-code')).toHaveAttribute('data-code', code);
  await expect(offer.getByTestId('team-offer-code').locator('li')).toHaveText(code.split(' '));
  await expect(offer.getByRole('button', { name: texts.pair })).toBeDisabled();
  await offer.getByLabel(texts.compared).check();
  await offer.getByLabel(texts.name).fill(name);
  return { code, confirm: () => offer.getByRole('button', { name: texts.pair }).click() };
}

test('team (English): device id, pairing by safety code, sharing a case, a conflict resolved with Keep this, a member removed', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(180_000);
  const { peer, dir } = await otherDevice();
  try {
    await createVaultViaUi(page);
    const kase = bridge.services.caseWork.cases.create({ title: CASE, summary: 'Пытки в ИВС' });

    // Team: not set up yet, then set up: the id shown is this vault's.
    await page.locator('nav button[data-area="team"]').click();
    await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Set up this device for sharing' }).click();
    const myId = bridge.services.sharing.pairing.identity().deviceId;
    await expect(page.getByTestId('team-device-id')).toHaveText(myId);

    // The team folder, chosen in the (scripted) folder dialog.
    const teamDir = folder(dir, 'team');
    bridge.dialogs.folders.push(teamDir);
    await page.getByRole('button', { name: 'Choose the team folder' }).click();
    await expect(page.getByTestId('team-folder')).toHaveText(fs.realpathSync(teamDir));

    // Pairing: the code shown here is the code the other device computes.
    const pairDir = folder(dir, 'usb-stick');
    const { code, confirm } = await pairInUi(page, bridge, peer, pairDir, 'Aigul (co-counsel)', {
      choose: 'Choose a folder to pair through',
      compared: 'I compared the code on both screens',
      name: 'Name for the other device',
      pair: 'Pair',
    });
    await screenshot(page, 'team-pairing-en');
    await confirm();
    await expect(page.getByTestId('team-paired')).toHaveText('Paired with “Aigul (co-counsel)”.');
    await expect(page.getByTestId('team-peers')).toContainText('Aigul (co-counsel)');
    await expect(page.getByTestId('team-peers')).toContainText(peer.sharing.pairing.identity().deviceId);
    // The other lawyer confirms the same code on her screen.
    peer.sharing.pairing.confirm(pairDir, code, 'Lead lawyer');

    // Share the case from its page: the member is listed.
    await page.locator('nav button[data-area="cases"]').click();
    await page.getByTestId('case-list').getByText(CASE).click();
    await page.getByTestId('case-sharing-button').click();
    await expect(page.getByTestId('case-sharing')).toContainText('This case is not shared.');
    await page.getByLabel('Paired device').selectOption({ label: 'Aigul (co-counsel)' });
    await page.getByTestId('case-sharing').getByRole('button', { name: 'Share this case' }).click();
    await expect(page.getByTestId('case-share-message')).toContainText('Shared with “Aigul (co-counsel)”');
    const members = page.getByTestId('case-member');
    await expect(members).toHaveCount(2);
    await expect(page.getByTestId('case-members')).toContainText('this device');
    await expect(page.getByTestId('case-members').locator('[data-status="active"]', { hasText: 'Aigul (co-counsel)' })).toBeVisible();
    await expect(page.getByTestId('case-last-synced')).toHaveText('never');

    // Sync now sends it; the other device takes it in.
    await page.locator('nav button[data-area="team"]').click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('team-sync-result')).toContainText('Sent the changes of 1 case.');
    await peer.sync.sync(teamDir);
    expect(peer.caseWork.cases.get(kase.id).title).toBe(CASE);

    // Both edit the title while apart; the other device syncs first.
    peer.caseWork.cases.update(kase.id, { title: `${CASE} (ЕСПЧ)` });
    await peer.sync.sync(teamDir);
    bridge.services.caseWork.cases.update(kase.id, { title: `${CASE} (апелляция)` });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('team-sync-result')).toContainText('1 open conflict: choose which value to keep.');
    await expect(page.getByTestId('team-cases')).toContainText('1 open conflict');
    await screenshot(page, 'team-after-sync-en');

    // The conflicts view: both values, who wrote each, a Keep this each.
    await page.getByTestId('team-open-conflicts').click();
    const conflict = page.getByTestId('team-conflict');
    await expect(conflict).toHaveCount(1);
    await expect(conflict).toContainText('Case · title');
    const values = conflict.getByTestId('team-conflict-value');
    await expect(values).toHaveCount(2);
    const theirs = values.filter({ hasText: `${CASE} (ЕСПЧ)` });
    await expect(theirs).toContainText('by Aigul (co-counsel)');
    await expect(values.filter({ hasText: `${CASE} (апелляция)` })).toContainText('by this device');
    await screenshot(page, 'team-conflict-en');
    await theirs.getByRole('button', { name: 'Keep this' }).click();
    await expect(page.getByTestId('team-conflict-message')).toContainText('Kept.');
    await expect(conflict).toHaveCount(0);
    await expect(page.getByTestId('team-conflicts')).toContainText('No open conflicts.');
    expect(bridge.services.caseWork.cases.get(kase.id).title).toBe(`${CASE} (ЕСПЧ)`);

    // The choice reaches the other device at its next sync: its conflict closes too, nothing lost.
    await page.locator('nav button[data-area="team"]').click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('team-sync-result')).toContainText('Sent the changes of 1 case.');
    await peer.sync.sync(teamDir);
    expect(peer.sharedDocs.conflicts(peer.vault.current().db)).toEqual([]);
    expect(peer.caseWork.cases.get(kase.id).title).toBe(`${CASE} (ЕСПЧ)`);

    // A damaged file in the folder: refused, and the result says so in plain words.
    const before = new Set(fs.readdirSync(teamDir));
    peer.caseWork.cases.update(kase.id, { summary: 'Жалоба в ЕСПЧ подана' });
    await peer.sync.sync(teamDir);
    const fresh = fs.readdirSync(teamDir).filter((f) => f.endsWith('.sks') && !before.has(f));
    expect(fresh).toHaveLength(1);
    const damaged = path.join(teamDir, fresh[0]!);
    const bytes = fs.readFileSync(damaged);
    const mid = bytes.length >> 1;
    bytes[mid] = bytes[mid]! ^ 0x01;
    fs.writeFileSync(damaged, bytes);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('team-sync-reports')).toContainText('Needs attention');
    await expect(page.getByTestId('team-sync-reports')).toContainText('It was not applied.');
    expect(bridge.services.caseWork.cases.get(kase.id).summary).toBe('Пытки в ИВС');
    await page.getByTestId('team-sync-reports').scrollIntoViewIfNeeded();
    await screenshot(page, 'team-sync-report-en');

    // Removing the member says plainly what they keep.
    await page.locator('nav button[data-area="cases"]').click();
    await page.getByTestId('case-list').getByText(`${CASE} (ЕСПЧ)`).click();
    await page.getByTestId('case-sharing-button').click();
    await expect(page.getByTestId('case-last-synced')).not.toHaveText('never');
    await page.getByTestId('case-members').getByRole('button', { name: 'Remove' }).click();
    const ask = page.getByTestId('member-remove-confirm');
    await expect(ask).toContainText('Remove “Aigul (co-counsel)” from this case? They keep what they already had; they will not receive anything new.');
    await screenshot(page, 'team-remove-member-en');
    await ask.getByRole('button', { name: 'Remove from the case' }).click();
    await expect(page.getByTestId('case-members').locator('[data-status="removed"]')).toContainText('removed; keeps what it already had');
    expect(bridge.services.sharing.membership.members(kase.id).find((m) => !m.self)?.status).toBe('removed');
    expect(pageErrors).toEqual([]);
  } finally {
    peer.vault.lock('shutdown');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('team (Russian, 1280×720): pairing code, Sync now, the conflict shown and resolved', async ({ app: page, bridge, pageErrors }) => {
  test.setTimeout(180_000);
  const { peer, dir } = await otherDevice();
  try {
    await createVaultViaUi(page);
    await bridge.services.settings.update({ language: 'ru' });
    await expect(page.locator('nav button[data-area="team"]')).toHaveText('Команда');
    const kase = bridge.services.caseWork.cases.create({ title: CASE });
    await page.locator('nav button[data-area="team"]').click();
    await page.getByRole('button', { name: 'Настроить устройство для совместной работы' }).click();
    await expect(page.getByTestId('team-device-id')).toHaveText(bridge.services.sharing.pairing.identity().deviceId);
    const teamDir = folder(dir, 'team');
    bridge.dialogs.folders.push(teamDir);
    await page.getByRole('button', { name: 'Выбрать папку команды' }).click();
    await expect(page.getByTestId('team-folder')).toHaveText(fs.realpathSync(teamDir));

    const { code, confirm } = await pairInUi(page, bridge, peer, teamDir, 'Айгуль', {
      choose: 'Выбрать папку для сопряжения',
      compared: 'Я сверил(а) код на обоих экранах',
      name: 'Название другого устройства',
      pair: 'Сопрячь',
    });
    await screenshot(page, 'team-pairing-ru');
    await confirm();
    await expect(page.getByTestId('team-paired')).toHaveText('Сопряжено с «Айгуль».');
    peer.sharing.pairing.confirm(teamDir, code, 'Руководитель');

    // Shared from the case page; both edit the summary; the conflict shows on the case and in the view.
    await page.locator('nav button[data-area="cases"]').click();
    await page.getByTestId('case-list').getByText(CASE).click();
    await page.getByTestId('case-sharing-button').click();
    await page.getByTestId('case-sharing').getByRole('button', { name: 'Поделиться делом' }).click();
    await expect(page.getByTestId('case-members').locator('[data-status="active"]', { hasText: 'Айгуль' })).toBeVisible();
    await bridge.services.sync.sync(teamDir);
    await peer.sync.sync(teamDir);
    peer.caseWork.cases.update(kase.id, { summary: 'Задержан 12 марта' });
    await peer.sync.sync(teamDir);
    bridge.services.caseWork.cases.update(kase.id, { summary: 'Задержан 13 марта' });
    await page.locator('nav button[data-area="team"]').click();
    await page.getByRole('button', { name: 'Синхронизировать' }).click();
    await expect(page.getByTestId('team-sync-result')).toContainText('1 открытый конфликт: выберите, какое значение оставить.');
    await screenshot(page, 'team-after-sync-ru');

    await page.locator('nav button[data-area="cases"]').click();
    await page.getByTestId('case-list').getByText(CASE).click();
    await page.getByTestId('case-sharing-button').click();
    const values = page.getByTestId('case-sync-state').getByTestId('team-conflict-value');
    await expect(values).toHaveCount(2);
    await expect(page.getByTestId('case-sync-state').getByTestId('team-conflict')).toContainText('Дело · краткое описание');
    await expect(values.filter({ hasText: 'Задержан 12 марта' })).toContainText('автор: Айгуль');
    await expect(values.filter({ hasText: 'Задержан 13 марта' })).toContainText('автор: это устройство');
    await values.last().scrollIntoViewIfNeeded();
    await screenshot(page, 'team-case-conflict-ru');
    await values.filter({ hasText: 'Задержан 13 марта' }).getByRole('button', { name: 'Оставить это' }).click();
    await expect(page.getByTestId('case-sync-state')).toContainText('Открытых конфликтов нет.');
    expect(bridge.services.caseWork.cases.get(kase.id).summary).toBe('Задержан 13 марта');
    expect(pageErrors).toEqual([]);
  } finally {
    peer.vault.lock('shutdown');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
