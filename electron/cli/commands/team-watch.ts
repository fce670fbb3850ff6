import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SaktaError } from '../../../shared/errors';
import { SyncEngineStatusSchema, SyncProblemCodeSchema } from '../../../shared/schemas/sync-engine';
import type { AppServices } from '../../composition/app-services';
import type { SyncSummary } from '../../services/sync/sync-service';
import { str, type CliContext } from '../registry';
import { parsePeer, untilSignal } from './sync-node';

/**
 * `sakta sync --watch`: Sakta's Syncthing for this vault, exchanging every shared case by itself until SIGINT or
 * SIGTERM (docs/sync.md, "Team sync"). While it runs it keeps `status.json` in the team folder (folder ids,
 * counts and problem codes; no case id, no name) for `sakta sync-status`.
 */

const STATUS_FILE = 'status.json';

/** What the watch process leaves for `sync-status`: the engine as it last saw it. */
export const WatchStatusSchema = z.strictObject({
  pid: z.number().int(),
  at: z.string(),
  peersOnline: z.number().int().nonnegative(),
  engine: SyncEngineStatusSchema,
  problems: z.array(z.strictObject({ code: z.union([z.literal('EXCHANGE_FAILED'), SyncProblemCodeSchema]), folderId: z.string(), message: z.string(), at: z.string() })),
});
export type WatchStatus = z.output<typeof WatchStatusSchema>;

export function configureTeam(ctx: CliContext, s: AppServices): void {
  const offices = ((ctx.values.office as string[] | undefined) ?? []).map((spec) => {
    const p = parsePeer(spec);
    if (!p.addresses[0]) throw new SaktaError('BAD_REQUEST', `--office ${spec}: give the node's address too, as DEVICE_ID@tcp://host:port`);
    return { device: p.id, address: p.addresses[0] };
  });
  const listen = str(ctx.values.listen);
  const dir = str(ctx.values['team-dir']);
  s.teamSync.configure({
    ...(dir ? { dataDir: path.resolve(dir) } : {}),
    ...(offices.length ? { offices } : {}),
    ...(listen ? { engine: { listenAddress: listen } } : {}),
  });
}

export async function watch(ctx: CliContext, s: AppServices): Promise<void> {
  configureTeam(ctx, s);
  const team = s.teamSync;
  const stopped = untilSignal();
  const statusPath = path.join(team.dataDir, STATUS_FILE);
  const writeStatus = async () => {
    if (!team.running) return;
    const st = await team.status();
    const out: WatchStatus = { pid: process.pid, at: new Date().toISOString(), peersOnline: st.peersOnline, engine: st.engine!, problems: st.problems };
    const tmp = `${statusPath}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(out), { mode: 0o600 });
    fs.renameSync(tmp, statusPath);
  };
  const print = (folderId: string, r: SyncSummary) => {
    if (ctx.values.json) return ctx.out(JSON.stringify({ folderId, ...r }));
    for (const x of r.sent) ctx.out(`Sent case ${x.caseId}: segment ${x.counter}, ${x.changes} change(s), ${x.documents} document file(s).`);
    for (const x of r.received) ctx.out(`Applied case ${x.caseId} from ${x.from}: segment ${x.counter}, ${x.changes} change(s), ${x.conflictsOpened} new conflict(s).`);
    for (const rep of r.reports) if (rep.code !== 'BLOB_WAITING') ctx.out(`${rep.code}: ${rep.message}`);
  };
  const off = team.onExchange((folderId, r) => {
    print(folderId, r);
    void writeStatus().catch(() => undefined);
  });
  const every = setInterval(() => void writeStatus().catch(() => undefined), 5_000);
  try {
    await team.start();
    const me = team.contact()!;
    if (ctx.values.json) ctx.out(JSON.stringify({ running: true, engineDevice: me.device, listen: me.address }));
    else ctx.out(`Syncing shared cases through Syncthing (device ${me.device}, ${me.address}). Stop with Ctrl+C.`);
    await writeStatus();
    await stopped;
  } finally {
    clearInterval(every);
    off();
    await team.stop();
    fs.rmSync(statusPath, { force: true });
  }
  if (!ctx.values.json) ctx.out('Stopped.');
}

/** The running watch process's view of the engine, or null when none runs for this vault's team folder. */
export function readWatchStatus(s: AppServices): WatchStatus | null {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(s.teamSync.dataDir, STATUS_FILE), 'utf8'));
  } catch {
    return null;
  }
  const parsed = WatchStatusSchema.safeParse(raw);
  if (!parsed.success) return null;
  try {
    process.kill(parsed.data.pid, 0);
  } catch {
    return null;
  }
  return parsed.data;
}
