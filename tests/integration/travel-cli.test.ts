import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { CLI, runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const HOME_PASS = 'cli passphrase — Ош 2010';
const TRAVEL_PASS = 'дорожный пароль — Нарын 2026';
const home = { SAKTA_PASSPHRASE: HOME_PASS };
const travel = { SAKTA_PASSPHRASE: TRAVEL_PASS };

async function sakta(args: string[], vault: string, env: Record<string, string>): Promise<string> {
  const r = await runCli([...args, '--vault', vault], { env });
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout.trim();
}
const json = async <T>(args: string[], vault: string, env: Record<string, string>): Promise<T> => JSON.parse(await sakta([...args, '--json'], vault, env)) as T;

type CaseList = { items: { id: string; title: string }[] };
type Persons = { items: { name: string }[] };

// About a dozen whole CLI processes on a loaded two-core machine.
describe('sakta travel', { timeout: 240_000 }, () => {
  it('travel create makes a vault with only the chosen case and its own passphrase; sync brings the field edit home; retire and shred end it', async () => {
    const homeDir = path.join(tmpDir(), 'home');
    expect((await runCli(['init', '--vault', homeDir, '--json'], { env: home })).code).toBe(0);
    const trip = await sakta(['case', 'add', '--title', 'Пытки в ИВС Оша'], homeDir, home);
    const stay = await sakta(['case', 'add', '--title', 'Дело Жолдошевой'], homeDir, home);
    const stayPerson = await sakta(['person', 'add', '--name', 'Айгуль Жолдошева'], homeDir, home);
    await sakta(['role', 'add', '--case', stay, '--person', stayPerson, '--role', 'client'], homeDir, home);

    const to = path.join(tmpDir(), 'travel');
    const via = tmpDir('sakta-sync-');
    const missing = await runCli(['travel', 'create', '--vault', homeDir, '--to', to], { env: { ...home, SAKTA_NEW_PASSPHRASE: TRAVEL_PASS } });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('--cases is required')]);

    const out = await sakta(['travel', 'create', '--cases', trip, '--to', to, '--via', via], homeDir, { ...home, SAKTA_NEW_PASSPHRASE: TRAVEL_PASS });
    const lines = out.split('\n');
    const key = /^Travel vault created in .+ \(.+\)\. Recovery key: (\S+)$/.exec(lines[0]!)?.[1];
    expect(key, out).toBeTruthy();
    expect(out).toContain(`    ${key}`);
    expect(out).toContain(`Case ${trip}: in the travel vault, with 0 document(s).`);
    const name = /This vault calls it "([^"]+)"/.exec(out)?.[1];
    expect(name).toMatch(/^Travel \d{4}-\d{2}-\d{2}$/);

    // The travel vault opens with its own passphrase only and holds the one case.
    expect((await json<CaseList>(['case', 'list'], to, travel)).items.map((c) => [c.id, c.title])).toEqual([[trip, 'Пытки в ИВС Оша']]);
    expect((await runCli(['case', 'list', '--vault', to], { env: home })).code).toBe(3);
    expect((await json<Persons>(['person', 'list'], to, travel)).items).toEqual([]);
    // Its recovery key is a real one: it sets a new passphrase.
    const rec = await runCli(['recover', '--vault', to], { env: { SAKTA_RECOVERY_KEY: key!, SAKTA_NEW_PASSPHRASE: `${TRAVEL_PASS} 2` } });
    expect(rec.code, rec.stderr).toBe(0);
    const travel2 = { SAKTA_PASSPHRASE: `${TRAVEL_PASS} 2` };

    // In the field: a witness joins the case.
    const witness = await sakta(['person', 'add', '--name', 'Свидетель Турсунов'], to, travel2);
    await sakta(['role', 'add', '--case', trip, '--person', witness, '--role', 'witness'], to, travel2);
    // Back at the office: one exchange each side.
    expect(await sakta(['sync', '--via', via], to, travel2)).toMatch(/Sent case .+: segment 1/);
    expect(await sakta(['sync', '--via', via], homeDir, home)).toMatch(/Applied case .+ segment 1/);
    expect((await json<Persons>(['person', 'list', '--search', 'Турсунов'], homeDir, home)).items.map((p) => p.name)).toEqual(['Свидетель Турсунов']);

    expect(await sakta(['travel', 'retire', '--member', name!, '--via', via], homeDir, home)).toContain(`from case ${trip} (new key epoch 2)`);
    const shred = await runCli(['shred', '--vault', to, '--yes'], {});
    expect(shred.code, shred.stderr).toBe(0);
    expect(fs.existsSync(to)).toBe(false);
  });

  it('travel create whose output nobody reads fails and takes the travel vault back: no vault with a key no one saw, no member left', async () => {
    const homeDir = path.join(tmpDir(), 'home');
    expect((await runCli(['init', '--vault', homeDir, '--json'], { env: home })).code).toBe(0);
    const trip = await sakta(['case', 'add', '--title', 'Пытки в ИВС Оша'], homeDir, home);
    const to = path.join(tmpDir(), 'travel');
    const via = tmpDir('sakta-sync-');
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'travel', 'create', '--vault', homeDir, '--cases', trip, '--to', to, '--via', via], {
        env: { ...process.env, ...home, SAKTA_NEW_PASSPHRASE: TRAVEL_PASS },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/The recovery key could not be written out \(.*EPIPE.*\), so the travel vault was erased again/);
    expect(fs.existsSync(to)).toBe(false);
    const members = await json<{ members: { self: boolean; status: string }[] }>(['members', '--case', trip], homeDir, home);
    expect(members.members.filter((m) => !m.self).map((m) => m.status)).toEqual(['removed']);
  });
});
