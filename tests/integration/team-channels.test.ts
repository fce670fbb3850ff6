import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../../shared/ipc/contract';
import { dispatcherFor } from '../helpers/ipc';
import { tmpDir } from '../helpers/tmp';
import { APP_CALLER, vaultWithCase } from './documents-fixtures';
import { device, folderFiles, idOf } from './sharing-fixtures';

/**
 * The `team.*` channels as the window reaches them: folders only by dialog tokens, the identity only by its own
 * step, pairing only by the code the other device computes, and a removal that keeps the case for the others.
 */
async function setUp() {
  const v = await vaultWithCase('Team channels');
  const dispatch = dispatcherFor(v.services, { allowedOrigins: [APP_CALLER.origin] });
  const call = async (channel: Channel, req: unknown) => dispatch(channel, req, APP_CALLER);
  return { ...v, call };
}

describe('team channels', () => {
  it('a read never makes the identity; pairing asks for it first and leaves nothing in the folder', async () => {
    const { services, call } = await setUp();
    expect(await call('team.identity', {})).toMatchObject({ ok: true, value: { deviceId: null, peers: [], teamFolder: null } });
    expect(services.sharing.identity.get(services.vault.current().db)).toBeNull();
    const folder = tmpDir();
    const r = await call('team.pair', { folder: services.picked.grant('pairing-folder', folder).token });
    expect(r.ok ? r : r.error.code).toBe('VALIDATION');
    expect(folderFiles(folder)).toEqual([]);
  });

  it('folders cross only as tokens of their own purpose; the settings refuse a typed team folder', async () => {
    const { services, call } = await setUp();
    const folder = tmpDir();
    const refused = async (channel: Channel, req: unknown) => {
      const r = await call(channel, req);
      return r.ok ? 'accepted' : r.error.code;
    };
    // A typed path is not a token: the gate's schema refuses it before any handler runs.
    expect(await refused('team.setFolder', { folder })).toBe('BAD_REQUEST');
    // A token drawn for a backup folder is not a team folder.
    expect(await refused('team.setFolder', { folder: services.picked.grant('backup-folder', folder).token })).toBe('VALIDATION');
    expect(await refused('settings.update', { patch: { teamFolder: folder } })).toBe('VALIDATION');
    expect(services.settings.get().teamFolder).toBeNull();
    expect(await refused('team.setFolder', { folder: services.picked.grant('team-folder', folder).token })).toBe('accepted');
    expect(services.settings.get().teamFolder).toBe(fs.realpathSync(folder));
  });

  it('a wrong code pairs nothing; the code the other device computes pairs it; sharing needs the team folder', async () => {
    const { services, call, caseId } = await setUp();
    await call('team.setUp', {});
    const folder = path.join(tmpDir(), 'usb');
    fs.mkdirSync(folder);
    const peer = await device();
    peer.sharing.pairing.offer(folder);
    const token = services.picked.grant('pairing-folder', folder).token;
    const scan = await call('team.pair', { folder: token });
    if (!scan.ok) throw new Error(scan.error.message);
    const offers = (scan.value as { offers: { deviceId: string; safetyCode: string }[] }).offers;
    const theirs = peer.sharing.pairing.scan(folder).offers;
    expect(offers.map((o) => [o.deviceId, o.safetyCode])).toEqual([[idOf(peer), theirs[0]!.safetyCode]]);

    const wrong = theirs[0]!.safetyCode.replace(/^\d/, (d) => String((Number(d) + 1) % 10));
    const bad = await call('team.confirmPair', { folder: token, code: wrong, name: 'Aigul' });
    expect(bad.ok ? bad : bad.error.code).toBe('NOT_FOUND');
    expect(services.sharing.pairing.peers()).toEqual([]);
    // The same token still names the folder: the lawyer can correct the code.
    expect(await call('team.confirmPair', { folder: token, code: theirs[0]!.safetyCode, name: 'Aigul' })).toMatchObject({ ok: true, value: { name: 'Aigul' } });
    const id = await call('team.identity', {});
    expect(id).toMatchObject({ ok: true, value: { peers: [{ deviceId: idOf(peer), name: 'Aigul', safetyCode: theirs[0]!.safetyCode }] } });

    const noFolder = await call('team.share', { caseId, deviceId: idOf(peer) });
    expect(noFolder.ok ? noFolder : noFolder.error.code).toBe('VALIDATION');
    expect(await call('team.members', { caseId })).toMatchObject({ ok: true, value: { shared: false, members: [] } });
  });
});
