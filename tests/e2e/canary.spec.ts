/**
 * The leak canary: distinctive strings go into every place a lawyer puts case data (a case title, a person's
 * name, a note, a file's name and content, a search query), through the CLI and through the UI; then every
 * folder Sakta or its window could have written to is scanned for them, in UTF-8 and UTF-16LE. Any hit is a
 * plaintext leak: the file and the canary are named in the failure.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startBridge } from '../bridge/server';
import { expect, PASS, test } from './fixtures';

const CLI = path.resolve('bin/sakta.cjs');

function canaries(tag: string) {
  // Mixed scripts, as in real files; each long and random enough never to occur by chance.
  const r = () => Math.random().toString(36).slice(2, 10).toUpperCase();
  return {
    caseTitle: `Канарейка-дело ${tag} ${r()} Osmonov`,
    personName: `Жылдыз Канарейкина ${tag} ${r()}`,
    note: `Note canary ${tag} ${r()} — the officer held a baton`,
    fileName: `canary-file-${tag}-${r()}`,
    fileContent: `Заключение эксперта canary ${tag} ${r()} кровоподтёки`,
    searchQuery: `Searchcanary${tag}${r()}`,
  };
}
type Canaries = ReturnType<typeof canaries>;

interface Hit {
  file: string;
  canary: string;
  encoding: string;
}

/** Every regular file under `root` (symlinks not followed), read whole, checked for each canary in both encodings. */
function scan(root: string, values: string[], hits: Hit[], seen = { files: 0 }): { files: number } {
  const needles = values.flatMap((v) => [
    { v, enc: 'utf8', b: Buffer.from(v, 'utf8') },
    { v, enc: 'utf16le', b: Buffer.from(v, 'utf16le') },
  ]);
  const walk = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      return; // removed meanwhile (another test's temp folder)
    }
    if (st.isDirectory()) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(p);
      } catch {
        return;
      }
      for (const n of names) walk(path.join(p, n));
    } else if (st.isFile()) {
      let buf: Buffer;
      try {
        buf = fs.readFileSync(p);
      } catch {
        return;
      }
      seen.files += 1;
      for (const n of needles) if (buf.includes(n.b)) hits.push({ file: p, canary: n.v, encoding: n.enc });
    }
  };
  walk(root);
  return seen;
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

const tmpEntries = () => new Set(fs.readdirSync(os.tmpdir()));

test.describe.configure({ timeout: 180_000 });

