import { describe, expect, it } from 'vitest';
import { CLI_PASS, newCliVault, runCli, sakta, saktaJson } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const env = { SAKTA_PASSPHRASE: CLI_PASS };
const json = saktaJson;

type Offers = { deviceId: string; offers: { deviceId: string; safetyCode: string; pairedAs: string | null }[] };
type Members = { members: { deviceId: string; name: string | null; self: boolean; status: string }[] };

// About twenty whole CLI processes, each deriving its vault key, on a loaded two-core machine.
describe('sakta CLI: identity, pairing, sharing, members', { timeout: 240_000 }, () => {
  it('two vaults pair through a folder with the same code on both sides, share a case and list its members', async () => {
    const a = await newCliVault();
    const b = await newCliVault();
    const via = tmpDir('sakta-sync-');
    const caseId = await sakta(['case', 'add', '--title', 'Пытки в ИВС'], a);

    const idA = (await json<{ deviceId: string; peers: unknown[] }>(['identity'], a)).deviceId;
    expect(idA).toMatch(/^[0-9a-f]{32}$/);
    expect((await json<{ deviceId: string }>(['identity'], a)).deviceId).toBe(idA);
    expect(await sakta(['identity'], b)).toMatch(/^Device id: [0-9a-f]{32}\nNo paired devices yet/);

    expect((await json<Offers>(['pair', '--via', via], a)).offers).toEqual([]);
    const onB = await json<Offers>(['pair', '--via', via], b);
    const onA = await json<Offers>(['pair', '--via', via], a);
    expect(onB.offers.map((o) => o.deviceId)).toEqual([idA]);
    expect(onA.offers.map((o) => o.deviceId)).toEqual([onB.deviceId]);
    const code = onA.offers[0]!.safetyCode;
    expect(onB.offers[0]!.safetyCode).toBe(code);
    expect(await sakta(['pair', '--via', via], a)).toContain(`safety code: ${code}`);

    const wrong = await runCli(['pair', '--vault', a, '--via', via, '--confirm', '0'.repeat(60), '--name', 'X'], { env });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/No offer in the folder has that safety code/);
    const hostile = await runCli(['pair', '--vault', a, '--via', via, '--confirm', code, '--name', 'Evil\u001b]0;title\u0007'], { env });
    expect(hostile.code).toBe(2);
    expect(hostile.stderr).not.toContain('\u001b');

    expect(await sakta(['pair', '--via', via, '--confirm', code, '--name', 'Коллега'], a)).toBe(`Paired with "Коллега" (${onB.deviceId}).`);
    expect((await json<{ paired: { name: string } }>(['pair', '--via', via, '--confirm', code.replace(/ /g, ''), '--name', 'Office'], b)).paired.name).toBe('Office');
    expect(await sakta(['identity'], a)).toContain(`Paired with "Коллега" (${onB.deviceId}), safety code ${code}`);

    const shared = await json<{ caseId: string; epoch: number; deviceId: string }>(['share', '--case', caseId, '--with', 'коллега', '--via', via], a);
    expect(shared).toMatchObject({ caseId, epoch: 1, deviceId: onB.deviceId });

    const onAMembers = await json<Members>(['members', '--case', caseId], a);
    expect(onAMembers.members.map((m) => [m.deviceId, m.name, m.status]).sort()).toEqual(
      [
        [idA, 'this device', 'active'],
        [onB.deviceId, 'Коллега', 'active'],
      ].sort(),
    );
    const onBMembers = await json<Members>(['members', '--case', caseId, '--via', via], b);
    expect(onBMembers.members.map((m) => [m.deviceId, m.name, m.status]).sort()).toEqual(
      [
        [idA, 'Office', 'active'],
        [onB.deviceId, 'this device', 'active'],
      ].sort(),
    );
    expect(await sakta(['members', '--case', caseId], b)).toContain(`${idA}  "Office"  member`);

    expect(await sakta(['unshare', '--case', caseId, '--member', 'Коллега', '--via', via], a)).toContain('new key epoch 2');
    expect(await sakta(['members', '--case', caseId], a)).toContain(`${onB.deviceId}  "Коллега"  removed (from key epoch 2`);

    const unknown = await runCli(['share', '--vault', a, '--case', caseId, '--with', 'nobody', '--via', via], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No paired device has that name or id/);
  });
});
