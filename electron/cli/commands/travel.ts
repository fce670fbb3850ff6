import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { safeJson } from '../../../shared/safe-text';
import { requiredOption, str, type CliCommand } from '../registry';

/** Travel vaults: a new vault with only the cases a trip needs, synced with home on return (docs/sync.md). */

const CREATE = 'sakta travel create --vault HOME --cases ID,ID --to DIR [--via FOLDER] [--name NAME] [--high-risk] [--json]   (new passphrase from SAKTA_NEW_PASSPHRASE or a prompt)';
const RETIRE = 'sakta travel retire --vault HOME --member NAME --via FOLDER [--json]';


export const commands: CliCommand[] = [
  {
    name: 'travel create',
    summary: 'Make a travel vault: a new vault (own passphrase) holding only the chosen cases, paired with this one',
    usage: CREATE,
    options: { cases: { type: 'string' }, to: { type: 'string' }, via: { type: 'string' }, name: { type: 'string' }, 'high-risk': { type: 'boolean' } },
    async run(ctx) {
      const caseIds = requiredOption(ctx, 'cases', CREATE).split(',');
      const to = path.resolve(requiredOption(ctx, 'to', CREATE));
      const via = str(ctx.values.via);
      const s = await ctx.open();
      const passphrase = await ctx.secret('SAKTA_NEW_PASSPHRASE', 'Passphrase of the travel vault: ');
      if (!process.env.SAKTA_NEW_PASSPHRASE && process.stdin.isTTY) {
        const again = await ctx.secret('SAKTA_NEW_PASSPHRASE_CONFIRM', 'Repeat it: ');
        if (again !== passphrase) throw new SaktaError('VALIDATION', 'The two passphrases differ; nothing was created.');
      }
      const made = await s.travel.create({ caseIds, to, passphrase, via: via ? path.resolve(via) : undefined, name: str(ctx.values.name), profile: ctx.values['high-risk'] ? 'high-risk' : 'standard' });
      // As with init: the recovery key exists only in this output, first, and must be taken; else the travel vault is taken back.
      const first = ctx.values.json ? safeJson(made, 2) : `Travel vault created in ${to} (${made.vaultId}). Recovery key: ${made.recoveryKey}`;
      try {
        await ctx.outConfirmed(first);
      } catch (e) {
        s.travel.discard(made, to);
        throw new SaktaError(
          'IO_ERROR',
          `The recovery key could not be written out (${e instanceof SaktaError ? e.message : 'output closed'}), so the travel vault was erased again. Run it with its output going to a terminal or a file.`,
        );
      }
      if (ctx.values.json) return;
      ctx.out('Write the recovery key down and keep it apart from the travel laptop. It is shown only now:');
      ctx.out('');
      ctx.out(`    ${made.recoveryKey}`);
      ctx.out('');
      for (const c of made.cases) ctx.out(`Case ${c.caseId}: in the travel vault, with ${c.documents} document(s).`);
      ctx.out(`This vault calls it "${made.name}"; it calls this vault "${made.homeName}".`);
      ctx.out(`Back at the office: sakta sync on both vaults through ${made.via ?? 'a folder both can reach'}, then sakta travel retire --member "${made.name}" and sakta shred on the travel vault.`);
    },
  },
  {
    name: 'travel retire',
    summary: 'After the trip (both vaults synced): remove the travel vault from every case it holds; a new key for each',
    usage: RETIRE,
    options: { member: { type: 'string' }, via: { type: 'string' } },
    async run(ctx) {
      const member = requiredOption(ctx, 'member', RETIRE);
      const via = path.resolve(requiredOption(ctx, 'via', RETIRE));
      const s = await ctx.open();
      const r = s.travel.retire(member, via);
      if (ctx.values.json) return ctx.json(r);
      for (const c of r.cases) ctx.out(`Removed ${r.deviceId} from case ${c.caseId} (new key epoch ${c.epoch}).`);
      ctx.out('It can read nothing written from now on. Erase it: sakta shred --vault TRAVEL-DIR --yes');
    },
  },
];