test('no canary from the CLI or the UI reaches the vault, backups, the browser profile or the temp folder in plaintext', async () => {
  const tempBefore = tmpEntries();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-canary-'));
  const sources = path.join(work, 'sources');
  fs.mkdirSync(sources);
  const cli = canaries('CLI');
  const ui = canaries('UI');
  const all = [...Object.values(cli), ...Object.values(ui)];
  const writeSource = (c: Canaries) => {
    const file = path.join(sources, `${c.fileName}.txt`);
    fs.writeFileSync(file, `${c.fileContent}\n`.repeat(20));
    return file;
  };

  // ---- CLI: init, case, person, import, search, backup ----
  const cliVault = path.join(work, 'cli-vault');
  const cliBackup = path.join(work, 'cli-backup');
  fs.mkdirSync(cliBackup);
  const env = { SAKTA_PASSPHRASE: PASS, SAKTA_TEST_FAST_KDF: '1' };
  const ok = async (args: string[]) => {
    const r = await runCli(args, env);
    expect(r.code, `sakta ${args[0]}: ${r.stderr}`).toBe(0);
    // The CLI may print what the user asked for, but never on stderr, where logs collect.
    for (const v of Object.values(cli)) expect(r.stderr).not.toContain(v);
    return r.stdout.trim();
  };
  await ok(['init', '--vault', cliVault]);
  const cliCase = (await ok(['case', 'add', '--vault', cliVault, '--title', cli.caseTitle, '--summary', cli.note])).split('\n').pop()!;
  await ok(['person', 'add', '--vault', cliVault, '--name', cli.personName]);
  await ok(['import', '--vault', cliVault, '--case', cliCase, writeSource(cli)]);
  await ok(['search', '--vault', cliVault, cli.searchQuery]);
  await ok(['backup', '--vault', cliVault, '--to', cliBackup]);
  await ok(['backup-verify', '--from', cliBackup]);

  // ---- UI: a bridge over a fresh vault, a Chromium profile on disk we can inspect ----
  const profile = path.join(work, 'chromium-profile');
  const uiBackup = path.join(work, 'ui-backup');
  fs.mkdirSync(uiBackup);
  const bridge = await startBridge({ vaultDir: path.join(work, 'ui-vault') });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    viewport: { width: 1280, height: 720 },
    locale: 'en-US',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(bridge.url);
    await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByLabel('Repeat the passphrase').fill(PASS);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByLabel('I have written down the recovery key and stored it safely').check();
    await page.getByRole('button', { name: 'Continue to Sakta' }).click();

    const { cases, persons, notes } = bridge.services.caseWork;
    const c = cases.create({ title: ui.caseTitle });
    const p = persons.create({ name: ui.personName });
    persons.addRole({ caseId: c.id, personId: p.id, role: 'victim' });
    notes.create({ caseId: c.id, body: ui.note });
    await bridge.services.documents.import({ caseId: c.id, paths: [writeSource(ui)] });
    await page.reload();

    // The renderer loads and shows the case data, so anything the browser keeps of responses would hold it.
    await page.locator('nav').getByRole('button', { name: 'Cases' }).click();
    await page.getByText(ui.caseTitle).first().click();
    await expect(page.getByRole('heading', { name: ui.caseTitle })).toBeVisible();
    await expect(page.locator('body')).toContainText(ui.personName);

    await page.locator('nav').getByRole('button', { name: 'Search' }).click();
    await page.locator('#search-query').fill(ui.searchQuery);
    await page.locator('#search-query').press('Enter');
    await page.locator('#search-query').fill(ui.fileContent.split(' ')[0]!);
    await page.locator('#search-query').press('Enter');

    // A backup through the settings screen.
    await page.locator('nav').getByRole('button', { name: 'Settings' }).click();
    await page.locator('[data-settings-section="backup"]').click();
    bridge.dialogs.folders.push(uiBackup);
    await page.getByTestId('settings-backup').getByRole('button', { name: 'Choose folder…' }).click();
    await expect(page.getByTestId('backup-folder')).toHaveText(uiBackup);
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByTestId('backup-message')).toContainText('Backup finished');

    // The page keeps nothing in browser storage.
    const storage = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      idb: (await indexedDB.databases()).length,
      caches: 'caches' in window ? (await caches.keys()).length : 0,
    }));
    expect(storage).toEqual({ local: 0, session: 0, idb: 0, caches: 0 });

    await page.getByTestId('lock').click();
    await expect(page.getByRole('heading', { name: 'Unlock Sakta' })).toBeVisible();
  } finally {
    // Closed first, so Chromium has flushed whatever it keeps to the profile before we read it.
    await context.close();
    await bridge.close();
  }

  // The scanner itself must see plaintext where it is: the test's own source files hold both content canaries.
  const selfCheck: Hit[] = [];
  scan(sources, [cli.fileContent, ui.fileContent], selfCheck);
  expect(selfCheck.map((h) => h.canary).sort()).toEqual([cli.fileContent, ui.fileContent].sort());
  fs.writeFileSync(path.join(sources, 'utf16.txt'), Buffer.from(ui.note, 'utf16le'));
  const selfCheck16: Hit[] = [];
  scan(sources, [ui.note], selfCheck16);
  expect(selfCheck16.map((h) => h.encoding)).toEqual(['utf16le']);
  // They are the test's input, not a leak.
  fs.rmSync(sources, { recursive: true, force: true });

  const hits: Hit[] = [];
  const counted = { files: 0 };
  for (const dir of [cliVault, cliBackup, path.join(work, 'ui-vault'), uiBackup, profile]) {
    expect(fs.existsSync(dir), dir).toBe(true);
    scan(dir, all, hits, counted);
  }
  const profileFiles = scan(profile, [], [], { files: 0 }).files;
  expect(profileFiles).toBeGreaterThan(0);
  // Everything else that appeared in the temp folder while the test ran (Sakta's own temp files, Chromium's).
  for (const name of tmpEntries()) {
    if (tempBefore.has(name) || name === path.basename(work)) continue;
    scan(path.join(os.tmpdir(), name), all, hits, counted);
  }
  expect(counted.files).toBeGreaterThan(10);
  test.info().annotations.push({ type: 'scanned', description: `${counted.files} files, ${profileFiles} of them in the Chromium profile` });
  expect(hits, hits.map((h) => `${h.file}: ${h.canary} (${h.encoding})`).join('\n')).toEqual([]);

  fs.rmSync(work, { recursive: true, force: true });
});
