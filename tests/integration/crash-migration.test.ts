import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { parseHeader, type RecoverySlot } from '../../electron/vault/header';
import { recoverySlotKek, unwrapSlot } from '../../electron/vault/keys';
import { parseRecoveryKey } from '../../electron/vault/recovery-key';
import { GOLDEN, goldenCopy } from '../helpers/golden';
import { reportCounts, runAndKill, STRESS, timeCommand } from '../helpers/kill';
import { openAndVerify } from '../helpers/open-check';

const crypto = createNativeCrypto();

/** Does the recovery key still unwrap the current header's recovery slot? (Checked without changing anything.) */
function recoveryKeyOpens(dir: string): boolean {
  const body = parseHeader(fs.readFileSync(path.join(dir, 'vault.header')));
  const slot = body.slots.find((s): s is RecoverySlot => s.kind === 'recovery')!;
  const kek = recoverySlotKek(crypto, slot, parseRecoveryKey(crypto, GOLDEN.recoveryKey));
  return !!kek && unwrapSlot(crypto, body, slot, kek) !== null;
}

/**
 * The in-place migration of the golden format-1 vault to format 2, killed at random moments of its first
 * unlock: afterwards the header is of format 1 or 2, never neither; the passphrase and the recovery key both
 * open it, and it verifies.
 */
describe('crash consistency: format 1 → 2 migration', () => {
  it('SIGKILL at random moments during the first unlock of a format-1 vault never loses the vault', async () => {
    // Stress: more than npm test's 100; each round derives Argon2id keys, and 260 took 17-20 minutes of CI's 90.
    const target = STRESS ? 120 : 100;
    const env = { SAKTA_PASSPHRASE: GOLDEN.passphrase };
    const span = (await timeCommand(['unlock-check', '--vault', goldenCopy()], env)) * 1.2;
    let kills = 0;
    let rounds = 0;
    const formats = { 1: 0, 2: 0 };
    for (let i = 1; kills < target && i <= target * 4; i++) {
      rounds = i;
      const dir = goldenCopy();
      const r = await runAndKill(['unlock-check', '--vault', dir], env, Math.random() * span);
      if (r.killed) kills++;
      else expect(r.code).toBe(0);
      const body = parseHeader(fs.readFileSync(path.join(dir, 'vault.header')));
      formats[body.formatVersion]++;
      expect(recoveryKeyOpens(dir), `round ${i}: recovery key`).toBe(true);
      expect(await openAndVerify(dir, { passphrase: GOLDEN.passphrase }), `round ${i}`).toBe('ok');
      expect(parseHeader(fs.readFileSync(path.join(dir, 'vault.header'))).formatVersion).toBe(2);
      expect(recoveryKeyOpens(dir), `round ${i}: recovery key after migration`).toBe(true);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    reportCounts('crash-migration', { rounds, kills, leftFormat1: formats[1], leftFormat2: formats[2] });
    expect(kills).toBeGreaterThanOrEqual(target);
  }, 60 * 60_000);
});
