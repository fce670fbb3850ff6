import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import type { RestoreOutcome } from '../../../shared/schemas/backup';
import type { Crypto } from '../../crypto/types';
import { vaultPaths } from '../../vault/layout';
import type { VaultService } from '../vault-service';
import { restoreBackup } from './restore';

export interface RestoreServiceDeps {
  crypto: Crypto;
  vault: VaultService;
  vaultDir: string;
  allowTestKdf?: boolean;
  now?: () => Date;
}

/**
 * Restoring a backup from the app, into the app's own vault folder: on a new laptop after the old one was
 * seized, or over a damaged vault. The CLI's restore (into an empty folder) does the copying and checking;
 * this adds what the app needs around it:
 * - a vault already in the folder is never deleted: with the lawyer's explicit consent it is renamed aside
 *   (`<folder>.before-restore-<time>`, still encrypted) and put back if the restore fails;
 * - the restored vault is opened with the backup's passphrase before success is declared, and left unlocked.
 */
export class RestoreService {
  private running: AbortController | null = null;

  constructor(private readonly deps: RestoreServiceDeps) {}

  async restore(o: { from: string; passphrase: string; replaceExisting: boolean }): Promise<RestoreOutcome> {
    if (this.running) throw new SaktaError('CONFLICT', 'A restore is already running.');
    const dir = path.resolve(this.deps.vaultDir);
    const occupied = fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
    if (occupied && !o.replaceExisting) {
      throw new SaktaError('VAULT_EXISTS', 'A vault is already in this folder. Confirm that it may be moved aside (it is kept, still encrypted) before restoring.');
    }
    const abort = new AbortController();
    this.running = abort;
    let aside: string | null = null;
    try {
      if (this.deps.vault.status().unlocked) this.deps.vault.lock('user');
      if (occupied) {
        const stamp = (this.deps.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
        aside = `${dir}.before-restore-${stamp}`;
        // A rename in the same parent folder: atomic, and nothing of the old vault is rewritten or lost.
        fs.renameSync(dir, aside);
      }
      try {
        const r = await restoreBackup({
          crypto: this.deps.crypto,
          from: o.from,
          vaultDir: dir,
          passphrase: o.passphrase,
          allowTestKdf: this.deps.allowTestKdf,
          signal: abort.signal,
        });
        await this.deps.vault.unlock(o.passphrase);
        return { snapshot: r.snapshot, files: r.files, bytes: r.bytes, warnings: r.warnings, movedAside: aside === null ? null : path.basename(aside) };
      } catch (e) {
        // restoreBackup empties or removes what it wrote; the old vault goes back where it was.
        if (aside !== null) {
          if (fs.existsSync(dir) && !fs.existsSync(vaultPaths(dir).header)) fs.rmSync(dir, { recursive: true, force: true });
          if (!fs.existsSync(dir)) fs.renameSync(aside, dir);
        }
        throw e;
      }
    } finally {
      this.running = null;
    }
  }

  /** Stops a running restore; the folder is left as it was before. */
  cancel(): boolean {
    if (!this.running) return false;
    this.running.abort();
    return true;
  }
}
