import type { Crypto } from '../crypto/types';
import { createDispatcher, type DispatcherOptions, type Handlers } from '../ipc/dispatcher';
import { vaultHandlers } from './handlers/vault.handlers';
import { VaultService } from './vault-service';

/**
 * Builds every service for one vault folder, wired with its dependencies (no singletons).
 * The Electron main process, the CLI and the test bridge all start here.
 */
export interface AppServicesOptions {
  vaultDir: string;
  crypto: Crypto;
  allowTestKdf?: boolean;
  now?: () => Date;
}

export function createAppServices(opts: AppServicesOptions) {
  const vault = new VaultService({ dir: opts.vaultDir, crypto: opts.crypto, allowTestKdf: opts.allowTestKdf, now: opts.now });
  const handlers: Partial<Handlers> = {
    ...vaultHandlers(vault),
  };
  return {
    vault,
    handlers,
    dispatcher: (o: DispatcherOptions) => createDispatcher(handlers, o),
  };
}
export type AppServices = ReturnType<typeof createAppServices>;
