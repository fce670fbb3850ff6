/**
 * Issue 19, "status a lawyer can read": the Team screen's engine panel over real Syncthing daemons on 127.0.0.1.
 * The bridge's vault runs Sakta's own Syncthing (as the app does); the co-counsel is a second real vault with its
 * own daemon in this process, and a third daemon that is no member knocks. The bridge's daemon keeps 99.999 % of the
 * disk free (Syncthing's minDiskFree), so the co-counsel's large document cannot arrive: the case row shows files
 * waiting and bytes to go with a progress bar, and the panel shows DISK_FULL, as a full disk would.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices, type AppServices } from '../../electron/composition/app-services';
import { SyncthingManager } from '../../electron/services/syncthing';
import { startBridge } from '../bridge/server';
import { testPort } from '../helpers/ports';
import { createVaultViaUi, expect, PASS, screenshot, test as base } from './fixtures';
import { pairTeam } from '../helpers/team-pairing';

const CASE = 'Жолдошева против Ошского ГОВД';
const root = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-engine-'));
const engineOpts = async (extra: Record<string, unknown> = {}) => ({
  listenAddress: `tcp://127.0.0.1:${await testPort()}`,
  localDiscovery: false,
  rescanIntervalS: 20,
  fsWatcherDelayS: 1,
  reconnectionIntervalS: 5,
  ...extra,
});

const test = base.extend<{ teamRoot: string }>({
  // eslint-disable-next-line no-empty-pattern
  teamRoot: async ({}, use) => {
    const dir = root();
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },
  bridge: async ({ teamRoot }, use) => {
    const bridge = await startBridge({ team: { dataDir: path.join(teamRoot, 'me'), engine: await engineOpts({ minDiskFreePct: 99.999 }), debounceMs: 300 } });
    await use(bridge);
    await bridge.close();
  },
});

interface Scene {
  peer: AppServices;
  stranger: SyncthingManager;
  caseId: string;
}

/** Pairs the bridge's vault with the co-counsel's, shares the case, lets the co-counsel add a large document, and a stranger knock. */
async function scene(page: Page, bridge: { services: AppServices }, dir: string, setUpButton: string): Promise<Scene> {
  const peer = createAppServices({
    vaultDir: path.join(dir, 'peer', 'vault'),
    crypto: createNativeCrypto(),
    allowTestKdf: true,
    team: { dataDir: path.join(dir, 'peer', 'team'), engine: await engineOpts(), debounceMs: 300 },
  });
  await peer.vault.create(PASS);
  const me = bridge.services;
  await page.locator('nav button[data-area="team"]').click();
  await page.getByRole('button', { name: setUpButton }).click();
  await expect(page.getByTestId('team-engine-state')).toHaveAttribute('data-state', 'stopped');

  await pairTeam(me, peer, path.join(dir, 'pairing'), { b: 'Айгуль', a: 'Бакыт' });
  const caseId = me.caseWork.cases.create({ title: CASE }).id;
  await me.teamSync.share(caseId, 'Айгуль');
  const has = () => {
    try {
      return peer.caseWork.cases.get(caseId).id === caseId;
    } catch {
      return false;
    }
  };
  await expect.poll(has, { timeout: 120_000 }).toBe(true);
  // The co-counsel adds an 8 MB scan: announced to this device, which has no room (minDiskFree) to take it.
  const scan = path.join(dir, 'scan.bin');
  fs.writeFileSync(scan, crypto.randomBytes(8 * 1024 * 1024));
  await peer.documents.import({ caseId, paths: [scan] });

  const stranger = new SyncthingManager({ dataDir: path.join(dir, 'stranger'), ...(await engineOpts()) });
  await stranger.start();
  const contact = me.teamSync.contact()!;
  await stranger.addDevice(contact.device, { addresses: [contact.address] });
  return { peer, stranger, caseId };
}

async function end(s: Scene | null) {
  await s?.stranger.stop(3_000);
  await s?.peer.teamSync.stop();
}

/** The case table stays inside its panel: no column runs off the side. */
async function fitsIn(page: Page) {
  const panel = (await page.getByTestId('team-engine').boundingBox())!;
  const table = (await page.getByTestId('team-engine-cases').boundingBox())!;
  expect(table.x + table.width).toBeLessThanOrEqual(panel.x + panel.width);
}

