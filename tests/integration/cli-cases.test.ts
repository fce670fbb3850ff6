import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices } from '../../electron/composition/app-services';
import { addDays, localDay } from '../../electron/services/cases/context';
import { CaseExportSchema } from '../../shared/schemas/case-export';
import { DashboardSchema } from '../../shared/schemas/agenda';
import { runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const PASS = 'cli passphrase — Ош 2010';
const env = { SAKTA_PASSPHRASE: PASS };

async function sakta(args: string[], vault: string): Promise<string> {
  const r = await runCli([...args, '--vault', vault], { env });
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout.trim();
}

async function newCliVault(): Promise<string> {
  const dir = path.join(tmpDir(), 'vault');
  const r = await runCli(['init', '--vault', dir, '--json'], { env });
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

// Each test is a sequence of whole CLI processes (about 25 in the first): 22 s on a quiet 2-core machine, more
// than a minute with another suite running beside it, so they get three minutes.
describe('sakta CLI: case work', { timeout: 180_000 }, () => {
  it('the issue scenario through the CLI gives the same agenda as the service, and export-case round-trips', async () => {
    const v = await newCliVault();
    const today = localDay(new Date());
    const kase = await sakta(['case', 'add', '--title', 'Пытки в ИВС', '--number', '1-123/2015', '--number', 'CCPR/C/2761/2016', '--category', 'torture', '--opened', '2014-07-20'], v);
    const client = await sakta(['person', 'add', '--name', 'Азамат Токтогулов', '--translit', 'Azamat Toktogulov'], v);
    const father = await sakta(['person', 'add', '--name', 'Бакыт Токтогулов'], v);
    await sakta(['role', 'add', '--case', kase, '--person', client, '--role', 'client'], v);
    await sakta(['person', 'update', client, '--died', '2016-03-02'], v);
    await sakta(['role', 'add', '--case', kase, '--person', father, '--role', 'family_representative', '--represents', client, '--since', '2016-04-01'], v);
    const p1 = await sakta(['proceeding', 'add', '--case', kase, '--type', 'complaint_to_prosecutor', '--started', '2014-07-25', '--status', 'decided'], v);
    const p2 = await sakta(['proceeding', 'add', '--case', kase, '--type', 'appeal_of_refusal', '--parent', p1, '--started', '2014-09-01'], v);
    const p3 = await sakta(['proceeding', 'add', '--case', kase, '--type', 'un_treaty_body', '--parent', p2, '--started', '2016-05-10'], v);
    await sakta(['event', 'add', '--case', kase, '--date', '2014-07-18', '--time', '23:00', '--type', 'arrest', '--person', client], v);
    await sakta(['event', 'add', '--case', kase, '--date', '2014-07', '--type', 'ill_treatment'], v);
    await sakta(['event', 'add', '--case', kase, '--date', 'лето 2014', '--type', 'incident'], v);
    await sakta(['hearing', 'add', '--case', kase, '--date', addDays(today, 7), '--time', '10:00', '--body', 'Pervomaisky District Court', '--proceeding', p2], v);
    const overdue = await sakta(['deadline', 'add', '--case', kase, '--due', addDays(today, -3), '--what', 'Comments on observations', '--proceeding', p3], v);
    const done = await sakta(['deadline', 'add', '--case', kase, '--due', addDays(today, -5), '--what', 'Already filed'], v);
    await sakta(['deadline', 'done', done], v);

    const agenda = DashboardSchema.parse(JSON.parse(await sakta(['agenda', '--json'], v)));
    expect(agenda.hearings.map((h) => [h.caseTitle, h.date, h.time])).toEqual([['Пытки в ИВС', addDays(today, 7), '10:00']]);
    expect(agenda.overdue.map((d) => d.id)).toEqual([overdue]);

    // The same vault through the services the app uses: the same agenda.
    const services = createAppServices({ vaultDir: v, crypto: createNativeCrypto(), allowTestKdf: true });
    await services.vault.unlock(PASS);
    try {
      expect(services.caseWork.agenda.dashboard({ days: 14 })).toEqual(agenda);
    } finally {
      services.vault.lock();
    }

    const text = await sakta(['agenda'], v);
    expect(text).toMatch(/OVERDUE:\n.*Comments on observations/);
    expect(text).toContain('Pervomaisky District Court');

    const show = await sakta(['case', 'show', kase], v);
    expect(show).toMatch(/client\s+Азамат Токтогулов \(deceased\); represented by Бакыт Токтогулов/);
    expect(show.indexOf('лето 2014') === -1 && show.indexOf('summer 2014') > -1).toBe(true);
    expect(await sakta(['case', 'list', '--search', 'пытки'], v)).toContain('Пытки в ИВС');
    expect(await sakta(['case', 'list', '--search', 'ПЫТКИ'], v)).toContain('Пытки в ИВС');

    const out = path.join(tmpDir(), 'export.json');
    await sakta(['export-case', '--case', kase, '--out', out], v);
    const exported = CaseExportSchema.parse(JSON.parse(fs.readFileSync(out, 'utf8')));
    expect(exported.case.courtNumbers.map((n) => n.number)).toEqual(['1-123/2015', 'CCPR/C/2761/2016']);
    expect(exported.proceedings.map((p) => p.id)).toEqual([p1, p2, p3]);
    expect(exported.events.map((e) => e.date.precision)).toEqual(['season', 'month', 'day']);
    expect(exported.persons).toHaveLength(2);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['export.json']); // no temp file left beside it
  });

  it('bad input exits 2 with one line on stderr and saves nothing', async () => {
    const v = await newCliVault();
    const kase = await sakta(['case', 'add', '--title', 'Case', '--opened', '2020-01-10'], v);
    const bad: string[][] = [
      ['case', 'add', '--title', ''],
      ['case', 'add', '--title', 'x', '--opened', '2020-02-30'],
      ['event', 'add', '--case', kase, '--date', 'sometime', '--type', 'incident'],
      ['event', 'add', '--case', kase, '--date', '2015', '--type', 'incident', '--person', '6f1c2f0e-1111-4a2b-9c3d-000000000000'],
      ['role', 'add', '--case', kase, '--person', '6f1c2f0e-1111-4a2b-9c3d-000000000000', '--role', 'client'],
      ['deadline', 'add', '--case', kase, '--due', '2020-13-01', '--what', 'x'],
      ['agenda', '--days', 'many'],
      ['case', 'add', '--title', 'x', '--no-such-option'],
    ];
    for (const args of bad) {
      const r = await runCli([...args, '--vault', v], { env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n').length <= 2 && r.stderr.trim().length > 0, r.stderr).toBe(true);
      expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack
    }
    const single = await runCli(['event', 'add', '--case', kase, '--date', '2015', '--type', 'incident', '--person', '6f1c2f0e-1111-4a2b-9c3d-000000000000', '--vault', v], { env });
    expect(single.stderr.trim().split('\n')).toHaveLength(1);
    expect(single.stderr).toContain('personIds.0');
    // A deadline before the case opened is allowed.
    await sakta(['deadline', 'add', '--case', kase, '--due', '2019-12-01', '--what', 'Inherited deadline'], v);
    const list = JSON.parse(await sakta(['case', 'list', '--json'], v));
    expect(list.total).toBe(1);
    const shown = JSON.parse(await sakta(['case', 'show', kase, '--json'], v));
    expect(shown.events).toEqual([]);
    expect(shown.openDeadlines.map((d: { what: string }) => d.what)).toEqual(['Inherited deadline']);
  });

  it('reads dates as the app forms do: 20.02.2024, март 2025, лето 2014; a day option refuses a month', async () => {
    const v = await newCliVault();
    const kase = await sakta(['case', 'add', '--title', 'Даты', '--opened', '20.02.2024'], v);
    await sakta(['event', 'add', '--case', kase, '--date', 'март 2025', '--type', 'incident'], v);
    await sakta(['event', 'add', '--case', kase, '--date', '20 февраля 2024', '--type', 'arrest'], v);
    await sakta(['hearing', 'add', '--case', kase, '--date', '20.02.30', '--time', '10:00'], v);
    const month = await runCli(['hearing', 'add', '--case', kase, '--date', 'March 2030', '--vault', v], { env });
    expect(month.code).toBe(2);
    expect(month.stderr).toContain('needs an exact day');
    const shown = JSON.parse(await sakta(['case', 'show', kase, '--json'], v));
    expect(shown.case.openedOn).toBe('2024-02-20');
    const out = path.join(tmpDir(), 'dates.json');
    await sakta(['export-case', '--case', kase, '--out', out], v);
    const exported = CaseExportSchema.parse(JSON.parse(fs.readFileSync(out, 'utf8')));
    expect(exported.events.map((e) => e.date)).toEqual([
      { precision: 'day', date: '2024-02-20' },
      { precision: 'month', year: 2025, month: 3 },
    ]);
    expect(exported.hearings.map((h) => h.date)).toEqual(['2030-02-20']);
  });
});
