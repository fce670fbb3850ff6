import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { str, type CliCommand } from '../registry';
import { readWatchStatus, watch } from './team-watch';
import { problemsOf } from '../../services/team-sync';

/** Shared cases through a sync folder: one exchange, and each shared case's state (docs/sync.md). */

const SYNC =
  'sakta sync --vault DIR --via FOLDER [--json]   |   sakta sync --vault DIR --watch [--listen tcp://0.0.0.0:22000] [--office DEVICE_ID@tcp://host:port]... [--team-dir DIR] [--json]';

export const commands: CliCommand[] = [
  {
    name: 'sync',
    summary: "Exchange shared cases' changes through a folder: writes this device's new changes, applies the other members'",
    usage: SYNC,
    options: { via: { type: 'string' }, watch: { type: 'boolean' }, listen: { type: 'string' }, office: { type: 'string', multiple: true }, 'team-dir': { type: 'string' } },
    async run(ctx) {
      const via = str(ctx.values.via);
      if (ctx.values.watch) {
        if (via) throw new SaktaError('BAD_REQUEST', `--watch and --via do not go together (usage: ${SYNC})`);
        // Runs until SIGINT/SIGTERM: Sakta's Syncthing, every shared case exchanged in its folder by itself.
        return watch(ctx, await ctx.open());
      }
      if (!via) throw new SaktaError('BAD_REQUEST', `--via or --watch is required (usage: ${SYNC})`);
      const s = await ctx.open();
      const r = await s.sync.sync(path.resolve(via));
      if (ctx.values.json) return ctx.json(r);
      for (const k of r.keysReceived) ctx.out(`Received the key of case ${k.caseId} (epoch ${k.epoch}) from ${k.from}.`);
      for (const x of r.sent) ctx.out(`Sent case ${x.caseId}: segment ${x.counter}, ${x.changes} change(s), ${x.documents} document file(s).`);
      for (const x of r.received) ctx.out(`Applied case ${x.caseId} from ${x.from}: segment ${x.counter}, ${x.changes} change(s), ${x.documentsShown} document(s) shown, ${x.conflictsOpened} new conflict(s).`);
      if (!r.sent.length && !r.received.length) ctx.out('Nothing new to send or apply.');
      if (r.documentsWaiting) ctx.out(`${r.documentsWaiting} document(s) announced by others have not arrived yet; they stay hidden until they do.`);
      if (r.openConflicts) ctx.out(`${r.openConflicts} open conflict(s): sakta conflicts --vault DIR`);
      for (const rep of r.reports) ctx.out(`${rep.code}: ${rep.message}${rep.file ? ` (${rep.file})` : ''}`);
    },
  },
  {
    name: 'sync-status',
    summary: 'Each shared case: when it last sent and received, open conflicts, documents on their way; with `sync --watch` running, Syncthing\u2019s state too',
    usage: 'sakta sync-status --vault DIR [--team-dir DIR] [--json]',
    options: { 'team-dir': { type: 'string' } },
    async run(ctx) {
      const s = await ctx.open();
      const teamDir = str(ctx.values['team-dir']);
      if (teamDir) s.teamSync.configure({ dataDir: path.resolve(teamDir) });
      // The engine's state as the running `sakta sync --watch` of this vault last saw it (none running: null).
      const watching = readWatchStatus(s);
      const db = s.vault.current().db;
      const folderOf = (caseId: string) => (db.prepare('SELECT folder_id FROM team_folders WHERE case_id = ?').get(caseId) as { folder_id: string } | undefined)?.folder_id ?? null;
      const cases = s.sync.status().map((c) => {
        const folderId = folderOf(c.caseId);
        return { ...c, folderId, engine: watching?.engine.folders.find((f) => f.folderId === folderId) ?? null };
      });
      const engine = watching
        ? { running: watching.engine.running, deviceId: watching.engine.deviceId, peersOnline: watching.peersOnline, at: watching.at, problems: problemsOf(watching) }
        : null;
      if (ctx.values.json) return ctx.json({ cases, engine });
      if (!cases.length) ctx.out('No shared cases in this vault.');
      for (const c of cases) {
        ctx.out(`Case ${c.caseId}: last sent ${c.lastSentAt ?? 'never'}, last received ${c.lastReceivedAt ?? 'never'}, ${c.openConflicts} open conflict(s), ${c.documentsWaiting} document(s) on their way.`);
        if (c.engine) ctx.out(`  Syncthing: ${c.engine.state}, ${c.engine.peersConnected}/${c.engine.peersTotal} peer(s) online, ${c.engine.filesWaiting} file(s) waiting, ${c.engine.bytesToGo} byte(s) to go.`);
      }
      if (!engine) ctx.out('Syncthing is not running for this vault (start it with: sakta sync --vault DIR --watch).');
      else {
        ctx.out(`Syncthing: ${engine.peersOnline} peer(s) online.`);
        for (const p of engine.problems) ctx.out(`${p.code}: ${p.message}`);
      }
    },
  },
];
