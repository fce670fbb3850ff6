import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { str, type CliCommand } from '../registry';

/** Shared cases through a sync folder: one exchange, and each shared case's state (docs/sync.md). */

const SYNC = 'sakta sync --vault DIR --via FOLDER [--json]';

export const commands: CliCommand[] = [
  {
    name: 'sync',
    summary: "Exchange shared cases' changes through a folder: writes this device's new changes, applies the other members'",
    usage: SYNC,
    options: { via: { type: 'string' } },
    async run(ctx) {
      const via = str(ctx.values.via);
      if (!via) throw new SaktaError('BAD_REQUEST', `--via is required (usage: ${SYNC})`);
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
    summary: 'Each shared case: when it last sent and received, open conflicts, documents still on their way',
    usage: 'sakta sync-status --vault DIR [--json]',
    options: {},
    async run(ctx) {
      const s = await ctx.open();
      const cases = s.sync.status();
      if (ctx.values.json) return ctx.json({ cases });
      if (!cases.length) ctx.out('No shared cases in this vault.');
      for (const c of cases) {
        ctx.out(`Case ${c.caseId}: last sent ${c.lastSentAt ?? 'never'}, last received ${c.lastReceivedAt ?? 'never'}, ${c.openConflicts} open conflict(s), ${c.documentsWaiting} document(s) on their way.`);
      }
    },
  },
];
