import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices } from '../../electron/composition/app-services';
import { escapeUnsafe, safeJson } from '../../shared/safe-text';
import { runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { dispatcherFor } from '../helpers/ipc';
import { newVault } from '../helpers/vault';

/**
 * The attack: a title or a file name carrying terminal escape sequences (clear the screen, set the window
 * title, hide what follows) or a right-to-left override that makes "invoice\u202Efdp.exe" read as
 * "invoiceexe.pdf". Nothing Sakta prints or shows may act on the terminal or flip the text.
 */
const PASS = 'hygiene passphrase — Ош';
const env = { SAKTA_PASSPHRASE: PASS };
const ESC_TITLE = 'Дело \u001b]0;pwned\u0007\u001b[2J\u001b[1Aскрыто';
const RLO_NAME = 'invoice\u202Efdp.exe';
/** Any raw C0 (except newline/tab/CR), DEL, C1, separator or bidirectional control in output. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

async function cliVault(): Promise<string> {
  const dir = path.join(tmpDir(), 'vault');
  const r = await runCli(['init', '--vault', dir, '--json'], { env });
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

/** Writes a raw title straight into the database, as a vault made before the schemas refused them would hold. */
async function plantRawTitle(dir: string, caseId: string, title: string): Promise<void> {
  const s = createAppServices({ vaultDir: dir, crypto: createNativeCrypto(), allowTestKdf: true });
  await s.vault.unlock(PASS);
  try {
    s.vault.current().db.prepare('UPDATE cases SET title = ? WHERE id = ?').run(title, caseId);
  } finally {
    s.vault.lock();
  }
}

/** Many whole CLI processes in a row: minutes, not seconds, on a loaded 2-core machine. */
const CLI_TIMEOUT = 300_000;

describe('output hygiene: control and bidirectional characters', () => {
  it('escapeUnsafe shows each such character as a visible \\uXXXX and leaves Cyrillic alone', () => {
    expect(escapeUnsafe('Дело\u001b[2J')).toBe('Дело\\u001B[2J');
    expect(escapeUnsafe(RLO_NAME)).toBe('invoice\\u202Efdp.exe');
    expect(escapeUnsafe('Бишкек — Ош')).toBe('Бишкек — Ош');
    const v = { t: 'a\u202Eb\u0085c\u2028' };
    expect(safeJson(v)).not.toMatch(RAW);
    expect(JSON.parse(safeJson(v))).toEqual(v);
  });

  it('the CLI refuses an escape sequence or a U+202E in a title or a name (exit 2), and its error shows them escaped', async () => {
    const v = await cliVault();
    const bad = await runCli(['case', 'add', '--title', ESC_TITLE, '--vault', v], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/control or text-direction character/);
    expect(bad.stderr).not.toMatch(RAW);
    const person = await runCli(['person', 'add', '--name', `Азамат ${RLO_NAME}`, '--vault', v], { env });
    expect(person.code).toBe(2);
    const list = await runCli(['case', 'list', '--vault', v], { env });
    expect(list.stdout).toMatch(/No cases match/);
    // An unknown command echoes what was typed: escaped too.
    const unknown = await runCli(['\u001b[2Jboom'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('\\u001B[2Jboom');
    expect(unknown.stderr).not.toMatch(RAW);
  }, CLI_TIMEOUT);

  it('a title already in the vault with escape sequences is printed escaped by every command, and --json still round-trips it', async () => {
    const v = await cliVault();
    const add = await runCli(['case', 'add', '--title', 'Обычное дело', '--vault', v], { env });
    expect(add.code, add.stderr).toBe(0);
    const id = add.stdout.trim();
    await plantRawTitle(v, id, ESC_TITLE);
    for (const args of [['case', 'list'], ['case', 'show', id], ['case', 'list', '--json'], ['case', 'show', id, '--json']]) {
      const r = await runCli([...args, '--vault', v], { env });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(' ')).not.toMatch(RAW);
      if (!args.includes('--json')) expect(r.stdout).toContain('\\u001B]0;pwned\\u0007\\u001B[2J');
    }
    const json = await runCli(['case', 'list', '--json', '--vault', v], { env });
    expect((JSON.parse(json.stdout) as { items: { title: string }[] }).items[0]!.title).toBe(ESC_TITLE);
  }, CLI_TIMEOUT);

  it('a file named with a U+202E and an ESC is imported with those characters neutralised in its name and title', async () => {
    const v = await cliVault();
    const kase = (await runCli(['case', 'add', '--title', 'Дело', '--vault', v], { env })).stdout.trim();
    const file = path.join(tmpDir(), `${RLO_NAME}\u001b[31m.txt`);
    fs.writeFileSync(file, 'evidence text');
    const imp = await runCli(['import', '--case', kase, file, '--vault', v], { env });
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).not.toMatch(RAW);
    const docs = await runCli(['docs', '--case', kase, '--json', '--vault', v], { env });
    const d = (JSON.parse(docs.stdout) as { documents: { title: string; originalName: string }[] }).documents[0]!;
    expect(d.originalName).toBe('invoice\\u202Efdp.exe\\u001B[31m.txt');
    expect(d.title).not.toMatch(RAW);
    expect(d.title).toContain('\\u202E');
  }, CLI_TIMEOUT);

  it('services refuse them in typed text but keep line breaks in notes', async () => {
    const { services } = await newVault();
    const w = services.caseWork;
    expect(() => w.cases.create({ title: RLO_NAME })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => w.persons.create({ name: 'Имя\u2066скрыто\u2069' })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    const kase = w.cases.create({ title: 'Дело', summary: 'строка 1\nстрока 2\tтаб' });
    expect(kase.summary).toBe('строка 1\nстрока 2\tтаб');
    expect(() => w.cases.update(kase.id, { summary: 'a\u001b[2Jb' })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('the window is sent a planted U+202E as a visible escape, never the raw character', async () => {
    const { services } = await newVault();
    const kase = services.caseWork.cases.create({ title: 'Дело' });
    services.vault.current().db.prepare('UPDATE cases SET title = ? WHERE id = ?').run(RLO_NAME, kase.id);
    const dispatch = dispatcherFor(services, { allowedOrigins: ['app://sakta'] });
    const r = await dispatch('cases.get', { id: kase.id }, { origin: 'app://sakta', isMainFrame: true });
    expect(r).toMatchObject({ ok: true, value: { title: 'invoice\\u202Efdp.exe' } });
  });
});
