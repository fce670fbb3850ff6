import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { reportCounts, runAndKill, STRESS, timeCommand } from '../helpers/kill';
import { tmpDir } from '../helpers/tmp';

/**
 * A passphrase change killed at a random moment must leave a vault that opens with exactly one of the two
 * passphrases (all or nothing) and passes its integrity check.
 */
describe('crash consistency: passphrase change', () => {
  it('SIGKILL at random moments during `sakta passwd` never leaves a vault that neither passphrase opens', async () => {
    // Runs until this many kills have landed inside the command (some rounds finish before their kill).
    const target = STRESS ? 260 : 50;
    const dir = path.join(tmpDir(), 'vault');
    // Passphrases strong enough for the service's floor (a word list and the round number).
    const pass = (i: number | string) => `crash passphrase number ${i} — Нарын`;
    expect((await runCli(['init', '--vault', dir], { env: { SAKTA_PASSPHRASE: pass(0) } })).code).toBe(0);
    const span = (await timeCommand(['passwd', '--vault', dir], { SAKTA_PASSPHRASE: pass(0), SAKTA_NEW_PASSPHRASE: pass('cal') })) * 1.3;
    let current = pass('cal');
    let kills = 0;
    let completed = 0;
    let rounds = 0;
    for (let i = 1; kills < target && i <= target * 4; i++) {
      rounds = i;
      const next = pass(i);
      const r = await runAndKill(['passwd', '--vault', dir], { SAKTA_PASSPHRASE: current, SAKTA_NEW_PASSPHRASE: next }, Math.random() * span);
      if (r.killed) kills++;
      else completed++;
      const newWorks = (await runCli(['unlock-check', '--vault', dir], { env: { SAKTA_PASSPHRASE: next } })).code;
      const oldWorks = (await runCli(['unlock-check', '--vault', dir], { env: { SAKTA_PASSPHRASE: current } })).code;
      if (!r.killed) expect(r.code).toBe(0);
      // Exactly one opens it, and that one passes the full check (exit 0); the other is refused (exit 3).
      expect([newWorks, oldWorks].sort(), `round ${i}`).toEqual([0, 3]);
      if (newWorks === 0) current = next;
    }
    reportCounts('crash-passwd', { rounds, kills, completed });
    expect(kills).toBeGreaterThan(0);
  }, 15 * 60_000);
});
