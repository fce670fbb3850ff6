import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const PASS = 'cli passphrase — Ош 2010';
const env = { SAKTA_PASSPHRASE: PASS };

async function sakta(args: string[], vault?: string) {
  const r = await runCli(vault ? [...args, '--vault', vault] : args, { env });
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout.trim();
}

/** The deadline commands through bin/sakta.cjs, as a lawyer types them. */
describe('sakta CLI: deadline rules', () => {
  it('lists the rules with their articles, and marks the unverified ones', async () => {
    const out = await sakta(['rules', 'list']);
    expect(out).toMatch(/kg-upk\.154-3\s+10 days\s+УПК КР \(2021 № 129\), ст\. 154\(3\) \[verified\]/);
    expect(out).toMatch(/un\.hrc-submission .*\[UNVERIFIED\]/);
    const json = JSON.parse(await sakta(['rules', 'list', '--json'])) as { ruleSets: { id: string; rules: { citation: { article: string } }[] }[] };
    expect(json.ruleSets.map((s) => s.id)).toEqual(['kg-upk', 'un']);
    expect(json.ruleSets.flatMap((s) => s.rules).every((r) => r.citation.article.length > 0)).toBe(true);
  });

  it('computes a deadline with the count in words, in English and Russian, without a vault', async () => {
    expect((await sakta(['deadline', 'compute', '--rule', 'kg-upk.154-3', '--from', '12.03.2026'])).split('\n')).toEqual([
      '2026-03-23  Appeal against a refusal to open a criminal case',
      '  10 days from receipt: 13.03 → 22.03; 22.03 is a Sunday → 23.03',
      '  УПК КР (2021 № 129), ст. 154(3) (verified; text of 2025-08-09)',
    ]);
    expect(await sakta(['deadline', 'compute', '--rule', 'kg-upk.97-5', '--from', '2026-03-12', '--time', '22:15', '--language', 'ru'])).toContain('45 часов с момента события: 12.03 22:15 → 14.03 19:15');
    const bad = await runCli(['deadline', 'compute', '--rule', 'kg-upk.999', '--from', '2026-03-12'], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/No rule "kg-upk\.999"/);
    const vague = await runCli(['deadline', 'compute', '--rule', 'kg-upk.154-3', '--from', '2026-03'], { env });
    expect(vague.code).toBe(2);
  }, 120_000);

  it('prints the holidays of a year with their sources, and says when a year is unknown', async () => {
    const y = await sakta(['holidays', '--year', '2026']);
    expect(y).toContain('2026-03-21  day off      Nooruz');
    expect(y).toContain('2026-02-07  working day  Working Saturday (for 8 January)');
    expect(y).toMatch(/2026-05-27 .*Kurman Ait \[unverified\]/);
    expect(await sakta(['holidays', '--year', '2031'])).toContain('No holiday data for 2031');
  });

  it('proposes deadlines when event add records a refusal, accepts one, and recounts it after a calendar correction', async () => {
    const v = path.join(tmpDir(), 'vault');
    expect((await runCli(['init', '--vault', v, '--json'], { env })).code).toBe(0);
    const kase = await sakta(['case', 'add', '--title', 'Пытки в ИВС'], v);
    const added = (await sakta(['event', 'add', '--case', kase, '--date', '2026-03-12', '--type', 'decision', '--description', 'Отказ в возбуждении уголовного дела'], v)).split('\n');
    const eventId = added[0]!;
    expect(added.slice(1).join('\n')).toContain(`Proposed deadlines (accept with: sakta deadline accept --event ${eventId} --rule RULE):`);
    expect(added.join('\n')).toContain('10 days from receipt: 13.03 → 22.03; 22.03 is a Sunday → 23.03');
    const nothing = (await sakta(['event', 'add', '--case', kase, '--date', '2026-03-12', '--type', 'medical_examination'], v)).split('\n');
    expect(nothing).toHaveLength(1); // no rule starts from it: the id alone
    const accepted = await sakta(['deadline', 'accept', '--event', eventId, '--rule', 'kg-upk.154-3'], v);
    expect(accepted).toMatch(/ 2026-03-23 {2}УПК КР \(2021 № 129\), ст\. 154\(3\)$/);
    expect(await sakta(['holidays', 'set', '--date', '2026-03-23', '--kind', 'non_working', '--name', 'Объявлен выходным'], v)).toBe('2026-03-23 saved; 1 deadline(s) recounted');
    const shown = JSON.parse(await sakta(['case', 'show', kase, '--json'], v)) as { openDeadlines: { dueOn: string }[] };
    expect(shown.openDeadlines.map((d) => d.dueOn)).toEqual(['2026-03-24']);
    const listed = await sakta(['holidays', '--year', '2026'], v);
    expect(listed).toContain('2026-03-23  day off      Объявлен выходным [unverified]  — entered in this vault');
    const dupe = await runCli(['deadline', 'accept', '--event', eventId, '--rule', 'kg-upk.154-3', '--vault', v], { env });
    expect(dupe.code).not.toBe(0);
    expect(dupe.stderr).toMatch(/already accepted/);
  }, 300_000); // a dozen whole CLI processes, each deriving the vault key, on a loaded two-core machine
});
