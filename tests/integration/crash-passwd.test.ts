import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { reportCounts, runAndKill, STRESS } from '../helpers/kill';
import { tmpDir } from '../helpers/tmp';

/**
 * A passphrase change killed at a random moment must leave a vault that opens with exactly one of the two
 * passphrases (all or nothing) and passes its integrity check.
 */
describe('crash consistency: passphrase change', () => {
  it('SIGKILL at random moments during `sakta passwd` never leaves a vault that neither passphrase opens', async () => {
    const rounds = STRESS ? 250 : 40;
    const dir = path.join(tmpDir(), 'vault');
    expect((await runCli(['init', '--vault', dir], { env: { SAKTA_PASSPHRASE: 'pass-0' } })).code).toBe(0);
    let current = 'pass-0';
    let kills = 0;
    let completed = 0;
    for (let i = 1; i <= rounds; i++) {
      const next = `pass-${i}`;
      const r = await runAndKill(['passwd', '--vault', dir], { SAKTA_PASSPHRASE: current, SAKTA_NEW_PASSPHRASE: next }, Math.random() * 250);
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
  });
});
