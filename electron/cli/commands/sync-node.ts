import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { DeviceIdSchema, SyncthingManager } from '../../services/syncthing';
import { str, type CliCommand } from '../registry';

/** `ID` or `ID@tcp://host:port`: a peer's Syncthing device id, and where to reach it when the node should dial. */
export function parsePeer(spec: string): { id: string; addresses: string[] } {
  const at = spec.indexOf('@');
  const id = DeviceIdSchema.safeParse(at < 0 ? spec : spec.slice(0, at));
  if (!id.success) throw new SaktaError('BAD_REQUEST', `--peer ${spec}: not a Syncthing device id (8 groups of 7 letters and digits)`);
  return { id: id.data, addresses: at < 0 ? [] : [spec.slice(at + 1)] };
}

/** Resolves at the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * The office node: a headless, always-on Syncthing peer that stores and relays the sealed files of shared cases.
 * It opens no vault and holds no case key; what it stores is what members put in their folders (sealed segments
 * and padded blob files), so a seized node yields ciphertext only (docs/sync.md, "Syncthing").
 */
export const commands: CliCommand[] = [
  {
    name: 'sync-node',
    summary: 'Run an always-on office peer that stores and relays shared cases\u2019 sealed files (no vault, no keys)',
    usage: 'sakta sync-node --dir DIR [--listen tcp://0.0.0.0:22000] [--peer DEVICE_ID[@tcp://host:port]]... [--json]   (--peer: the exact list of member devices; none keeps the last list)',
    options: { dir: { type: 'string' }, listen: { type: 'string' }, peer: { type: 'string', multiple: true } },
    async run(ctx) {
      const dir = str(ctx.values.dir);
      if (!dir) throw new SaktaError('BAD_REQUEST', `--dir DIR is required (usage: ${this.usage})`);
      const peers = ((ctx.values.peer as string[] | undefined) ?? []).map(parsePeer);
      const root = path.resolve(dir);
      const listen = str(ctx.values.listen) ?? 'tcp://0.0.0.0:22000';
      const manager = new SyncthingManager({
        dataDir: root,
        listenAddress: listen,
        // The node has a fixed address its peers are given; broadcasting its id on the office network adds nothing.
        localDiscovery: false,
        acceptDir: path.join(root, 'folders'),
        logFile: path.join(root, 'syncthing', 'node.log'),
        rescanIntervalS: 3600,
        fsWatcherDelayS: 2,
      });
      const stopped = untilSignal();
      await manager.start();
      try {
        for (const p of peers) await manager.addDevice(p.id, { addresses: p.addresses });
        // With --peer, the list is exact: a member removed from the team is left out at the next start, and leaving
        // them out drops their device from every folder here (what they would still get is sealed to keys they lack).
        if (peers.length > 0) for (const d of await manager.devices()) if (!peers.some((p) => p.id === d)) await manager.removeDevice(d);
        const known = await manager.devices();
        if (ctx.values.json) ctx.json({ deviceId: manager.deviceId, listen, peers: known });
        else {
          ctx.out(`Office node running. Its device id (give it to each member's Sakta): ${manager.deviceId}`);
          ctx.out(`Listening on ${listen}; ${known.length} peer device(s) accepted. Stop with Ctrl+C.`);
        }
        await Promise.race([stopped, manager.stopped()]);
      } finally {
        await manager.stop();
      }
      if (!ctx.values.json) ctx.out('Office node stopped.');
    },
  },
];
