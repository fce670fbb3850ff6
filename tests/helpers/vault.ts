import path from 'node:path';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices, type AppServicesOptions } from '../../electron/composition/app-services';
import { tmpDir } from './tmp';

export const PASS = 'correct horse battery staple — Бишкек 2014';

/**
 * A real vault in a temp folder with real SQLite and libsodium. KDF: the fast "test" profile unless
 * `realKdf` is set (SAKTA_TEST_FAST_KDF is set by the global setup; the header records "test").
 */
export async function newVault(opts: { realKdf?: boolean } & Pick<AppServicesOptions, 'shell'> = {}) {
  const dir = path.join(tmpDir(), 'vault');
  const services = createAppServices({ vaultDir: dir, crypto: createNativeCrypto(), allowTestKdf: !opts.realKdf, shell: opts.shell });
  const { recoveryKey } = await services.vault.create(PASS);
  return { dir, services, vault: services.vault, recoveryKey };
}
