import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import type { BackupResult, VerifyReport } from '../../../shared/schemas/backup';
import { createNativeCrypto } from '../../crypto/native';
import { restoreBackup } from '../../services/backup/restore';
import { verifyBackup } from '../../services/backup/verify';
import { str, type CliCommand, type CliContext } from '../registry';

/** A passphrase only if the user supplied one some way; these commands also work without it. */
async function optionalPassphrase(ctx: CliContext): Promise<string | undefined> {
  if (process.env.SAKTA_PASSPHRASE || str(ctx.values['passphrase-file']) || process.stdin.isTTY) return ctx.secret('SAKTA_PASSPHRASE', 'Passphrase (to open the backup too): ');
  return undefined;
}

/** Ctrl+C cancels cleanly (no partial snapshot) instead of killing the process mid-write. */
function abortOnSigint(): { signal: AbortSignal; dispose(): void } {
  const ac = new AbortController();
  const onInt = () => ac.abort();
  process.once('SIGINT', onInt);
  return { signal: ac.signal, dispose: () => process.off('SIGINT', onInt) };
}

function printVerify(ctx: CliContext, r: VerifyReport): void {
  for (const s of r.snapshots) {
    ctx.out(`${s.ok ? 'ok  ' : 'FAIL'}  ${s.snapshot}  ${s.files} files, ${s.bytes} bytes${r.opened && s.ok ? ', opens with the passphrase' : ''}`);
    for (const p of s.problems) ctx.out(`      ${p}`);
  }
}

/** Backups: write one, check them, restore one into a new folder. */
export const commands: CliCommand[] = [
  {
    name: 'backup',
    summary: 'Back up the vault (encrypted, incremental) into a folder, e.g. a USB disk',
    usage: 'sakta backup --vault DIR --to FOLDER [--json]',
    options: { to: { type: 'string' } },
    async run(ctx) {
      const to = str(ctx.values.to);
      if (!to) throw new SaktaError('BAD_REQUEST', `--to FOLDER is required (usage: ${this.usage})`);
      const s = await ctx.open();
      const tty = process.stderr.isTTY;
      const off = s.backup.onProgress((p) => {
        if (tty && p.label === 'blobs') process.stderr.write(`\rcopying stored files ${p.done}/${p.total}`);
      });
      const abort = abortOnSigint();
      let r: BackupResult;
      try {
        r = await s.backup.run({ to: path.resolve(to), signal: abort.signal });
      } finally {
        abort.dispose();
        off();
        if (tty) process.stderr.write('\n');
      }
      if (ctx.values.json) return ctx.json(r);
      ctx.out(`Backup ${r.snapshot} written to ${r.root}`);
      ctx.out(`  ${r.filesWritten} files written (${r.blobsNew} new stored files, ${r.blobsReused} already backed up), ${r.bytesWritten} bytes`);
      if (r.pruned.length) ctx.out(`  removed old backups: ${r.pruned.join(', ')}`);
      for (const w of r.warnings) ctx.out(`  warning: ${w}`);
      ctx.out('Check it with: sakta backup-verify --from ' + JSON.stringify(r.root));
    },
  },
  {
    name: 'backup-verify',
    summary: 'Check every backup snapshot against its signed manifest (no passphrase needed)',
    usage: 'sakta backup-verify --from FOLDER [--json]   (with SAKTA_PASSPHRASE or --passphrase-file, also opens each snapshot)',
    options: { from: { type: 'string' } },
    async run(ctx) {
      const from = str(ctx.values.from);
      if (!from) throw new SaktaError('BAD_REQUEST', `--from FOLDER is required (usage: ${this.usage})`);
      const passphrase = await optionalPassphrase(ctx);
      const r = await verifyBackup(createNativeCrypto(), from, { passphrase });
      if (ctx.values.json) ctx.json(r);
      else printVerify(ctx, r);
      const bad = r.snapshots.find((x) => !x.ok);
      if (bad) throw new SaktaError('INTEGRITY', `backup check failed: ${bad.problems[0]}`);
      if (!ctx.values.json) ctx.out(`All ${r.snapshots.length} snapshots verify.`);
    },
  },
  {
    name: 'restore',
    summary: 'Restore a backup into a new vault folder',
    usage: 'sakta restore --from FOLDER --vault NEWDIR [--snapshot NAME] [--json]',
    options: { from: { type: 'string' }, snapshot: { type: 'string' } },
    async run(ctx) {
      const from = str(ctx.values.from);
      const vaultDir = str(ctx.values.vault);
      if (!from || !vaultDir) throw new SaktaError('BAD_REQUEST', `--from FOLDER and --vault NEWDIR are required (usage: ${this.usage})`);
      const passphrase = await optionalPassphrase(ctx);
      const r = await restoreBackup({
        crypto: createNativeCrypto(),
        from,
        vaultDir,
        snapshot: str(ctx.values.snapshot),
        passphrase,
        allowTestKdf: process.env.SAKTA_TEST_FAST_KDF === '1',
      });
      if (ctx.values.json) return ctx.json(r);
      ctx.out(`Restored snapshot ${r.snapshot} into ${r.vaultDir} (${r.files} files, every checksum verified).`);
      ctx.out(r.opened ? 'The vault opens with the passphrase and its database is intact.' : 'Not opened (no passphrase given): run "sakta unlock-check" on it.');
      for (const w of r.warnings) ctx.out(`  warning: ${w}`);
    },
  },
];
