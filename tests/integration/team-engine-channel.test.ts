import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/composition/app-services';
import type { Channel } from '../../shared/ipc/contract';
import { SYNC_PROBLEM_MESSAGES, type TeamEngine } from '../../shared/schemas/sync-engine';
import { dispatcherFor } from '../helpers/ipc';
import { startPeer, syncRoot, waitFor } from '../helpers/syncthing';
import { APP_CALLER } from './documents-fixtures';
import { laptop, pairTeam } from './team-sync-fixtures';

/**
 * Issue 19, the Team screen's engine panel: `team.engine` through the real dispatcher and handler, over vaults whose
 * Sakta runs its own Syncthing on 127.0.0.1 (real daemons), as a lawyer's window reads it.
 */


function channel(s: AppServices) {
  const dispatch = dispatcherFor(s, { allowedOrigins: [APP_CALLER.origin] });
  return async (ch: Channel, req: unknown) => dispatch(ch, req, APP_CALLER);
}

async function engineOf(s: AppServices): Promise<TeamEngine> {
  const r = await channel(s)('team.engine', {});
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as TeamEngine;
}

describe('team.engine: Sakta\u2019s Syncthing in the window', () => {
  it('stopped, then running with its peer online and the shared case\u2019s folder; a stranger knocking shows PEER_UNKNOWN with its device id', async () => {
    const root = syncRoot();
    const a = await laptop(root, 'a');
    const b = await laptop(root, 'b');
    // Nothing started it yet (no case carried by Syncthing): stopped, no problem, no case.
    expect(await engineOf(a)).toEqual({ state: 'stopped', deviceId: null, peersOnline: 0, problems: [], cases: [] });

    await pairTeam(a, b, path.join(root, 'pairing'), { b: 'Бакыт', a: 'Асель' });

    const running = await engineOf(a);
    expect(running.state).toBe('running');
    expect(running.deviceId).toBe(a.teamSync.contact()!.device);
    await waitFor('A sees B online', async () => (await engineOf(a)).peersOnline === 1);

    const caseId = a.caseWork.cases.create({ title: 'Жолдошева против Ошского ГОВД' }).id;
    await a.teamSync.share(caseId, 'Бакыт');
    await waitFor('the case\u2019s folder has its member connected and nothing to fetch', async () => {
      const row = (await engineOf(a)).cases.find((c) => c.caseId === caseId);
      return row?.folder?.peersConnected === 1 && row.folder.filesWaiting === 0;
    });
    const row = (await engineOf(a)).cases.find((c) => c.caseId === caseId)!;
    expect(row).toMatchObject({ title: 'Жолдошева против Ошского ГОВД', openConflicts: 0, folder: { peersTotal: 1, bytesToGo: 0, progress: 1 } });

    // A daemon that is no member dials A: refused, and the panel says so with the device it was.
    const stranger = await startPeer(root, 'x');
    await stranger.addDevice(a.teamSync.contact()!.device, { addresses: [a.teamSync.contact()!.address] });
    await waitFor('PEER_UNKNOWN in team.engine', async () => (await engineOf(a)).problems.some((p) => p.code === 'PEER_UNKNOWN' && p.detail === stranger.deviceId), 90_000);
    const knock = (await engineOf(a)).problems.find((p) => p.code === 'PEER_UNKNOWN')!;
    expect(knock.message).toBe(SYNC_PROBLEM_MESSAGES.PEER_UNKNOWN);
    // Still running, still one peer: the stranger is not counted.
    expect(await engineOf(a)).toMatchObject({ state: 'running', peersOnline: 1 });
  }, 240_000);

  it('no Syncthing where the build ships it: "not installed", with how to install it', async () => {
    const root = syncRoot();
    const s = await laptop(root, 'v', null, { shipped: path.join(root, 'resources', 'syncthing', 'syncthing') });
    await expect(s.teamSync.start()).rejects.toMatchObject({ problem: 'ENGINE_MISSING' });
    const e = await engineOf(s);
    expect(e.state).toBe('missing');
    expect(e.problems.map((p) => p.code)).toEqual(['ENGINE_MISSING']);
    expect(e.problems[0]!.message.toLowerCase()).toContain('apt-get install syncthing');
  });

  it('a malformed request is refused at the gate with BAD_REQUEST, before the handler runs', async () => {
    const s = await laptop(syncRoot(), 'v');
    const call = channel(s);
    // (An absent request is the empty one, as the preload sends it; anything else must be exactly {}.)
    for (const bad of [{ caseId: 'x' }, 'engine', [], 7, { state: 'running' }]) {
      const r = await call('team.engine', bad);
      expect(r.ok ? 'accepted' : r.error.code).toBe('BAD_REQUEST');
    }
    expect(s.teamSync.running).toBe(false);
  });
});
