import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices } from '../../electron/composition/app-services';
import { isSaktaError } from '../../shared/errors';

/**
 * Opens a vault in this process as the app would, with one secret, and runs the full verification
 * (every database page, every stored file decrypted against its SHA-256, the audit chain and rotations).
 * Returns 'ok', the error code that refused it, or 'verify: …' with the first problem.
 */
export async function openAndVerify(dir: string, secret: { passphrase: string }): Promise<string> {
  const s = createAppServices({ vaultDir: dir, crypto: createNativeCrypto(), allowTestKdf: true });
  try {
    await s.vault.unlock(secret.passphrase);
    const report = await s.verify.verify();
    return report.problems.length ? `verify: ${report.problems[0]!.message}` : 'ok';
  } catch (e) {
    if (isSaktaError(e)) return e.code;
    throw e;
  } finally {
    s.vault.lock('shutdown');
  }
}