async function seeWaiting(page: Page, caseId: string) {
  const row = page.getByTestId('team-engine-cases').locator(`tr[data-case="${caseId}"]`);
  await expect(row.getByRole('button', { name: CASE })).toBeVisible();
  await expect(row.getByTestId('team-engine-case-peers')).toHaveText('1 / 1', { timeout: 120_000 });
  await expect(row.locator('progress')).toBeVisible({ timeout: 120_000 });
  return row;
}

test('engine panel (English, 1280×720): running, a peer online, a stranger refused, a large document waiting on a full disk', async ({ app: page, bridge, teamRoot }) => {
  test.setTimeout(300_000);
  let s: Scene | null = null;
  try {
    await createVaultViaUi(page);
    s = await scene(page, bridge, teamRoot, 'Set up this device for sharing');
    const panel = page.getByTestId('team-engine');
    await expect(panel.getByTestId('team-engine-state')).toHaveText('Running');
    await expect(panel.getByTestId('team-engine-peers')).toHaveText('1 device online', { timeout: 120_000 });
    const problems = panel.getByTestId('team-engine-problems');
    await expect(problems.locator('li[data-code="PEER_UNKNOWN"]')).toContainText(`A device that is not a member tried to connect; it was refused: ${s.stranger.deviceId}`, { timeout: 120_000 });
    await expect(problems.locator('li[data-code="DISK_FULL"]')).toContainText('The disk is full: shared files cannot be received until space is freed.', { timeout: 120_000 });
    const row = await seeWaiting(page, s.caseId);
    // What the lawyer reads is what the daemon reports for the folder, in their units.
    const folder = (await bridge.services.teamSync.status()).cases.find((c) => c.caseId === s!.caseId)!.engine!;
    expect(folder.filesWaiting).toBeGreaterThan(0);
    expect(folder.bytesToGo).toBeGreaterThan(8 * 1024 * 1024);
    await expect(row.getByTestId('team-engine-case-waiting')).toContainText(new RegExp(`^${folder.filesWaiting} files?, \\d+(\\.\\d)? MB`));
    await expect(row.locator('progress')).toHaveAttribute('aria-label', /% received$/);
    await expect(row.getByTestId('team-engine-case-waiting')).toContainText(/\d+ % received/);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'team-engine-en');
    await fitsIn(page);
    // A 4K screen (3840×2160 at 150 %): the same panel, its table inside it, nothing cut off.
    await page.setViewportSize({ width: 2560, height: 1440 });
    await expect(row.getByTestId('team-engine-case-waiting')).toBeVisible();
    await fitsIn(page);
    await screenshot(page, 'team-engine-en-2560');
  } finally {
    await end(s);
  }
});

test('engine panel (Russian, 1280×720): the same state in Russian words and units', async ({ app: page, bridge, teamRoot }) => {
  test.setTimeout(300_000);
  let s: Scene | null = null;
  try {
    await createVaultViaUi(page);
    await bridge.services.settings.update({ language: 'ru' });
    await expect(page.locator('nav button[data-area="team"]')).toHaveText('Команда');
    s = await scene(page, bridge, teamRoot, 'Настроить устройство для совместной работы');
    const panel = page.getByTestId('team-engine');
    await expect(panel.getByRole('heading', { name: 'Синхронизация (Syncthing)' })).toBeVisible();
    await expect(panel.getByTestId('team-engine-state')).toHaveText('Работает');
    await expect(panel.getByTestId('team-engine-peers')).toHaveText('1 устройство в сети', { timeout: 120_000 });
    const problems = panel.getByTestId('team-engine-problems');
    await expect(problems.locator('li[data-code="PEER_UNKNOWN"]')).toContainText(`Устройство, не входящее в команду, пыталось подключиться; ему отказано: ${s.stranger.deviceId}`, { timeout: 120_000 });
    await expect(problems.locator('li[data-code="DISK_FULL"]')).toContainText('Диск заполнен', { timeout: 120_000 });
    const row = await seeWaiting(page, s.caseId);
    await expect(row.getByTestId('team-engine-case-waiting')).toContainText(/^\d+ файл(а|ов)?, \d+(,\d)? МБ/);
    await expect(row.locator('progress')).toHaveAttribute('aria-label', /^Получено \d+ %$/);
    await panel.scrollIntoViewIfNeeded();
    await fitsIn(page);
    await screenshot(page, 'team-engine-ru');
  } finally {
    await end(s);
  }
});
