import type { Handlers } from '../dispatcher';
import type { RestoreService } from '../../services/backup/restore-service';
import type { PickedPaths } from '../../services/paths/picked-paths';
import type { VaultService } from '../../services/vault-service';

type VaultHandlers = Pick<Handlers, `vault.${string}` & keyof Handlers>;

/** Thin: the schemas already validated the payload; the service does the work. */
export function vaultHandlers(vault: VaultService, restore: RestoreService, picked: PickedPaths): VaultHandlers {
  return {
    'vault.status': () => vault.status(),
    'vault.create': (r) => vault.create(r.passphrase, r.profile),
    'vault.unlock': (r) => vault.unlock(r.passphrase),
    'vault.unlockWithRecoveryKey': (r) => vault.recover(r.recoveryKey, r.newPassphrase),
    'vault.lock': () => (vault.lock('user'), { done: true as const }),
    'vault.restore': (r) => restore.restore({ from: picked.take('backup-folder', r.from, 'from'), passphrase: r.passphrase, replaceExisting: r.replaceExisting }),
    'vault.cancelRestore': () => ({ cancelled: restore.cancel() }),
    'vault.info': () => (vault.current(), vault.info()),
    'vault.changePassphrase': async (r) => {
      const { recoveryKey } = await vault.changePassphrase(r.current, r.next);
      return recoveryKey ? { done: true as const, recoveryKey } : { done: true as const };
    },
    'vault.newRecoveryKey': async (r) => ({ recoveryKey: (await vault.newRecoveryKey(r.passphrase)).recoveryKey }),
    'vault.setKdfProfile': (r) => vault.setKdfProfile(r.passphrase, r.profile),
  };
}
