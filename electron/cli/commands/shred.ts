import path from 'node:path';
import readline from 'node:readline';
import { SaktaError } from '../../../shared/errors';
import { shredVault } from '../../services/shred/shred-vault';
import { str, type CliCommand } from '../registry';

/** Emergency erase of a vault folder. */
export const commands: CliCommand[] = [
  {
    name: 'shred',
    summary: 'Emergency erase: destroy the key slots first, then every file of the vault',
    usage: 'sakta shred --vault DIR --yes   (on a terminal, typing ERASE replaces --yes)',
    options: { yes: { type: 'boolean' } },
    async run(ctx) {
      const dir = str(ctx.values.vault);
      if (!dir) throw new SaktaError('BAD_REQUEST', `--vault DIR is required (usage: ${this.usage})`);
      if (!ctx.values.yes) {
        if (!process.stdin.isTTY) throw new SaktaError('BAD_REQUEST', 'Erasing needs --yes (nothing was erased).');
        const typed = await ask(`This destroys the vault in ${dir} for good; backups are not touched. Type ERASE to continue: `);
        if (typed.trim() !== 'ERASE') throw new SaktaError('CANCELLED', 'Not erased.');
      }
      const r = shredVault(path.resolve(dir));
      if (ctx.values.json) return ctx.json(r);
      ctx.out(`Erased: both header areas (the key slots) overwritten in place, then ${r.filesRemoved} files overwritten and deleted.`);
      ctx.out('Not reached: copies an SSD keeps in flash cells it has not reused, copy-on-write file systems (APFS, btrfs, ZFS) and');
      ctx.out('their snapshots, backups and old disk images. Full-disk encryption covers those (docs/travel-safety.md).');
      if (!r.folderRemoved) ctx.out(`The folder was kept because it holds files that are not Sakta's: ${r.leftAlone.join(', ')}`);
    },
  },
];

function ask(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) =>
    rl.question(question, (a) => {
      rl.close();
      resolve(a);
    }),
  );
}
