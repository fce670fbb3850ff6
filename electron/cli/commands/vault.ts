import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { safeJson } from '../../../shared/safe-text';
import { shredVault } from '../../services/shred/shred-vault';
import { OLD_HEADER_NOTE } from '../../services/vault-service';
import type { CliCommand } from '../registry';
import { printRotation, rotationOptions } from './keys';

const humanBytes = (n: number) => (n >= 1024 ** 3 ? `${n / 1024 ** 3} GiB` : `${n / 1024 ** 2} MiB`);

export const commands: CliCommand[] = [
  {
    name: 'init',
    summary: 'Create a new vault in an empty folder',
    usage: 'sakta init --vault DIR [--high-risk]',
    options: { 'high-risk': { type: 'boolean' } },
    async run(ctx) {
      const services = ctx.services();
      const passphrase = await ctx.secret('SAKTA_PASSPHRASE', 'New passphrase: ');
      if (!process.env.SAKTA_PASSPHRASE && process.stdin.isTTY) {
        const again = await ctx.secret('SAKTA_PASSPHRASE_CONFIRM', 'Repeat the passphrase: ');
        if (again !== passphrase) throw new SaktaError('VALIDATION', 'The two passphrases differ; nothing was created.');
      }
      const { recoveryKey } = await services.vault.create(passphrase, ctx.values['high-risk'] ? 'high-risk' : 'standard');
      const info = services.vault.info();
      services.vault.lock();
      if (info.kdf.profile === 'test') process.stderr.write('warning: created with the fast TEST key-derivation profile; never use this vault for real data\n');
      // The recovery key exists only in this output. It goes first (so `init | head -1` keeps it), and the
      // write must be accepted: when it is not (the reader is gone), the vault is erased again rather than
      // left behind with a key nobody saw.
      const first = ctx.values.json ? safeJson({ vaultId: info.vaultId, recoveryKey }, 2) : `Vault created (${info.vaultId}). Recovery key: ${recoveryKey}`;
      try {
        await ctx.outConfirmed(first);
      } catch (e) {
        shredVault(path.resolve(String(ctx.values.vault)));
        throw new SaktaError(
          'IO_ERROR',
          `The recovery key could not be written out (${e instanceof SaktaError ? e.message : 'output closed'}), so the new vault was erased again. Run init with its output going to a terminal or a file.`,
        );
      }
      if (!ctx.values.json) {
        ctx.out('Write the recovery key down and keep it apart from this computer. It is shown only now:');
        ctx.out('');
        ctx.out(`    ${recoveryKey}`);
        ctx.out('');
      }
    },
  },
  {
    name: 'unlock-check',
    summary: 'Check that the passphrase opens the vault and every database page authenticates',
    usage: 'sakta unlock-check --vault DIR',
    options: {},
    async run(ctx) {
      // After `sakta shred` no file is left: for unlock-check that means "no key opens this folder" (exit 3, issue 6).
      const services = await ctx.open().catch((e: unknown) => {
        throw e instanceof SaktaError && e.code === 'VAULT_NOT_FOUND' ? new SaktaError('WRONG_PASSPHRASE', 'No vault opens with this passphrase in that folder (it holds no vault; it may have been erased).') : e;
      });
      const problems = services.vault.checkDatabase();
      services.vault.lock();
      if (problems.length) throw new SaktaError('INTEGRITY', `The database is damaged or was altered: ${problems[0]}.`);
      ctx.out('The passphrase opens this vault; the database is intact.');
    },
  },
  {
    name: 'passwd',
    summary: 'Change the passphrase (a new master key: the database is re-encrypted, document keys re-wrapped)',
    usage: 'sakta passwd --vault DIR [--json]   (new passphrase from SAKTA_NEW_PASSPHRASE or a prompt)',
    options: {},
    async run(ctx) {
      const services = ctx.services();
      const current = await ctx.secret('SAKTA_PASSPHRASE', 'Current passphrase: ');
      const next = await ctx.secret('SAKTA_NEW_PASSPHRASE', 'New passphrase: ');
      const opts = rotationOptions(ctx);
      try {
        const r = await services.vault.changePassphrase(current, next, opts);
        printRotation(ctx, 'Passphrase changed. The old passphrase no longer opens this vault.', r);
      } finally {
        opts.done();
      }
    },
  },
  {
    name: 'recover',
    summary: 'Open the vault with the recovery key and set a new passphrase (with a new master key)',
    usage: 'sakta recover --vault DIR   (key from SAKTA_RECOVERY_KEY or a prompt; new passphrase from SAKTA_NEW_PASSPHRASE or a prompt)',
    options: {},
    async run(ctx) {
      const services = ctx.services();
      const key = await ctx.secret('SAKTA_RECOVERY_KEY', 'Recovery key: ');
      const next = await ctx.secret('SAKTA_NEW_PASSPHRASE', 'New passphrase: ');
      const opts = rotationOptions(ctx);
      try {
        await services.vault.recover(key, next, opts);
      } finally {
        opts.done();
      }
      services.vault.lock();
      ctx.out('Recovered: the vault now opens with the new passphrase. The recovery key stays valid.');
      ctx.out(OLD_HEADER_NOTE);
    },
  },
  {
    name: 'info',
    summary: 'Show the format version, key-derivation parameters and record counts (nothing secret)',
    usage: 'sakta info --vault DIR [--json]',
    options: {},
    async run(ctx) {
      const services = await ctx.open();
      const info = services.vault.info();
      services.vault.lock();
      if (ctx.values.json) return ctx.json(info);
      ctx.out(`Vault ${info.vaultId}`);
      ctx.out(`  format version   ${info.formatVersion} (database schema ${info.schemaVersion})`);
      ctx.out(`  created          ${info.createdAt}`);
      ctx.out(`  key derivation   Argon2id, ${info.kdf.opslimit} passes, ${humanBytes(info.kdf.memlimit)} (${info.kdf.profile})`);
      for (const [k, v] of Object.entries(info.counts ?? {})) ctx.out(`  ${k.padEnd(16)} ${v}`);
    },
  },
];
