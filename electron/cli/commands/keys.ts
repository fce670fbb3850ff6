import { SaktaError } from '../../../shared/errors';
import { reencryptDocuments } from '../../services/keys/reencrypt-documents';
import { OLD_HEADER_NOTE, type RotationOptions, type RotationProgress, type RotationResult } from '../../services/vault-service';
import type { CliCommand, CliContext } from '../registry';

/**
 * Key rotation from the command line: progress on stderr, and Ctrl+C cancels cleanly while the new key is
 * being derived. Once the new header is written the rotation finishes (a kill there is finished at the next open).
 */
export function rotationOptions(ctx: CliContext): RotationOptions & { done(): void } {
  const abort = new AbortController();
  const onSigint = () => {
    if (!abort.signal.aborted) process.stderr.write('\ncancelling…\n');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  const quiet = !!ctx.values.json;
  const say = (p: RotationProgress) => {
    if (quiet) return;
    const what: Record<RotationProgress['step'], string> = {
      deriving: 'deriving the new key (Ctrl+C cancels until the next step)',
      header: 'writing the new header (from here on only the new secrets open the vault)',
      documents: `re-wrapping document keys ${p.done ?? 0}/${p.total ?? 0}`,
      database: 're-encrypting the database under the new key',
      finishing: 'destroying the old key in the header',
      done: 'done',
    };
    process.stderr.write(`key rotation: ${what[p.step]}\n`);
  };
  return { signal: abort.signal, onProgress: say, done: () => process.off('SIGINT', onSigint) };
}

export function printRotation(ctx: CliContext, headline: string, r: RotationResult & { recoveryKey?: string }): void {
  if (ctx.values.json) return ctx.json({ rotated: true, documentsRewrapped: r.documentsRewrapped, recoveryKey: r.recoveryKey ?? null, recoveryKeyReplaced: r.recoveryKeyReplaced ?? null });
  ctx.out(headline);
  ctx.out(`A new master key encrypts the database; the keys of ${r.documentsRewrapped} stored files were re-wrapped under it.`);
  if (r.recoveryKey) {
    if (r.recoveryKeyReplaced === 'format-1') ctx.out('Your recovery key was of format 1 and cannot follow a new master key: it no longer opens this vault.');
    else ctx.out('The old recovery key no longer opens this vault.');
    ctx.out('New recovery key — write it down and keep it apart from this computer. It is shown only now:');
    ctx.out('');
    ctx.out(`    ${r.recoveryKey}`);
    ctx.out('');
  }
  ctx.out(OLD_HEADER_NOTE);
}

export const commands: CliCommand[] = [
  {
    name: 'rotate-keys',
    summary: 'Replace the master key (database re-encrypted, document keys re-wrapped); passphrase and recovery key stay',
    usage: 'sakta rotate-keys --vault DIR [--reencrypt-documents] [--json]',
    options: { 'reencrypt-documents': { type: 'boolean' } },
    async run(ctx) {
      const services = ctx.services();
      const passphrase = await ctx.secret('SAKTA_PASSPHRASE', 'Passphrase: ');
      const opts = rotationOptions(ctx);
      try {
        const reencrypt = !!ctx.values['reencrypt-documents'];
        // Re-encrypting needs the vault open afterwards: open it first, the rotation then keeps it open.
        if (reencrypt) await services.vault.unlock(passphrase);
        const r = await services.vault.rotateKeys(passphrase, opts);
        let documents: { reencrypted: number; cancelled: boolean } | null = null;
        if (reencrypt) {
          documents = await reencryptDocuments(services, {
            signal: opts.signal,
            onProgress: (done, total) => !ctx.values.json && process.stderr.write(`re-encrypting stored files ${done}/${total}\n`),
          });
        }
        if (ctx.values.json && documents) return ctx.json({ rotated: true, documentsRewrapped: r.documentsRewrapped, filesReencrypted: documents.reencrypted, cancelled: documents.cancelled });
        printRotation(ctx, 'Keys rotated. The passphrase and the recovery key are unchanged.', r);
        if (documents) {
          ctx.out(`${documents.reencrypted} stored files re-encrypted under new keys of their own; the old files were overwritten and deleted.`);
          if (documents.cancelled) ctx.out('Cancelled part-way: the other files keep their keys. Run the command again to finish.');
        }
      } finally {
        opts.done();
      }
    },
  },
  {
    name: 'recovery-key',
    summary: 'Make a new recovery key (shown once); the old one is revoked and the master key replaced',
    usage: 'sakta recovery-key --vault DIR --new [--json]',
    options: { new: { type: 'boolean' } },
    async run(ctx) {
      if (!ctx.values.new) throw new SaktaError('BAD_REQUEST', 'Say --new to replace the recovery key (usage: sakta recovery-key --vault DIR --new).');
      const services = ctx.services();
      const passphrase = await ctx.secret('SAKTA_PASSPHRASE', 'Passphrase: ');
      const opts = rotationOptions(ctx);
      try {
        const r = await services.vault.newRecoveryKey(passphrase, opts);
        printRotation(ctx, 'New recovery key made; the old one is revoked.', r);
      } finally {
        opts.done();
      }
    },
  },
];
