import { SaktaError } from '../../../shared/errors';
import type { ClipboardGuard } from '../clipboard/clipboard-guard';
import type { VaultService } from '../vault-service';
import { shredVault, type ShredResult } from '../shred/shred-vault';

/** The renderer's protection actions: copy with auto-clear, panic lock, emergency erase. */
export class ProtectionService {
  constructor(
    private readonly deps: {
      vault: VaultService;
      vaultDir: string;
      /** Absent under the CLI and in tests that do not need it. */
      clipboard?: ClipboardGuard;
    },
  ) {}

  async copy(text: string): Promise<{ clearsInSeconds: number }> {
    this.deps.vault.current();
    const guard = this.deps.clipboard;
    if (!guard) throw new SaktaError('UNSUPPORTED', 'Copying is not available here.');
    await guard.copy(text);
    return { clearsInSeconds: Math.round(guard.clearAfterMs / 1000) };
  }

  panic(): void {
    this.deps.vault.lock('panic');
  }

  /** Locks (closing the database and zeroing the keys), then erases the vault folder. */
  erase(): ShredResult {
    this.deps.vault.lock('panic');
    return shredVault(this.deps.vaultDir);
  }
}
