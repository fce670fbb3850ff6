import type { Handlers } from '../dispatcher';
import type { VaultService } from '../../services/vault-service';

type VaultHandlers = Pick<Handlers, `vault.${string}` & keyof Handlers>;

/** Thin: the schemas already validated the payload; the service does the work. */
export function vaultHandlers(vault: VaultService): VaultHandlers {
  return {
    'vault.status': () => vault.status(),
    'vault.create': (r) => vault.create(r.passphrase, r.profile),
    'vault.unlock': (r) => vault.unlock(r.passphrase),
    'vault.unlockWithRecoveryKey': (r) => vault.recover(r.recoveryKey, r.newPassphrase),
    'vault.lock': () => (vault.lock('user'), { done: true as const }),
    'vault.info': () => (vault.current(), vault.info()),
    'vault.changePassphrase': async (r) => {
      const { recoveryKey } = await vault.changePassphrase(r.current, r.next);
      return recoveryKey ? { done: true as const, recoveryKey } : { done: true as const };
    },
    'vault.newRecoveryKey': async (r) => ({ recoveryKey: (await vault.newRecoveryKey(r.passphrase)).recoveryKey }),
    'vault.setKdfProfile': (r) => vault.setKdfProfile(r.passphrase, r.profile),
  };
}
