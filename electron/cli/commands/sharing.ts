import path from 'node:path';
import { safetyCode } from '../../services/sharing';
import type { AppServices } from '../../composition/app-services';
import { requiredOption, str, type CliCommand, type CliContext } from '../registry';
import { configureTeam } from './team-watch';

/** Shared cases: this device's identity, pairing through a folder, sharing a case and its members (docs/sync-folder.md). */

const folderOf = (ctx: CliContext, usage: string) => path.resolve(requiredOption(ctx, 'via', usage));

/** `--team`: through Sakta's Syncthing (docs/sync.md, "Team sync"); its daemon runs for this command only. */
const TEAM_OPTIONS = { team: { type: 'boolean' }, listen: { type: 'string' }, 'team-dir': { type: 'string' } } as const;
async function withTeam<T>(ctx: CliContext, s: AppServices, fn: () => Promise<T>): Promise<T> {
  configureTeam(ctx, s);
  try {
    return await fn();
  } finally {
    await s.teamSync.stop();
  }
}

export const commands: CliCommand[] = [
  {
    name: 'identity',
    summary: "This device's id for shared cases, and the safety code it shares with each paired device",
    usage: 'sakta identity --vault DIR [--json]',
    options: {},
    async run(ctx) {
      const s = await ctx.open();
      const me = s.sharing.pairing.identity();
      const peers = s.sharing.pairing.peers().map((p) => ({ deviceId: p.deviceId, name: p.name, pairedAt: p.pairedAt, safetyCode: safetyCode(s.vault.crypto, me, p) }));
      if (ctx.values.json) return ctx.json({ deviceId: me.deviceId, peers });
      ctx.out(`Device id: ${me.deviceId}`);
      if (!peers.length) ctx.out('No paired devices yet. Pair with: sakta pair --vault DIR --via FOLDER');
      for (const p of peers) ctx.out(`Paired with "${p.name}" (${p.deviceId}), safety code ${p.safetyCode}`);
    },
  },
  {
    name: 'pair',
    summary: "Pair with another device through a folder: leaves this device's offer there and lists the others' safety codes; --confirm trusts one",
    usage: 'sakta pair --vault DIR --via FOLDER [--confirm CODE --name NAME] [--team [--listen tcp://host:port] [--team-dir DIR]] [--json]   (--team: the offer carries this device\u2019s Syncthing id and address)',
    options: { via: { type: 'string' }, confirm: { type: 'string' }, name: { type: 'string' }, ...TEAM_OPTIONS },
    async run(ctx) {
      const folder = folderOf(ctx, this.usage);
      const s = await ctx.open();
      const code = str(ctx.values.confirm);
      if (code) {
        const name = requiredOption(ctx, 'name', this.usage);
        const peer = ctx.values.team ? await withTeam(ctx, s, () => s.teamSync.confirm(folder, code, name)) : s.sharing.pairing.confirm(folder, code, name);
        if (ctx.values.json) return ctx.json({ paired: peer });
        ctx.out(`Paired with "${peer.name}" (${peer.deviceId}).`);
        return;
      }
      const offer = ctx.values.team ? await withTeam(ctx, s, () => s.teamSync.offer(folder)) : s.sharing.pairing.offer(folder);
      const { offers, refused } = s.sharing.pairing.scan(folder);
      const me = s.sharing.pairing.identity();
      if (ctx.values.json) return ctx.json({ deviceId: me.deviceId, offer: offer.file, offers, refused });
      ctx.out(offer.created ? "This device's offer was written to the folder." : "This device's offer is already in the folder.");
      if (!offers.length) ctx.out('No other device has left an offer there yet; run this again once it has.');
      for (const o of offers) {
        ctx.out(`Device ${o.deviceId}${o.pairedAs ? ` (paired as "${o.pairedAs}")` : ''}`);
        ctx.out(`  safety code: ${o.safetyCode}`);
      }
      for (const r of refused) ctx.out(`Refused ${r.file}: ${r.message}`);
      if (offers.some((o) => !o.pairedAs)) ctx.out('Compare the code with the other screen, then: sakta pair --vault DIR --via FOLDER --confirm "CODE" --name NAME');
    },
  },
  {
    name: 'share',
    summary: 'Share a case with a paired device: its key is sealed to that device in the folder',
    usage: 'sakta share --vault DIR --case ID --with MEMBER (--via FOLDER | --team [--team-dir DIR]) [--json]   (MEMBER: the name given at pairing, or a device id; --team: in the case\u2019s own Syncthing folder)',
    options: { case: { type: 'string' }, with: { type: 'string' }, via: { type: 'string' }, ...TEAM_OPTIONS },
    async run(ctx) {
      const caseId = requiredOption(ctx, 'case', this.usage);
      const member = requiredOption(ctx, 'with', this.usage);
      const folder = ctx.values.team ? null : folderOf(ctx, this.usage);
      const s = await ctx.open();
      const r = folder ? s.sync.share(caseId, member, folder) : await withTeam(ctx, s, () => s.teamSync.share(caseId, member));
      if (ctx.values.json) return ctx.json(r);
      ctx.out(`Case ${r.caseId} is shared with ${r.deviceId} (key epoch ${r.epoch}).`);
    },
  },
  {
    name: 'members',
    summary: "A shared case's member devices (with --via, first takes in the key envelopes found in the folder)",
    usage: 'sakta members --vault DIR --case ID [--via FOLDER] [--json]',
    options: { case: { type: 'string' }, via: { type: 'string' } },
    async run(ctx) {
      const caseId = requiredOption(ctx, 'case', this.usage);
      const s = await ctx.open();
      const via = str(ctx.values.via);
      const received = via ? s.sharing.membership.receiveEnvelopes(path.resolve(via)) : { accepted: [], reports: [] };
      const members = s.sharing.membership.members(caseId);
      if (ctx.values.json) return ctx.json({ caseId, members, reports: received.reports });
      for (const r of received.reports) ctx.out(`warning: ${r.code}: ${r.message}`);
      for (const m of members) {
        const who = m.self ? 'this device' : m.name ? `"${m.name}"` : '(added by another member)';
        ctx.out(`${m.deviceId}  ${who}  ${m.status === 'active' ? 'member' : `removed (from key epoch ${m.removedEpoch}; keeps what it already had)`}`);
      }
    },
  },
  {
    name: 'unshare',
    summary: 'Remove a device from a shared case: a new key, sealed to the remaining members only',
    usage: 'sakta unshare --vault DIR --case ID --member MEMBER (--via FOLDER | --team [--team-dir DIR]) [--json]',
    options: { case: { type: 'string' }, member: { type: 'string' }, via: { type: 'string' }, ...TEAM_OPTIONS },
    async run(ctx) {
      const caseId = requiredOption(ctx, 'case', this.usage);
      const member = requiredOption(ctx, 'member', this.usage);
      const folder = ctx.values.team ? null : folderOf(ctx, this.usage);
      const s = await ctx.open();
      const r = folder ? s.sync.unshare(caseId, member, folder) : await withTeam(ctx, s, () => s.teamSync.unshare(caseId, member));
      if (ctx.values.json) return ctx.json(r);
      ctx.out(`${r.deviceId} was removed from case ${r.caseId}; new key epoch ${r.epoch}. It keeps what it already had, and cannot read anything written from now on.`);
    },
  },
];
